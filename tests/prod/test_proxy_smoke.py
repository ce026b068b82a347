"""The production topology as a phone and a provincial office meet it: everything through nginx over TLS.

One `deploy.topology.Topology` (nginx + two Daphne processes, production settings, a self-signed certificate)
runs against the test database for the module; each test commits its data (transaction=True) so the server
processes see it. Cookies come from the server itself (its SECRET_KEY is not the test process's): the learner
joins and the trainer signs in through the site, as they would.
"""

import contextlib
import gzip
import http.client
import json
import re
import ssl
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.rich_text import RichText
from websockets.sync.client import connect

from courses.models import CoursePage, CourseTheme, LessonPage
from courses.services import course_section_for
from deploy.topology import Topology
from livesessions.models import CheckIn, PointPresence
from places.models import StaffRole
from places.services import staff_scope_assign
from tests.livesessions.conftest import make_point, make_session

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.nginx,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HTTP_PORT, HTTPS_PORT, DAPHNE_PORTS = 8680, 8643, [8601, 8602]
ORIGIN = f"https://127.0.0.1:{HTTPS_PORT}"
STAFF_PASSWORD = "mat-khau-thu-nghiem-2026"  # tests/conftest.py's make_staff


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker, tmp_path_factory):
    db = settings.DATABASES["default"]
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    topo = Topology(
        processes=2,
        http_port=HTTP_PORT,
        https_port=HTTPS_PORT,
        database_url=database_url,
        redis_url=settings.REDIS_URL,
        workdir=tmp_path_factory.mktemp("topology"),
        daphne_ports=DAPHNE_PORTS,
    )
    with topo:
        yield topo


class Browser:
    """A phone's browser reduced to what the smoke test needs: one TLS keep-alive connection and a cookie jar."""

    def __init__(self, topology: Topology):
        self.context = topology.ssl_context()
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPSConnection("127.0.0.1", HTTPS_PORT, context=self.context, timeout=20)

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        head = {"Accept-Encoding": "gzip", **(headers or {})}
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            head.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": ORIGIN})
        self.conn.request(method, path, body=body, headers=head)
        response = self.conn.getresponse()
        raw = response.read()
        response.text = (gzip.decompress(raw) if response.getheader("Content-Encoding") == "gzip" else raw).decode()
        for value in response.headers.get_all("Set-Cookie") or []:
            assert "Secure" in value, f"a cookie without Secure over https: {value.split('=')[0]}"
            cookie = SimpleCookie()
            cookie.load(value)
            self.cookies.update({name: morsel.value for name, morsel in cookie.items()})
        return response

    def post(self, path: str, form: dict):
        return self.request("POST", path, {**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]})


def _lesson(province) -> LessonPage:
    course = CoursePage(
        title="Phòng chống lừa đảo trực tuyến",
        slug="phong-chong-lua-dao",
        theme=CourseTheme.SCAMS,
        summary="Nhận biết lừa đảo qua tin nhắn.",
        estimated_minutes=20,
    )
    course_section_for(province=province).add_child(instance=course)
    course.save_revision().publish()
    lesson = LessonPage(
        title="Nhận biết tin nhắn lừa đảo",
        slug="bai-1",
        summary="Những dấu hiệu của tin nhắn lừa đảo.",
        body=[("paragraph", RichText("<p>Không bấm vào đường link lạ trong tin nhắn.</p>"))],
        estimated_minutes=8,
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def test_a_lesson_page_comes_through_nginx_compressed_and_https_only(topology, hung_yen):
    lesson = _lesson(hung_yen)
    phone = Browser(topology)
    page = phone.request("GET", lesson.url)
    assert page.status == 200
    assert page.getheader("Content-Encoding") == "gzip"
    assert "Nhận biết tin nhắn lừa đảo" in page.text
    assert page.getheader("Strict-Transport-Security").startswith("max-age=31536000")

    plain = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=10)
    plain.request("GET", lesson.url)
    redirect = plain.getresponse()
    assert redirect.status == 301
    assert redirect.getheader("Location") == f"{ORIGIN}{lesson.url}"


def test_static_files_are_served_by_nginx_precompressed_with_a_year_long_cache(topology):
    phone = Browser(topology)
    home = phone.request("GET", "/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
    css = phone.request("GET", stylesheet)
    assert css.status == 200
    assert css.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert css.getheader("Content-Encoding") == "gzip"
    assert "X-Frame-Options" not in css.headers  # nginx answered, not Django
    assert "body" in css.text


def test_a_learner_joins_and_checks_in_over_https_once(topology, pho_hien, hung_yen):
    point = make_point(pho_hien, "PH-01")
    session = make_session(hung_yen, points=[point])
    village = pho_hien.villages.get(name="Thôn 3")
    phone = Browser(topology)

    assert phone.request("GET", "/tham-gia/").status == 200
    joined = phone.post(
        "/tham-gia/",
        {
            "province": hung_yen.pk,
            "commune": pho_hien.pk,
            "village": village.pk,
            "display_name": "Bà Năm",
            "consent": "on",
        },
    )
    assert joined.status == 302, joined.text[:500]
    assert settings.LEARNER_COOKIE_NAME in phone.cookies

    for _ in range(2):
        checked_in = phone.post(f"/live/{session.pk}/checkin/", {"point": point.code})
        assert checked_in.status == 302
    assert CheckIn.objects.filter(session=session, point=point.obj).count() == 1

    forged = Browser(topology)
    forged.cookies = {settings.LEARNER_COOKIE_NAME: phone.cookies[settings.LEARNER_COOKIE_NAME]}
    refused = forged.request("POST", f"/live/{session.pk}/checkin/", {"point": point.code})
    assert refused.status == 403  # no CSRF token: refused by Django behind the proxy


def _staff_cookie(topology, username: str = "tinhdoan") -> str:
    """Sign in through the admin login form over https, as the trainer would; returns the session id."""
    office = Browser(topology)
    office.request("GET", "/admin/login/")
    signed_in = office.post("/admin/login/", {"username": username, "password": STAFF_PASSWORD, "next": "/admin/"})
    assert signed_in.status == 302, signed_in.text[:500]
    return office.cookies["sessionid"]


def _staff_cookie_for(topology, username: str, province) -> str:
    user = get_user_model().objects.create_user(username=username, password=STAFF_PASSWORD)
    staff_scope_assign(user=user, role=StaffRole.PROVINCIAL_ADMIN, province=province)
    return _staff_cookie(topology, username)


def test_a_failed_sign_in_is_counted_against_the_real_address_which_a_client_cannot_forge(topology, provincial_admin):
    from axes.models import AccessAttempt

    office = Browser(topology)
    office.request("GET", "/admin/login/")
    forged = {"X-Forwarded-For": "203.0.113.9"}  # a client pretending to be someone else
    office.request("GET", "/admin/login/", headers=forged)
    form = {"username": "tinhdoan", "password": "sai-mat-khau", "csrfmiddlewaretoken": office.cookies["csrftoken"]}
    refused = office.request("POST", "/admin/login/", form, headers=forged)
    assert refused.status == 200  # the form again, with its error
    # nginx overwrote the header with the address it saw; Daphne (--proxy-headers) passed that on to Django.
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["127.0.0.1"]


def _totals_until(ws, predicate, timeout=15.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        message = json.loads(ws.recv(timeout=max(0.1, deadline - time.monotonic())))
        if message["type"] == "totals" and predicate(message):
            return message


def test_a_point_beats_through_nginx_and_dashboards_on_both_processes_see_it(
    topology, hung_yen, pho_hien, provincial_admin
):
    point = make_point(pho_hien, "PH-02")
    session = make_session(hung_yen, points=[point])
    cookie = f"sessionid={_staff_cookie(topology)}"
    tls = topology.ssl_context()

    def dashboard(url: str, context: ssl.SSLContext | None = None):
        return connect(url, ssl=context, origin=ORIGIN, additional_headers={"Cookie": cookie}, open_timeout=15)

    path = f"/ws/live/{session.pk}/dashboard/"
    with contextlib.ExitStack() as stack:
        # One dashboard through nginx, and one straight on each Daphne process: whichever process nginx gives
        # the point, the other one's dashboard must see it (the processes share Redis, nothing else).
        watchers = [stack.enter_context(dashboard(f"{topology.ws_base}{path}", tls))] + [
            stack.enter_context(dashboard(f"ws://127.0.0.1:{port}{path}")) for port in topology.daphne_ports
        ]
        for ws in watchers:
            assert _totals_until(ws, lambda m: True)["points_online"] == 0

        with connect(f"{topology.ws_base}/ws/live/{session.pk}/point/", ssl=tls, origin=ORIGIN, open_timeout=15) as ws:
            ws.send(json.dumps({"type": "hello", "point": point.code, "token": point.token}))
            welcome = json.loads(ws.recv(timeout=10))
            assert welcome["type"] == "welcome" and welcome["point"] == point.code
            ws.send(json.dumps({"type": "heartbeat", "seq": 1, "headcount": 37}))
            assert json.loads(ws.recv(timeout=10)) == {"type": "ack", "seq": 1}

            seen = [_totals_until(w, lambda m: m["headcount"] == 37) for w in watchers]
            assert {(m["points_online"], m["headcount"]) for m in seen} == {(1, 37)}
    presence = PointPresence.objects.get(session=session, point=point.obj)
    assert (presence.peak_headcount, presence.high_seq) == (37, 1)


def test_a_killed_process_is_started_again_and_pages_keep_coming_meanwhile(topology):
    phone = Browser(topology)
    restarts = topology.restarts[1]
    topology.kill_daphne(1)
    for _ in range(6):  # nginx sends what the dead process would have had to the live one
        assert phone.request("GET", "/healthz").status == 200
    topology.wait_daphne(1, timeout=30)
    assert topology.restarts[1] == restarts + 1


@pytest.mark.browser
def test_in_chromium_the_point_page_and_dashboard_work_over_https_through_nginx(topology, hung_yen, pho_hien):
    point = make_point(pho_hien, "PH-03")
    session = make_session(hung_yen, points=[point], interval=5)
    cookie = _staff_cookie_for(topology, "tinhdoan2", hung_yen)
    from playwright.sync_api import expect, sync_playwright

    # No ORM call while Playwright's event loop runs (see tests/e2e/conftest.py): data first, checks after.
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu", "--disable-quic"]
        )
        # The self-signed certificate, as an operator who accepted the warning once.
        phone = chromium.new_context(viewport={"width": 360, "height": 800}, ignore_https_errors=True)
        page = phone.new_page()
        console_errors = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{ORIGIN}/live/{session.pk}/diem-cau/#diem=PH-03&khoa={point.token}")
        page.wait_for_selector(".live-state-ok", timeout=15_000)
        desk = chromium.new_context(viewport={"width": 1280, "height": 900}, ignore_https_errors=True)
        desk.add_cookies([{"name": "sessionid", "value": cookie, "url": ORIGIN, "secure": True}])
        dashboard = desk.new_page()
        dashboard.goto(f"{ORIGIN}/live/{session.pk}/bang-dieu-khien/")
        dashboard.wait_for_selector(".live-state-ok", timeout=15_000)
        page.locator('.live-step[data-step="10"]').click()
        # expect() polls from Playwright's own isolated world: the page's CSP forbids evaluating strings.
        expect(dashboard.locator('[data-field="headcount"]')).to_have_text("10", timeout=10_000)
        chromium.close()
    assert not [e for e in console_errors if "Content Security Policy" in e or "WebSocket" in e], console_errors
    presence = PointPresence.objects.get(session=session, point=point.obj)
    assert presence.peak_headcount == 10
