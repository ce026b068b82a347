"""The pages around the sockets: poster and operator-card targets, the point page, the staff dashboard."""

import pytest
from django.utils import timezone

from livesessions.models import AttendanceSnapshot, PointPresence
from livesessions.scheduling import session_close
from places.models import StaffRole

from .conftest import make_session

pytestmark = pytest.mark.django_db


def test_a_poster_leads_to_the_class_on_now(client, live_session, points):
    response = client.get(f"/live/diem-danh/{points[0].code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/live/{live_session.pk}/?diem=PH-01"


def test_a_poster_with_no_class_on_says_so_and_lists_the_coming_ones(client, hung_yen, points):
    make_session(hung_yen, points=points, open_it=False, title="Dùng VNeID mức 2")
    html = client.get("/live/diem-danh/PH-01/").content.decode()
    assert "Dùng VNeID mức 2" in html
    assert 'href="/live/' not in html.split("<main", 1)[1]


def test_a_poster_with_two_classes_on_lets_the_villager_choose(client, hung_yen, points):
    make_session(hung_yen, points=points, title="Lớp sáng")
    make_session(hung_yen, points=points, title="Lớp chiều")
    html = client.get("/live/diem-danh/PH-01/").content.decode()
    assert "Lớp sáng" in html and "Lớp chiều" in html and "?diem=PH-01" in html


def test_an_unknown_poster_code_is_not_found(client, geography):
    assert client.get("/live/diem-danh/KHONG-CO/").status_code == 404


def test_the_operator_card_lookup_lists_the_open_class_without_secrets(client, live_session, points):
    data = client.get("/live/diem-cau/PH-01/lop/").json()
    assert data["point"]["code"] == "PH-01"
    assert [s["id"] for s in data["open"]] == [live_session.pk]
    assert data["open"][0]["url"] == f"/live/{live_session.pk}/diem-cau/"
    body = client.get("/live/diem-cau/PH-01/lop/").content.decode()
    assert "token" not in body and points[0].token not in body


def test_the_operator_card_lookup_of_an_unknown_point_is_404(client, live_session):
    assert client.get("/live/diem-cau/NOPE/lop/").status_code == 404


def test_the_operator_card_page_needs_no_secret_from_the_server(client, geography):
    html = client.get("/live/diem-cau/").content.decode()
    assert "chooser.js" in html and "<noscript>" in html


def test_the_point_page_works_from_the_fragment_and_explains_itself_without_javascript(client, live_session):
    html = client.get(f"/live/{live_session.pk}/diem-cau/").content.decode()
    assert live_session.title in html
    assert f'data-socket-path="/ws/live/{live_session.pk}/point/"' in html
    assert "<noscript>" in html and "point.js" in html
    assert 'type="number"' in html


def test_the_villager_page_shows_the_class_and_the_stream(client, live_session):
    html = client.get(f"/live/{live_session.pk}/").content.decode()
    assert live_session.title in html and live_session.stream_url in html


def test_the_dashboard_needs_a_staff_login(client, live_session):
    response = client.get(f"/live/{live_session.pk}/bang-dieu-khien/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dashboard_is_refused_to_staff_of_another_province(
    client, live_session, make_staff, other_province_commune
):
    client.force_login(make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province))
    assert client.get(f"/live/{live_session.pk}/bang-dieu-khien/").status_code == 403


def test_the_dashboard_shows_points_head_count_check_ins_dropped_points_and_the_chart(
    client, live_session, points, provincial_admin
):
    long_ago = timezone.now() - timezone.timedelta(minutes=5)
    PointPresence.objects.create(
        session=live_session, point=points[1].obj, first_seen_at=long_ago, last_seen_at=long_ago, last_headcount=44
    )
    PointPresence.objects.create(
        session=live_session,
        point=points[0].obj,
        first_seen_at=long_ago,
        last_seen_at=timezone.now(),
        last_headcount=25,
    )
    minute = timezone.now().replace(second=0, microsecond=0)
    AttendanceSnapshot.objects.create(session=live_session, minute=minute, points_online=1, headcount=25, checkins=0)
    client.force_login(provincial_admin)
    html = client.get(f"/live/{live_session.pk}/bang-dieu-khien/").content.decode()
    assert '<span data-field="points_online">1</span> / <span data-field="points_total">3</span>' in html
    assert '<dd data-field="headcount">25</dd>' in html
    assert 'href="tel:0987654321"' in html  # PH-02 dropped out: call its operator
    assert "<svg" in html and "Phường Phố Hiến" in html


def test_a_closed_class_dashboard_still_opens(client, live_session, provincial_admin):
    session_close(session=live_session)
    client.force_login(provincial_admin)
    assert client.get(f"/live/{live_session.pk}/bang-dieu-khien/").status_code == 200
