"""The live dashboard socket honours two-factor sign-in like the admin pages do."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from config.asgi import application
from tests.livesessions.conftest import ORIGIN
from tests.security.conftest import enrolled  # noqa: F401 — gives the user a confirmed code app

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _session_cookie(user, *, verified_device=None) -> list:
    client = Client()
    client.force_login(user)
    if verified_device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = verified_device.persistent_id
        session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [*ORIGIN, (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode())]


async def _connects(session_id, headers) -> bool:
    ws = WebsocketCommunicator(application, f"/ws/live/{session_id}/dashboard/", headers=headers)
    connected, _ = await ws.connect(timeout=5)
    await ws.disconnect()
    return connected


async def test_a_session_that_has_not_given_its_code_cannot_open_the_dashboard(
    live_session,
    provincial_admin,
    enrolled,  # noqa: F811
):
    device = await sync_to_async(enrolled)(provincial_admin)
    password_only = await sync_to_async(_session_cookie)(provincial_admin)
    assert not await _connects(live_session.pk, password_only)
    with_code = await sync_to_async(_session_cookie)(provincial_admin, verified_device=device)
    assert await _connects(live_session.pk, with_code)
