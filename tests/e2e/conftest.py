import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 360, "height": 800}


@pytest.fixture(scope="module")
def browser(django_db_setup, django_db_blocker):
    """Chromium for one module's journeys.

    Playwright's sync API keeps an event loop running in the test thread while it is open: module scope
    closes it before the async tests run, and Django is told the ORM calls between browser steps are
    still plain synchronous calls only for that long.

    With a loop running, asgiref hands out other connection objects than the ones the test runner marked
    with the serialized database, so `serialized_rollback` would silently restore nothing (and flushes
    would re-run post_migrate): the mark is copied over once the loop is up.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    saved = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        for alias, contents in saved.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone(browser, request):
    """A 360×800 phone; `@pytest.mark.parametrize("phone", [False], indirect=True)` turns JavaScript off."""
    javascript = getattr(request, "param", True)
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, locale="en-US")
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
