"""A provincial admin reads the reach dashboard in Chromium, on a desk (1280 px) and on a phone (360 px): the
province, then a commune, then a village, with no Content-Security-Policy refusal and, on the phone, no page
scrolling sideways (wide tables and charts scroll inside their own box). Screenshots go to /tmp/shots/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.reach.conftest import SECRET_NAME, reach_world  # noqa: F401 — the dashboard's small Hưng Yên
from tests.security.test_csp_browser import Violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/shots")  # noqa: S108 — screenshots for people to look at, nothing secret in them
FILTER = "?tu=2026-01-01&den=2026-02-28"


def _signed_in_page(browser, live_server, user, *, width: int, height: int):
    staff = Client()
    staff.force_login(user)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
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
    return context, page, Violations(page)


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(200)


# The admin scrolls inside its own boxes, so a "full page" screenshot would show one screen only: the
# window is made as tall as the tallest box for the picture, then put back.
TALLEST = "Math.max(...[document.documentElement, document.body, ...document.querySelectorAll('#main, .wrapper')]"
TALLEST += ".map((e) => e.scrollHeight))"


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(page.evaluate(TALLEST), 12000)})
    page.wait_for_timeout(200)
    page.screenshot(path=str(SHOTS / f"reach-{name}.png"), full_page=True)
    page.set_viewport_size(size)


def _page_width(page) -> int:
    """How wide the page is drawn: the document's width, plus whatever the admin's main box hides sideways
    (it clips rather than scrolls, so an overflow there would be cut off, not scrollable)."""
    return page.evaluate(
        "document.documentElement.scrollWidth"
        " + Math.max(0, document.getElementById('main').scrollWidth - document.getElementById('main').clientWidth)"
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_a_provincial_admin_drills_from_the_province_to_a_village(
    browser,
    live_server,
    reach_world,  # noqa: F811 — the fixture imported above
    provincial_admin,
    width,
):
    context, page, violations = _signed_in_page(browser, live_server, provincial_admin, width=width, height=900)
    try:
        page.goto(f"{live_server.url}/admin/reach/{FILTER}")
        _settle(page)
        assert f"/admin/reach/tinh/{reach_world.province.pk}/" in page.url
        assert page.locator("svg.reach-bars > title").first.text_content()
        assert page.locator("svg.reach-line desc").count() == 1
        _shot(page, f"province-{width}")
        widths = {"province": _page_width(page)}

        page.locator("#figures a", has_text="Phường Phố Hiến").click()
        _settle(page)
        assert f"/admin/reach/xa/{reach_world.pho_hien.pk}/" in page.url and "tu=2026-01-01" in page.url
        assert page.locator("#not-reached tbody tr").count() == 3  # Thôn 2, Thôn 10, Tổ dân phố Đông
        _shot(page, f"commune-{width}")
        widths["commune"] = _page_width(page)

        page.locator("#figures a", has_text="Thôn 3").click()
        _settle(page)
        assert f"/admin/reach/thon/{reach_world.villages['Thôn 3'].pk}/" in page.url
        page.locator("details.reach-numbers summary").first.click()  # the numbers under the line
        assert page.locator("#activity").is_visible()
        _shot(page, f"village-{width}")
        widths["village"] = _page_width(page)
        assert SECRET_NAME not in page.content()

        # The filter refuses a range that ends before it starts, in words, and keeps the usual figures.
        page.fill("#id_tu", "2026-02-28")
        page.fill("#id_den", "2026-01-01")
        page.locator(".reach-filter button[type=submit]").click()
        _settle(page)
        assert page.locator(".reach-filter [role=alert]").first.is_visible()
        _shot(page, f"refused-{width}")
        widths["refused"] = _page_width(page)

        assert violations.found() == []
        if width == 360:
            assert widths == dict.fromkeys(widths, 360), widths  # nothing pushes the page sideways
    finally:
        context.close()
