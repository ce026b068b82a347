import html
import time

import pytest
from django.utils.translation import gettext
from django_otp.oath import TOTP

from places.services import totp_device_confirm, totp_device_start
from tests.e2e.conftest import browser, phone  # noqa: F401 — the shared Chromium fixtures, for test_csp_browser

PASSWORD = "mat-khau-thu-nghiem-2026"  # the password tests/conftest.make_staff gives


def shows(content: bytes | str, msgid: str, **params) -> bool:
    """Whether the page shows this message in the site's language (Vietnamese once translated), as staff read it."""
    text = html.unescape(content.decode() if isinstance(content, bytes) else content)
    message = gettext(msgid) % params if params else gettext(msgid)
    return " ".join(message.split()) in " ".join(text.split())


def code_for(device, *, steps_ahead: int = 0) -> str:
    """The code a phone's app shows now (or `steps_ahead` periods of 30 s later), computed from the device's key."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def enrolled():
    """Give a user a confirmed code app, as the set-up page would; returns the device."""

    def enrol(user):
        device = totp_device_start(user=user)
        assert totp_device_confirm(device=device, token=code_for(device))
        device.refresh_from_db()
        return device

    return enrol
