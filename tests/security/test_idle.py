"""Staff sessions end after half an hour without a request; each request renews the clock."""

import time

from django.utils.translation import override

from places.middleware import LAST_SEEN_KEY

from .conftest import shows


def _idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - seconds
    session.save()


def test_a_staff_session_idle_longer_than_the_limit_is_asked_to_sign_in_again(client, commune_trainer, settings):
    client.force_login(commune_trainer)
    assert client.get("/admin/").status_code == 200
    _idle_for(client, settings.STAFF_IDLE_TIMEOUT + 1)
    with override("en"):
        response = client.get("/admin/places_village/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/") and "next=%2Fadmin%2Fplaces_village%2F" in response.url
    with override("en"):
        login_page = client.get(response.url).content.decode()
    assert shows(
        login_page,
        "You were signed out after %(minutes)s minutes without activity. Please sign in again.",
        minutes=30,
    )
    assert client.get("/admin/").status_code == 302  # still signed out


def test_a_session_used_within_the_limit_stays_and_is_renewed(client, commune_trainer, settings):
    client.force_login(commune_trainer)
    client.get("/admin/")
    _idle_for(client, settings.STAFF_IDLE_TIMEOUT - 60)
    assert client.get("/admin/").status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 5  # the clock starts again


def test_learners_are_not_affected(client, pho_hien):
    from tests.livesessions.conftest import learner_client

    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    assert client.get("/du-lieu-cua-toi/").status_code == 200
    assert LAST_SEEN_KEY not in client.session
