"""The dashboard socket: staff in scope get the totals live; nobody else gets in."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from config.asgi import application
from livesessions.models import AttendanceSnapshot
from livesessions.scheduling import session_close
from places.models import StaffRole

from .conftest import ORIGIN

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _cookie_header(user) -> list:
    client = Client()
    client.force_login(user)
    return [
        *ORIGIN,
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}".encode()),
    ]


async def dashboard(session_id, user=None) -> tuple[WebsocketCommunicator, bool]:
    headers = await sync_to_async(_cookie_header)(user) if user is not None else ORIGIN
    ws = WebsocketCommunicator(application, f"/ws/live/{session_id}/dashboard/", headers=headers)
    connected, _ = await ws.connect(timeout=5)
    return ws, connected


async def next_of(ws, kind: str, *, until=None, attempts: int = 20) -> dict:
    """The next message of `kind` (and matching `until`), skipping others; the server pushes about once a second."""
    for _ in range(attempts):
        message = await ws.receive_json_from(timeout=5)
        if message["type"] == kind and (until is None or until(message)):
            return message
    raise AssertionError(f"no {kind} message matched")


async def point_socket(session_id, point):
    ws = WebsocketCommunicator(application, f"/ws/live/{session_id}/point/", headers=ORIGIN)
    await ws.connect()
    await ws.send_json_to({"type": "hello", "point": point.code, "token": point.token})
    assert (await ws.receive_json_from(timeout=5))["type"] == "welcome"
    return ws


async def test_an_anonymous_visitor_cannot_open_the_dashboard_socket(live_session):
    _ws, connected = await dashboard(live_session.pk)
    assert not connected


async def test_staff_of_another_province_cannot_open_the_dashboard_socket(
    live_session, make_staff, other_province_commune
):
    outsider = await sync_to_async(
        lambda: make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)
    )()
    _ws, connected = await dashboard(live_session.pk, outsider)
    assert not connected


async def test_a_trainer_of_another_commune_cannot_watch_a_commune_class(
    hung_yen, points, pho_hien, make_staff, other_commune_in_hung_yen
):
    from .conftest import make_session

    session = await sync_to_async(make_session)(hung_yen, points=points[:2], commune=pho_hien)
    trainer = await sync_to_async(make_staff)("anthi", StaffRole.COMMUNE_TRAINER, commune=other_commune_in_hung_yen)
    _ws, connected = await dashboard(session.pk, trainer)
    assert not connected


async def test_an_unknown_session_is_refused(live_session, provincial_admin):
    _ws, connected = await dashboard(live_session.pk + 999, provincial_admin)
    assert not connected


async def test_staff_in_scope_get_the_full_state_at_once(live_session, provincial_admin):
    ws, connected = await dashboard(live_session.pk, provincial_admin)
    assert connected
    totals = await next_of(ws, "totals")
    assert (totals["points_online"], totals["points_total"], totals["headcount"], totals["checkins"]) == (0, 3, 0, 0)
    assert {row["commune"] for row in totals["by_commune"]} == {"Phường Phố Hiến", "Xã Ân Thi"}
    assert set(totals) == {"type", "points_online", "points_total", "headcount", "checkins", "by_commune", "at"}
    points = await next_of(ws, "points")
    assert {p["code"] for p in points["never_connected"]} == {"PH-01", "PH-02", "AT-01"}
    await ws.disconnect()


async def test_a_points_head_count_appears_on_the_dashboard(live_session, points, commune_trainer):
    # A commune trainer watches the province-wide class their points take part in.
    ws, connected = await dashboard(live_session.pk, commune_trainer)
    assert connected
    await next_of(ws, "totals")
    point = await point_socket(live_session.pk, points[0])
    await point.send_json_to({"type": "heartbeat", "seq": 1, "headcount": 37})
    assert await point.receive_json_from(timeout=5) == {"type": "ack", "seq": 1}
    totals = await next_of(ws, "totals", until=lambda m: m["headcount"] == 37)
    assert totals["points_online"] == 1
    row = next(r for r in totals["by_commune"] if r["commune"] == "Phường Phố Hiến")
    assert (row["points_online"], row["points_total"], row["headcount"]) == (1, 2, 37)
    # The minute's snapshot (for the chart and the report) was written with the same figures.
    snapshot = await sync_to_async(AttendanceSnapshot.objects.filter(session=live_session).latest)("minute")
    assert (snapshot.points_online, snapshot.headcount) == (1, 37)
    await point.disconnect()
    await ws.disconnect()


async def test_a_point_that_stops_sending_is_listed_as_dropped_with_its_operators_phone(
    hung_yen, points, provincial_admin
):
    from .conftest import make_session

    session = await sync_to_async(make_session)(hung_yen, points=points, interval=1)
    point = await point_socket(session.pk, points[1])
    await point.send_json_to({"type": "heartbeat", "seq": 1, "headcount": 12})
    await point.receive_json_from(timeout=5)
    ws, _ = await dashboard(session.pk, provincial_admin)
    # No more heartbeats: after two intervals the point is offline, with no event from it.
    totals = await next_of(ws, "totals", until=lambda m: m["points_online"] == 0)
    assert totals["headcount"] == 0
    dropped = await next_of(ws, "points", until=lambda m: m["dropped"])
    assert dropped["dropped"][0]["code"] == "PH-02"
    assert dropped["dropped"][0]["operator_phone"] == "0987654321"
    assert dropped["dropped"][0]["last_headcount"] == 12
    await point.disconnect()
    await ws.disconnect()


async def test_the_dashboard_of_a_closed_class_still_shows_what_was_recorded(live_session, points, provincial_admin):
    point = await point_socket(live_session.pk, points[0])
    await point.send_json_to({"type": "heartbeat", "seq": 1, "headcount": 8})
    await point.receive_json_from(timeout=5)
    await point.disconnect()
    await sync_to_async(session_close)(session=live_session)
    ws, connected = await dashboard(live_session.pk, provincial_admin)
    assert connected
    assert (await next_of(ws, "totals"))["points_total"] == 3
    await ws.disconnect()
