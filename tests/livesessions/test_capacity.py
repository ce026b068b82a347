"""Capacity traps measured on this machine, proven against a real Daphne process on PostgreSQL and Redis.

- redis-py 8's 5 s read timeout equals channels-redis' 5 s blocking read and used to close idle sockets with
  1011: a thousand silent point sockets (and dashboards listening on the layer) must stay open a minute.
- channels-redis' connection pool used to fail when full: a burst of a thousand dashboard connects must all
  be accepted, each in the dashboards' group, so each gets the next change — here from a point on a second
  Daphne process, so the change can only reach them through Redis.

The tests start Daphne as a subprocess against the test database (transactional tests, so it sees the rows).
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from livesessions import presence
from livesessions.models import ConnectionPoint, LiveSession
from livesessions.scheduling import session_open, session_schedule
from tests.load.liveclient import Daphne, Server, raise_fd_limit, server_env, ws_open

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IDLE_PORT = 8125
BURST_PORTS = (8126, 8127)


def _test_database_url() -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_daphne():
    """Start Daphne processes on the test database; stopped before the test database is flushed."""
    raise_fd_limit()
    started: list[Daphne] = []

    def start(port: int) -> Server:
        env = server_env(database_url=_test_database_url(), redis_url=settings.REDIS_URL)
        log_path = f"/tmp/bdhvs-capacity-{port}.log"  # noqa: S108 - a log to read after a failure
        started.append(Daphne(port, env, log_path=log_path).start())
        return Server("127.0.0.1", port)

    yield start
    for daphne in started:
        daphne.stop()


def _open_class(commune, *, points: int, interval: int) -> tuple[LiveSession, list[tuple[str, str]]]:
    """An open class of `points` invited points; returns it with each point's (code, token)."""
    tokens = [(f"CAP{i:04d}", f"token-{i:04d}-{'x' * 30}") for i in range(points)]
    ConnectionPoint.objects.bulk_create(
        [
            ConnectionPoint(
                code=code, name=f"Điểm cầu {code}", commune=commune, token_hash=ConnectionPoint.hash_token(token)
            )
            for code, token in tokens
        ]
    )
    now = timezone.now()
    session = session_schedule(
        title="Lớp tải thử",
        province=commune.province,
        commune=None,
        scheduled_start=now,
        scheduled_end=now + timedelta(hours=3),
    )
    LiveSession.objects.filter(pk=session.pk).update(heartbeat_interval=interval)
    session_open(session=session)
    return session, tokens


def _staff_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


class Socket:
    """One WebSocket that records what it receives and how it ended, without ever reconnecting."""

    def __init__(self):
        self.ws = None
        self.messages: list[dict] = []
        self.close_code: int | str | None = None
        self.refused: str | None = None
        self.arrived = asyncio.Event()
        self.reader: asyncio.Task | None = None

    async def open(self, url: str, port: int, cookie: str | None = None) -> Socket:
        try:
            self.ws = await ws_open(url, port=port, cookie=cookie)
        except InvalidStatus as error:
            self.refused = f"HTTP {error.response.status_code}"
            return self
        except InvalidHandshake as error:  # e.g. Daphne dropped a handshake it did not accept in time
            self.refused = f"{type(error).__name__}: {error}"
            return self
        except (OSError, TimeoutError) as error:
            self.refused = type(error).__name__
            return self
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.messages.append(json.loads(raw))
                self.arrived.set()
        except ConnectionClosed:
            pass
        self.close_code = self.ws.close_code if self.ws.close_code is not None else "no close frame"

    @property
    def open_now(self) -> bool:
        return self.ws is not None and self.close_code is None and not self.reader.done()

    async def wait_for(self, predicate, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for message in self.messages[seen:]:
                if predicate(message):
                    return message
            seen = len(self.messages)
            self.arrived.clear()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.open_now:
                return None
            try:
                await asyncio.wait_for(self.arrived.wait(), remaining)
            except TimeoutError:
                return None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def _point(server: Server, session_id: int, code: str, token: str) -> Socket:
    sock = await Socket().open(server.ws(session_id, "point"), server.port)
    if sock.ws is not None:
        await sock.ws.send(json.dumps({"type": "hello", "point": code, "token": token}))
        await sock.wait_for(lambda m: m.get("type") == "welcome", 30)
    return sock


def _welcomed(sock: Socket) -> bool:
    return any(m.get("type") == "welcome" for m in sock.messages)


def _last_headcount(sock: Socket):
    totals = [m for m in sock.messages if m.get("type") == "totals"]
    return totals[-1].get("headcount") if totals else None


def _headcount_is(value: int):
    return lambda m: m.get("type") == "totals" and m.get("headcount") == value


def test_a_thousand_idle_point_sockets_stay_open_a_minute_then_still_get_acks(start_daphne, pho_hien, provincial_admin):
    # A long interval, so a silent point is legitimately idle: nothing but Daphne's own pings for 60 s.
    session, tokens = _open_class(pho_hien, points=1000, interval=600)
    cookie = _staff_cookie(provincial_admin)
    server = start_daphne(IDLE_PORT)

    async def scenario():
        await presence.presence_forget(session_id=session.pk)  # a Redis left over from an earlier run
        points = await asyncio.gather(*(_point(server, session.pk, code, token) for code, token in tokens))
        dashboards = await asyncio.gather(
            *(Socket().open(server.ws(session.pk, "dashboard"), server.port, cookie) for _ in range(50))
        )
        welcomed = sum(_welcomed(p) for p in points)
        listening = sum(d.ws is not None for d in dashboards)

        await asyncio.sleep(60)

        dropped = [p.close_code for p in points if not p.open_now]
        dropped_dashboards = [d.close_code for d in dashboards if d.ws is not None and not d.open_now]
        for p in points:
            if p.open_now:
                await p.ws.send(json.dumps({"type": "heartbeat", "seq": 1, "headcount": 3}))
        acks = await asyncio.gather(
            *(p.wait_for(lambda m: m.get("type") == "ack" and m.get("seq") == 1, 30) for p in points)
        )
        told = await asyncio.gather(*(d.wait_for(_headcount_is(3000), 15) for d in dashboards))
        last_seen = sorted({_last_headcount(d) for d in dashboards}, key=str)
        await asyncio.gather(*(s.close() for s in [*points, *dashboards]))
        presence.reset_for_tests()
        return welcomed, listening, dropped, dropped_dashboards, sum(a is not None for a in acks), told, last_seen

    welcomed, listening, dropped, dropped_dashboards, acked, told, last_seen = asyncio.run(scenario())

    assert welcomed == 1000
    assert listening == 50
    assert dropped == [], f"idle point sockets closed within 60 s, close codes: {sorted(set(map(str, dropped)))}"
    assert dropped_dashboards == [], f"idle dashboards closed within 60 s: {sorted(set(map(str, dropped_dashboards)))}"
    assert acked == 1000
    assert sum(t is not None for t in told) == 50, (
        f"dashboards idle for a minute did not show 1,000 points × 3 people; their last head counts: {last_seen}"
    )


def test_a_burst_of_a_thousand_dashboards_all_connect_and_all_get_the_next_change(
    start_daphne, pho_hien, provincial_admin
):
    session, tokens = _open_class(pho_hien, points=1, interval=30)
    cookie = _staff_cookie(provincial_admin)
    watched, other = start_daphne(BURST_PORTS[0]), start_daphne(BURST_PORTS[1])

    async def scenario():
        await presence.presence_forget(session_id=session.pk)
        # All at once, as when a province's staff open the dashboard at class start.
        dashboards = await asyncio.gather(
            *(Socket().open(watched.ws(session.pk, "dashboard"), watched.port, cookie) for _ in range(1000))
        )
        refused = [d.refused for d in dashboards if d.refused]
        first = await asyncio.gather(*(d.wait_for(lambda m: m.get("type") == "totals", 20) for d in dashboards))
        # The change comes from a point on the other Daphne process: it reaches these dashboards via Redis.
        code, token = tokens[0]
        point = await _point(other, session.pk, code, token)
        await point.ws.send(json.dumps({"type": "heartbeat", "seq": 1, "headcount": 777}))
        acked = await point.wait_for(lambda m: m.get("type") == "ack", 20)
        told = await asyncio.gather(*(d.wait_for(_headcount_is(777), 20) for d in dashboards))
        closed = [d.close_code for d in dashboards if d.ws is not None and not d.open_now]
        last_seen = sorted({_last_headcount(d) for d in dashboards if d.ws is not None}, key=str)
        await asyncio.gather(*(s.close() for s in [point, *dashboards]))
        presence.reset_for_tests()
        return refused, sum(f is not None for f in first), acked, sum(t is not None for t in told), closed, last_seen

    refused, greeted, acked, told, closed, last_seen = asyncio.run(scenario())

    assert refused == [], f"{len(refused)} of 1,000 dashboard handshakes refused: {sorted(set(refused))}"
    assert greeted == 1000, "every dashboard gets the full state when it connects"
    assert acked is not None
    assert closed == [], f"dashboards closed during the test: {sorted(set(map(str, closed)))}"
    assert told == 1000, f"only {told} of 1,000 dashboards showed the new head count; last seen: {last_seen}"
