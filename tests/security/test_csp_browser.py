"""With the Content-Security-Policy on, a real browser meets no violation on the pages we serve.

Every violation a page (or a frame in it, or its service worker) reports is collected twice: the
`securitypolicyviolation` events of each document, and Chromium's console lines about the policy.
"""

import contextlib

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from courses.models import LessonPage
from courses.seed import lessons_seed
from tests.livesessions.conftest import make_point, make_session

from .conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || location.pathname}:${e.lineNumber}`
));
"""


class Violations:
    """What the policy blocked on one browser page, from the events of all its frames and from the console."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(COLLECT)
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def found(self) -> list[str]:
        events = []
        for frame in self.page.frames:
            with contextlib.suppress(PlaywrightError):  # a frame gone by now has nothing to report
                events += frame.evaluate("window.__csp || []")
        return events + self.console


@pytest.fixture
def desk(browser, live_server):
    """A desktop browser page signed in to the admin as a superuser, with the violations collected."""
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("tinhdoan", password=PASSWORD))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    yield page, Violations(page)
    context.close()


def _settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def test_a_lesson_page_and_the_point_page_run_with_no_violation(live_server, phone, hung_yen, pho_hien):
    lessons_seed(province=hung_yen)
    lesson = LessonPage.objects.live().first()
    point = make_point(pho_hien, "PH-01")
    session = make_session(hung_yen, points=[point])
    violations = Violations(phone)

    phone.goto(f"{live_server.url}{lesson.url}")
    _settle(phone)
    # The page's own script ran: it registered the offline worker.
    assert phone.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 1
    phone.goto(f"{live_server.url}/live/{session.pk}/diem-cau/#diem=PH-01&khoa={point.token}")
    _settle(phone)
    phone.goto(f"{live_server.url}/tham-gia/")
    _settle(phone)
    # The join form's chained choices still work under the policy (htmx without eval).
    phone.select_option("#id_province", label="Hưng Yên")
    phone.wait_for_selector("#id_commune")
    assert violations.found() == []


def test_the_admin_page_editor_and_staff_screens_run_with_no_violation(desk, live_server, hung_yen, pho_hien):
    page, violations = desk
    lessons_seed(province=hung_yen)
    lesson = LessonPage.objects.live().first()
    point = make_point(pho_hien, "PH-01")
    session = make_session(hung_yen, points=[point])
    base = live_server.url

    for path in [
        "/admin/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/add/courses/lessonpage/{lesson.get_parent().pk}/",
        "/admin/images/",
        "/admin/livesessions_session/",
        f"/admin/livesessions_session/{session.pk}/report/",
        "/admin/livesessions_point/",
        "/admin/xac-thuc-hai-buoc/",
        "/admin/xac-thuc-hai-buoc/chinh-sach/",
        "/admin/places_audit/",
    ]:
        page.goto(f"{base}{path}")
        _settle(page)
        if path.endswith("/edit/"):
            # The preview panel shows the page in a frame of the editor.
            page.locator('[data-side-panel-toggle="preview"]').first.click()
            _settle(page)
            page.wait_for_timeout(1500)
            assert any("/preview/" in frame.url for frame in page.frames)
        if "/add/" in path:
            # A new lesson's sharing picture is empty: its image chooser opens in a modal.
            page.locator('[role="tab"][aria-controls="tab-quang_ba"]').click()
            page.locator("[data-chooser-action-choose]:visible").first.click()
            page.wait_for_selector(".modal-content", timeout=10_000)
            _settle(page)
        assert violations.found() == [], path
