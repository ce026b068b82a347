"""Live classes on a 360-px phone: the villager's one tap, and the operator's point page feeding the dashboard."""

import time

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from livesessions.models import CheckIn, PointPresence
from tests.livesessions.conftest import learner_client, make_point, make_session
from tests.livesessions.daphne_process import Daphne

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _wait_for(check, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_a_villager_checks_in_with_one_tap_without_javascript(live_server, phone, hung_yen, pho_hien):
    point = make_point(pho_hien, "PH-01")
    session = make_session(hung_yen, points=[point])
    client = Client()
    learner_client(client, pho_hien.villages.get(name="Thôn 3"))
    phone.context.add_cookies(
        [
            {
                "name": settings.LEARNER_COOKIE_NAME,
                "value": client.cookies[settings.LEARNER_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    phone.goto(f"{live_server.url}/live/diem-danh/PH-01/")  # the hall's poster
    assert phone.url.endswith(f"/live/{session.pk}/?diem=PH-01")
    assert _no_horizontal_scroll(phone)
    button = phone.locator(".live-big-button")
    assert button.bounding_box()["height"] >= 48
    button.click()
    assert phone.locator(".live-done").count() == 1
    assert CheckIn.objects.get().point.code == "PH-01"
    assert _no_horizontal_scroll(phone)


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_a_new_phone_is_sent_to_join_first(live_server, phone, hung_yen, pho_hien):
    session = make_session(hung_yen, points=[make_point(pho_hien, "PH-01")])
    phone.goto(f"{live_server.url}/live/{session.pk}/?diem=PH-01")
    link = phone.locator("a.button-primary")
    assert "/tham-gia/?next=" in link.get_attribute("href")
    assert phone.locator(".live-big-button").count() == 0


@pytest.mark.postgres
def test_the_point_page_connects_and_its_head_count_reaches_the_dashboard(phone, browser, hung_yen, pho_hien):
    point = make_point(pho_hien, "PH-01")
    session = make_session(hung_yen, points=[point], interval=5)
    server = Daphne()
    try:
        base = server.url("", scheme="http")
        phone.goto(f"{base}/live/diem-cau/#diem=PH-01&khoa={point.token}")  # the operator card's QR
        phone.wait_for_url(f"{base}/live/{session.pk}/diem-cau/#diem=PH-01&khoa={point.token}")
        phone.wait_for_selector(".live-state-ok", timeout=10_000)
        assert _no_horizontal_scroll(phone)
        for _ in range(3):
            phone.locator('.live-step[data-step="1"]').click()
        phone.locator('.live-step[data-step="10"]').click()
        assert _wait_for(lambda: PointPresence.objects.filter(session=session, last_headcount=13).exists())

        staff = Client()
        staff.force_login(get_user_model().objects.create_superuser("tinhdoan", password="mat-khau-thu-nghiem-2026"))
        desk = browser.new_context(viewport={"width": 1280, "height": 900})
        desk.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": base,
                }
            ]
        )
        dashboard = desk.new_page()
        dashboard.goto(f"{base}/live/{session.pk}/bang-dieu-khien/")
        dashboard.wait_for_selector(".live-state-ok", timeout=10_000)
        assert dashboard.locator('[data-field="headcount"]').inner_text() == "13"
        phone.locator('.live-step[data-step="1"]').click()
        dashboard.wait_for_function(
            "() => document.querySelector('[data-field=headcount]').textContent === '14'", timeout=5_000
        )
        desk.close()
    finally:
        server.stop()


def test_the_point_page_without_its_secret_says_how_to_open_it(live_server, phone, hung_yen, pho_hien):
    session = make_session(hung_yen, points=[make_point(pho_hien, "PH-01")])
    phone.goto(f"{live_server.url}/live/{session.pk}/diem-cau/")
    assert phone.locator("#no-token").is_visible()
    assert not phone.locator("#point").is_visible()
