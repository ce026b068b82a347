"""Trainers and the provincial union schedule live classes, invite points, open and close them — in scope."""

import pytest
from django.utils.translation import gettext

from livesessions.models import LiveSession, SessionStatus
from livesessions.scheduling import point_create, session_schedule
from places.models import StaffRole

INDEX = "/admin/livesessions_session/"


def _schedule(client, organiser: str, **extra):
    data = {
        "title": "Dịch vụ công trực tuyến cho bà con",
        "organiser": organiser,
        "lesson": "",
        "stream_url": "https://www.youtube.com/watch?v=thu-nghiem",
        "scheduled_start": "2026-12-01 08:00",
        "scheduled_end": "2026-12-01 10:00",
        **extra,
    }
    return client.post(f"{INDEX}new/", data)


@pytest.fixture
def points(pho_hien, other_commune_in_hung_yen):
    return {
        "ph1": point_create(code="PH-01", name="Nhà văn hoá Thôn 1", commune=pho_hien)[0],
        "ph2": point_create(code="PH-02", name="Nhà văn hoá Thôn 2", commune=pho_hien)[0],
        "ph_old": point_create(code="PH-09", name="Hội trường cũ", commune=pho_hien)[0],
        "at1": point_create(code="AT-01", name="Hội trường Ân Thi", commune=other_commune_in_hung_yen)[0],
    }


@pytest.fixture
def session(points, pho_hien, commune_trainer):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now() + timedelta(days=1)
    return session_schedule(
        title="Lớp của phường",
        province=pho_hien.province,
        commune=pho_hien,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=2),
        created_by=commune_trainer,
    )


def test_a_trainer_schedules_a_class_inviting_their_communes_active_points(client, commune_trainer, pho_hien, points):
    points["ph_old"].is_active = False
    points["ph_old"].save()
    client.force_login(commune_trainer)

    response = _schedule(client, f"c{pho_hien.pk}")

    assert response.status_code == 302
    session = LiveSession.objects.get()
    assert (session.province, session.commune, session.status) == (pho_hien.province, pho_hien, SessionStatus.SCHEDULED)
    assert {point.code for point in session.invited_points.all()} == {"PH-01", "PH-02"}
    assert session.created_by == commune_trainer
    assert "Dịch vụ công trực tuyến cho bà con" in client.get(INDEX).content.decode()


def test_a_trainer_cannot_organise_a_class_outside_their_area(
    client, commune_trainer, hung_yen, other_commune_in_hung_yen, points
):
    client.force_login(commune_trainer)
    form = client.get(f"{INDEX}new/").content.decode()
    assert "Xã Ân Thi" not in form

    for organiser in (f"c{other_commune_in_hung_yen.pk}", f"p{hung_yen.pk}"):
        html = _schedule(client, organiser).content.decode()
        assert gettext("You can only organise a class for the area you are responsible for.") in html
    assert not LiveSession.objects.exists()


def test_a_class_must_end_after_it_starts(client, commune_trainer, pho_hien):
    client.force_login(commune_trainer)
    html = _schedule(client, f"c{pho_hien.pk}", scheduled_end="2026-12-01 07:00").content.decode()
    assert gettext("The class must end after it starts.") in html
    assert not LiveSession.objects.exists()


def test_a_provincial_admin_schedules_a_province_wide_class_for_every_point(client, provincial_admin, hung_yen, points):
    client.force_login(provincial_admin)
    assert _schedule(client, f"p{hung_yen.pk}").status_code == 302
    session = LiveSession.objects.get()
    assert session.commune is None
    assert session.invited_points.count() == 4


def test_an_admin_of_another_province_can_neither_see_nor_change_the_class(
    client, make_staff, other_province_commune, session
):
    hanoi = make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)
    client.force_login(hanoi)
    assert "Lớp của phường" not in client.get(INDEX).content.decode()
    for address in ("edit/{}/", "{}/invites/", "{}/open/", "{}/close/", "{}/report/"):
        url = INDEX + address.format(session.pk)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Đổi"}).status_code == 404, url
    session.refresh_from_db()
    assert (session.title, session.status) == ("Lớp của phường", SessionStatus.SCHEDULED)


def test_opening_and_closing_take_a_confirmed_post(client, commune_trainer, session):
    client.force_login(commune_trainer)

    assert client.get(f"{INDEX}{session.pk}/open/").status_code == 200
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED

    client.post(f"{INDEX}{session.pk}/open/")
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN and session.opened_at

    client.post(f"{INDEX}{session.pk}/close/")
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED and session.closed_at


def test_the_invitations_screen_changes_only_points_in_the_users_area(
    client, commune_trainer, provincial_admin, session, points
):
    # The provincial union adds a point of another commune; the trainer's changes leave it invited.
    session.invited_points.add(points["at1"])
    client.force_login(commune_trainer)
    html = client.get(f"{INDEX}{session.pk}/invites/").content.decode()
    assert "PH-01" in html and "AT-01" not in html

    client.post(f"{INDEX}{session.pk}/invites/", {"points": [points["ph2"].pk]})
    assert {point.code for point in session.invited_points.all()} == {"PH-02", "AT-01"}

    refused = client.post(f"{INDEX}{session.pk}/invites/", {"points": [points["ph1"].pk, points["at1"].pk]})
    assert refused.status_code == 200  # the screen again, with the error
    assert {point.code for point in session.invited_points.all()} == {"PH-02", "AT-01"}


def test_a_trainer_sees_a_province_wide_class_but_only_the_union_manages_it(
    client, commune_trainer, provincial_admin, hung_yen, points
):
    from datetime import timedelta

    from django.utils import timezone

    start = timezone.now()
    session = session_schedule(
        title="Lớp toàn tỉnh",
        province=hung_yen,
        commune=None,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=2),
    )
    client.force_login(commune_trainer)
    assert "Lớp toàn tỉnh" in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}{session.pk}/report/").status_code == 200
    for address in ("edit/{}/", "{}/invites/", "{}/open/"):
        assert client.post(INDEX + address.format(session.pk)).status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


def test_the_menu_shows_live_classes_and_points_to_both_roles(client, commune_trainer, provincial_admin):
    for user in (commune_trainer, provincial_admin):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        assert "/admin/livesessions_session/" in html and "/admin/livesessions_point/" in html


def test_the_class_list_leads_to_its_report_dashboard_and_villagers_page(client, commune_trainer, session):
    client.force_login(commune_trainer)
    html = client.get(INDEX).content.decode()
    for address in (
        f"{INDEX}{session.pk}/report/",
        f"{INDEX}{session.pk}/invites/",
        f"{INDEX}{session.pk}/open/",
        f"/live/{session.pk}/bang-dieu-khien/",
        f"/live/{session.pk}/",
    ):
        assert f'href="{address}"' in html, address
