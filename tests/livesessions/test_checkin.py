"""Villagers checking in from their phones: counted once, with the point when they came from its poster."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.utils import timezone

from learners.identity import remember_learner
from livesessions import views
from livesessions.hub import roster_forget
from livesessions.models import CheckIn
from livesessions.scheduling import session_close
from places.models import Village

from .conftest import learner_client, make_session

pytestmark = pytest.mark.django_db


def checkin_url(session):
    return f"/live/{session.pk}/checkin/"


def test_a_villager_checks_in_with_one_tap_and_sees_the_time(client, live_session, pho_hien):
    learner = learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    response = client.post(checkin_url(live_session), follow=True)
    html = response.content.decode()
    checkin = CheckIn.objects.get()
    assert (checkin.learner, checkin.village.name, checkin.point) == (learner, "Thôn 3", None)
    assert response.redirect_chain[-1][0] == f"/live/{live_session.pk}/"
    assert timezone.localtime(checkin.created_at).strftime("%H:%M") in html
    page = client.get(f"/live/{live_session.pk}/").content.decode()
    assert f'action="/live/{live_session.pk}/checkin/"' not in page  # no second button once counted


def test_same_learner_checking_in_twice_counts_once(client, live_session, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 1"))
    client.post(checkin_url(live_session))
    second = client.post(checkin_url(live_session), follow=True)
    assert CheckIn.objects.count() == 1
    assert second.status_code == 200


def test_ten_thousand_check_ins_from_a_hundred_learners_count_each_once(client, live_session, pho_hien, rf):
    village = pho_hien.villages.get(name="Thôn 2")
    learners = [learner_client(client, village, name=f"Người {number}") for number in range(100)]
    # Each learner's first tap through the whole site (cookie, CSRF-exempt test client, middleware) …
    for learner in learners:
        client.cookies[settings.LEARNER_COOKIE_NAME] = _cookie_for(learner)
        assert client.post(checkin_url(live_session)).status_code == 302
    # … then 99 more taps each, straight at the view (the middleware was shown above; this keeps it quick).
    for _round in range(99):
        for learner in learners:
            request = rf.post(checkin_url(live_session))
            request.learner, request.user, request.htmx = learner, AnonymousUser(), False
            request._dont_enforce_csrf_checks = True
            request.session = {}
            request._messages = FallbackStorage(request)
            assert views.checkin(request, live_session.pk).status_code == 302
    assert CheckIn.objects.filter(session=live_session).count() == 100
    assert set(CheckIn.objects.values_list("learner_id", flat=True)) == {learner.pk for learner in learners}


def _cookie_for(learner) -> str:
    response = HttpResponse()
    remember_learner(response, learner)
    return response.cookies[settings.LEARNER_COOKIE_NAME].value


def test_a_check_in_from_a_points_poster_records_the_point(client, live_session, points, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    landing = client.get(f"/live/diem-danh/{points[0].code}/")
    assert landing.status_code == 302 and landing["Location"] == f"/live/{live_session.pk}/?diem=PH-01"
    page = client.get(landing["Location"]).content.decode()
    assert 'name="point" value="PH-01"' in page
    client.post(checkin_url(live_session), {"point": "PH-01"})
    assert CheckIn.objects.get().point == points[0].obj


def test_an_unknown_point_code_is_ignored_and_the_check_in_still_counts(client, live_session, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    client.post(checkin_url(live_session), {"point": "KHONG-CO"})
    assert CheckIn.objects.get().point is None


def test_staff_checking_in_are_not_counted(client, live_session, provincial_admin):
    client.force_login(provincial_admin)
    response = client.post(checkin_url(live_session), follow=True)
    assert CheckIn.objects.count() == 0
    assert "not counted" in response.content.decode() or "không được tính" in response.content.decode()


def test_a_learner_who_is_also_signed_in_as_staff_is_not_counted(client, live_session, provincial_admin, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    client.force_login(provincial_admin)
    client.post(checkin_url(live_session))
    assert CheckIn.objects.count() == 0


def test_a_check_in_to_a_closed_class_is_refused_with_a_clear_message(client, live_session, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    session_close(session=live_session)
    roster_forget(live_session.pk)  # another process would see it within two seconds
    response = client.post(checkin_url(live_session), follow=True)
    assert CheckIn.objects.count() == 0
    assert "message-error" in response.content.decode()


def test_a_check_in_before_the_class_opens_is_refused(client, hung_yen, points, pho_hien):
    session = make_session(hung_yen, points=points, open_it=False)
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    response = client.post(checkin_url(session), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert CheckIn.objects.count() == 0


def test_htmx_gets_the_answer_in_place(client, live_session, pho_hien):
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    response = client.post(checkin_url(live_session), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'class="live-done"' in response.content.decode()
    assert CheckIn.objects.count() == 1


def test_a_phone_that_has_not_joined_is_sent_to_the_join_flow_and_back(client, live_session):
    page = client.get(f"/live/{live_session.pk}/?diem=PH-01").content.decode()
    assert "/tham-gia/?next=%2Flive%2F" in page and "diem%3DPH-01" in page
    response = client.post(checkin_url(live_session), {"point": "PH-01"})
    assert response.status_code == 302
    assert response["Location"].startswith("/tham-gia/?next=%2Flive%2F")
    assert CheckIn.objects.count() == 0


def test_check_in_needs_the_csrf_token(live_session, pho_hien):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    assert client.post(checkin_url(live_session)).status_code == 403
    assert CheckIn.objects.count() == 0


def test_the_check_in_keeps_the_village_the_learner_lived_in_at_the_time(client, live_session, pho_hien):
    learner = learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    client.post(checkin_url(live_session))
    learner.village = Village.objects.get(commune=pho_hien, name="Thôn 10")
    learner.save()
    assert CheckIn.objects.get().village.name == "Thôn 3"


def test_staff_see_why_the_button_is_not_there(client, live_session):
    staff = get_user_model().objects.create_user("canbo", is_staff=True)
    client.force_login(staff)
    html = client.get(f"/live/{live_session.pk}/").content.decode()
    assert "checkin/" not in html.split("<main", 1)[1].split("</main>", 1)[0]
