"""Real Daphne processes on Redis and PostgreSQL: two processes show the same class, idle sockets survive.

Each test starts Daphne subprocesses against the test database (the data is committed: transaction=True) and
drives them with the `websockets` client, as a browser or the load tools would.
"""

import asyncio
import json

import pytest
import websockets
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import Client

from livesessions.models import PointPresence

from .conftest import make_session
from .daphne_process import Daphne, free_port

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def daphnes():
    started = []

    def start(count: int, **options):
        started.extend(Daphne(**options) for _ in range(count))
        return started

    yield start
    for daphne in started:
        daphne.stop()


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _point(daphne, session_id, point):
    ws = await websockets.connect(daphne.url(f"/ws/live/{session_id}/point/"), origin=f"http://127.0.0.1:{daphne.port}")
    await ws.send(json.dumps({"type": "hello", "point": point.code, "token": point.token}))
    assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "welcome"
    return ws


async def _dashboard(daphne, session_id, cookie):
    return await websockets.connect(
        daphne.url(f"/ws/live/{session_id}/dashboard/"),
        origin=f"http://127.0.0.1:{daphne.port}",
        additional_headers={"Cookie": cookie},
    )


async def _totals_until(ws, predicate, timeout=15) -> dict:
    async def wait():
        while True:
            message = json.loads(await ws.recv())
            if message["type"] == "totals" and predicate(message):
                return message

    return await asyncio.wait_for(wait(), timeout)


async def test_a_point_on_one_process_shows_on_a_dashboard_of_the_other(daphnes, hung_yen, points, provincial_admin):
    session = await sync_to_async(make_session)(hung_yen, points=points)
    cookie = await sync_to_async(_session_cookie)(provincial_admin)
    first, second = await sync_to_async(daphnes)(2)

    watcher_b = await _dashboard(second, session.pk, cookie)
    watcher_a = await _dashboard(first, session.pk, cookie)
    assert (await _totals_until(watcher_b, lambda m: True))["points_online"] == 0

    point = await _point(first, session.pk, points[0])
    await point.send(json.dumps({"type": "heartbeat", "seq": 1, "headcount": 23}))
    assert json.loads(await asyncio.wait_for(point.recv(), 10)) == {"type": "ack", "seq": 1}

    seen_b = await _totals_until(watcher_b, lambda m: m["headcount"] == 23)
    seen_a = await _totals_until(watcher_a, lambda m: m["headcount"] == 23)
    for key in ("points_online", "points_total", "headcount", "checkins", "by_commune"):
        assert seen_a[key] == seen_b[key]
    assert seen_b["points_online"] == 1

    # The acknowledged heartbeat is in the database, whatever happens to either process now.
    presence = await sync_to_async(PointPresence.objects.get)(session=session, point=points[0].obj)
    assert (presence.last_headcount, presence.peak_headcount, presence.high_seq) == (23, 23, 1)
    for ws in (point, watcher_a, watcher_b):
        await ws.close()


async def test_a_point_moving_to_the_other_process_is_counted_once(daphnes, hung_yen, points):
    session = await sync_to_async(make_session)(hung_yen, points=points)
    first, second = await sync_to_async(daphnes)(2)
    point = await _point(first, session.pk, points[0])
    await point.send(json.dumps({"type": "heartbeat", "seq": 10, "headcount": 50}))
    await asyncio.wait_for(point.recv(), 10)
    first.stop()  # the process dies mid-class; the page reconnects to the other one and resends
    moved = await _point(second, session.pk, points[0])
    for seq, headcount in ((10, 50), (11, 60)):
        await moved.send(json.dumps({"type": "heartbeat", "seq": seq, "headcount": headcount}))
        assert json.loads(await asyncio.wait_for(moved.recv(), 10)) == {"type": "ack", "seq": seq}
    presence = await sync_to_async(PointPresence.objects.get)(session=session, point=points[0].obj)
    assert (presence.high_seq, presence.last_headcount, presence.peak_headcount, presence.connections) == (
        11,
        60,
        60,
        2,
    )
    await moved.close()


async def test_idle_sockets_survive_30_seconds_on_redis(daphnes, hung_yen, points, provincial_admin):
    session = await sync_to_async(make_session)(hung_yen, points=points, interval=60)
    cookie = await sync_to_async(_session_cookie)(provincial_admin)
    (server,) = await sync_to_async(daphnes)(1)
    point = await _point(server, session.pk, points[0])
    watcher = await _dashboard(server, session.pk, cookie)
    await _totals_until(watcher, lambda m: True)
    await asyncio.sleep(30)  # longer than redis-py's 5 s read timeout and the layer's blocking read
    await point.send(json.dumps({"type": "heartbeat", "seq": 1, "headcount": 9}))
    assert json.loads(await asyncio.wait_for(point.recv(), 10)) == {"type": "ack", "seq": 1}
    assert (await _totals_until(watcher, lambda m: m["headcount"] == 9))["points_online"] == 1
    await point.close()
    await watcher.close()


async def test_with_redis_away_points_are_still_welcomed_and_acknowledged_from_the_database(
    daphnes, hung_yen, points, provincial_admin
):
    session = await sync_to_async(make_session)(hung_yen, points=points)
    cookie = await sync_to_async(_session_cookie)(provincial_admin)
    (server,) = await sync_to_async(daphnes)(1, redis_url=f"redis://127.0.0.1:{free_port()}/0")  # nobody there
    point = await _point(server, session.pk, points[0])
    for seq, headcount in ((1, 30), (2, 45)):
        await point.send(json.dumps({"type": "heartbeat", "seq": seq, "headcount": headcount}))
        assert json.loads(await asyncio.wait_for(point.recv(), 10)) == {"type": "ack", "seq": seq}
    presence = await sync_to_async(PointPresence.objects.get)(session=session, point=points[0].obj)
    assert (presence.high_seq, presence.peak_headcount) == (2, 45)
    # A dashboard cannot join its group without Redis: it is refused rather than left silently deaf.
    with pytest.raises(websockets.InvalidStatus):
        await _dashboard(server, session.pk, cookie)
    await point.close()
