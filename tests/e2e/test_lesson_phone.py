"""The seeded lessons on a 360-px phone: readable with and without JavaScript, and within the phone budget.

The budget, for every seeded lesson, cold (a new browser context, nothing cached) at 360×800:
transfer before images ≤ 30 KB, requests before images ≤ 4, no web fonts, no render-blocking script,
CSS ≤ 10 KB compressed, and the whole page with its pictures ≤ 150 KB after scrolling to the bottom.

How bytes are counted: Chromium's own figures (CDP `Network.loadingFinished` encodedDataLength: headers plus
body as sent). Pages come gzipped by Django's GZipMiddleware here exactly as in production. Static files do
not: the test server hands them out through staticfiles' handler uncompressed, while production's WhiteNoise
sends the gzip or Brotli file `collectstatic` made. So for an uncompressed text response (CSS, JS, SVG, JSON)
the body is counted as `gzip -9` of it — what WhiteNoise would send to a browser without Brotli, the larger
of its two. Pictures (WebP) are counted as sent. Requests a service worker makes for itself after the page
has loaded (its precache) are not the page's and are not counted.
"""

import base64
import gzip
import io
import re

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import LessonPage
from courses.seed import lessons_seed
from tests.e2e.conftest import ARTIFACTS, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KB = 1024
BUDGET = {"before_images": 30 * KB, "requests_before_images": 4, "css": 10 * KB, "whole_page": 150 * KB}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml")
SCREENSHOTS = {"gia-danh-cong-an-co-quan-nha-nuoc", "vneid-la-gi", "luat-an-ninh-mang-2025"}


@pytest.fixture
def lessons(hung_yen):
    """The seeded lessons. Their pictures go to the project's media/ (the test server serves that folder);
    deleting the images afterwards makes Wagtail delete the files and renditions too."""
    lessons_seed(province=hung_yen)
    yield list(LessonPage.objects.live().order_by("path"))
    get_image_model().objects.all().delete()
    for document in get_document_model().objects.all():
        document.file.delete(save=False)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(f"document.documentElement.scrollWidth <= {PHONE['width']}")


def _scroll_to_bottom(page) -> None:
    """Scroll a screen at a time, as a reader does, so every lazy picture comes near and loads."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + PHONE["height"], PHONE["height"] // 2):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")


class NetworkLog:
    """Every response the page received, with its size as sent over the wire in production (see above)."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.responses: dict[str, dict] = {}
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.dataReceived", self._data)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _received(self, event):
        response = event["response"]
        headers = {key.lower(): value for key, value in response["headers"].items()}
        self.responses[event["requestId"]] = {
            "url": response["url"],
            "type": event["type"],
            "mime": response["mimeType"],
            "encoding": headers.get("content-encoding", ""),
            "received": max(0, response.get("encodedDataLength", 0)),
            "headers_bytes": sum(len(key) + len(value) + 4 for key, value in response["headers"].items()) + 17,
            "chunks": 0,
        }

    def _data(self, event):
        if entry := self.responses.get(event["requestId"]):
            entry["chunks"] += event["encodedDataLength"]

    def _finished(self, event):
        entry = self.responses.get(event["requestId"])
        if entry is None or entry["url"].startswith("data:"):
            return
        # Chromium reports a small response's bytes either with the headers or at the end: take the larger.
        wire = max(event["encodedDataLength"], entry["received"] + entry["chunks"])
        compressible = not entry["encoding"] and entry["mime"].startswith(TEXT_TYPES)
        if compressible or wire <= 0:
            body = self.cdp.send("Network.getResponseBody", {"requestId": event["requestId"]})
            raw = base64.b64decode(body["body"]) if body["base64Encoded"] else body["body"].encode()
            if wire <= 0:
                # Chromium gives no byte count for some chunked responses (a picture streamed by the test
                # server): headers as received plus the body.
                wire = entry["headers_bytes"] + len(raw)
            if compressible:
                wire = wire - len(raw) + len(gzip.compress(raw, 9))
        entry["size"] = wire

    def finished(self) -> list[dict]:
        return [entry for entry in self.responses.values() if "size" in entry]


def measure_lesson(browser, url: str, screenshot=None) -> dict:
    """The budget figures of one page, loaded cold at 360×800; tests/load/lesson_budget.py uses this too."""
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    log = NetworkLog(page)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    before = [entry for entry in log.finished() if entry["type"] != "Image"]
    head_blocking = page.evaluate(
        "[...document.head.querySelectorAll('script')].filter(s => !s.defer && !s.async && s.type !== 'module').length"
    )
    font_faces = page.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSFontFaceRule).length"
    )
    _scroll_to_bottom(page)
    everything = log.finished()
    origin = re.match(r"https?://[^/]+", url).group(0)
    figures = {
        "before_images": sum(entry["size"] for entry in before),
        "requests_before_images": len(before),
        "before_urls": [entry["url"].replace(origin, "") for entry in before],
        "css": sum(entry["size"] for entry in everything if entry["type"] == "Stylesheet"),
        "fonts": [entry["url"] for entry in everything if entry["type"] == "Font"] + ["@font-face"] * font_faces,
        "head_blocking_scripts": head_blocking,
        "whole_page": sum(entry["size"] for entry in everything),
        "images": sum(1 for entry in everything if entry["type"] == "Image"),
        "broken_images": page.evaluate(
            "[...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src)"
        ),
        "no_horizontal_scroll": _no_horizontal_scroll(page),
    }
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / screenshot), full_page=True)
    context.close()
    return figures


def test_every_seeded_lesson_stays_within_the_phone_budget(browser, live_server, lessons):
    rows = []
    for lesson in lessons:
        screenshot = f"lesson-360-{lesson.slug}.png" if lesson.slug in SCREENSHOTS else None
        rows.append({"slug": lesson.slug, **measure_lesson(browser, f"{live_server.url}{lesson.url}", screenshot)})

    out = io.StringIO()
    out.write(f"{'lesson':<40} {'before img':>10} {'req':>4} {'css':>6} {'whole':>8} {'imgs':>5}\n")
    for row in rows:
        out.write(
            f"{row['slug'][:40]:<40} {row['before_images']:>10} {row['requests_before_images']:>4} "
            f"{row['css']:>6} {row['whole_page']:>8} {row['images']:>5}\n"
        )
    print(out.getvalue())
    for row in rows:
        assert row["before_images"] <= BUDGET["before_images"], row
        assert row["requests_before_images"] <= BUDGET["requests_before_images"], row
        assert row["css"] <= BUDGET["css"], row
        assert row["whole_page"] <= BUDGET["whole_page"], row
        assert row["fonts"] == [], row
        assert row["head_blocking_scripts"] == 0, row
        assert row["broken_images"] == [], row
        assert row["images"] >= 1, row
        assert row["no_horizontal_scroll"], row


def test_a_scam_lesson_shows_its_message_cards_and_step_guide_on_a_360px_phone(live_server, phone, lessons):
    lesson = next(lesson for lesson in lessons if lesson.slug == "gia-danh-cong-an-co-quan-nha-nuoc")
    phone.goto(f"{live_server.url}{lesson.url}")
    assert phone.locator("h1").inner_text() == lesson.title

    card = phone.locator(".message-card").first
    card.scroll_into_view_if_needed()
    assert card.is_visible()
    assert "tài khoản tạm giữ" in card.inner_text()
    assert phone.locator(".message-card").count() == 3
    assert phone.locator(".red-flags li").first.is_visible()

    guide = phone.locator(".steps-guide").first
    guide.scroll_into_view_if_needed()
    assert "Khi có người gọi tự xưng công an" in guide.inner_text()
    picture = guide.locator("img").first
    picture.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert picture.bounding_box()["width"] <= PHONE["width"]
    assert _no_horizontal_scroll(phone)


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_a_lesson_reads_on_a_phone_without_javascript(live_server, phone, lessons):
    lesson = next(lesson for lesson in lessons if lesson.slug == "tin-nhan-gia-ngan-hang-ma-otp")
    phone.goto(f"{live_server.url}{lesson.url}")
    assert phone.locator("h1").inner_text() == lesson.title
    text = phone.locator("main").inner_text()
    assert "vcb-sinhtrachoc.top" in text  # the sample SMS
    assert "Gặp tin nhắn có đường link" in text  # the step guide
    assert "Ngân hàng không bao giờ hỏi OTP." in text
    assert re.search(r"Hình minh hoạ", phone.locator(".steps-guide img").first.get_attribute("alt"))
    _scroll_to_bottom(phone)
    assert phone.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    assert _no_horizontal_scroll(phone)
