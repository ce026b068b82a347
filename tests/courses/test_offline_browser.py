"""A villager rereads a lesson without signal: the service worker kept what they opened."""

import pytest

from tests.courses.conftest import tr
from tests.e2e.conftest import PHONE, browser  # noqa: F401 - the module-scoped Chromium

# Waits (up to 5 s) until the worker's cache holds every URL given: it saves pages as they arrive.
KEPT = """async (urls) => {
  for (let i = 0; i < 50; i++) {
    if ((await Promise.all(urls.map((u) => caches.match(u)))).every(Boolean)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lesson_opened_once_can_be_read_again_without_signal(browser, live_server, lessons):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + lessons[0].url)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)
        page.goto(live_server.url + lessons[1].url)  # through the worker now, so kept

        assert page.evaluate(KEPT, [live_server.url + lesson.url for lesson in lessons[:2]])
        context.set_offline(True)
        for lesson in lessons[:2]:  # the first was opened before the worker started, and is kept all the same
            page.goto(live_server.url + lesson.url)
            assert page.locator("h1").inner_text() == lesson.title
            assert page.evaluate("getComputedStyle(document.body).fontSize") == "20px"  # the stylesheet came too

        page.goto(live_server.url + lessons[2].url)  # never opened on this phone
        assert page.locator("h1").inner_text() == tr("No connection")
    finally:
        context.close()
