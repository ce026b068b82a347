"""Fault run: a live class survives `kill -9` of one of two Daphne processes and a Redis restart, losing nothing.

Two Daphne processes share one Redis (a private redis-server on port 6390, so killing it disturbs nobody
else) and the PostgreSQL database of the benchmark. Connection points and phones are spread over both.
Mid-run one Daphne process is killed with SIGKILL (its points reconnect to the survivor and resend the
heartbeats it had not acknowledged, by seq, as the point page does), then Redis is killed and started
again, empty. Check-ins keep coming throughout, each retried until a server answers 2xx.

At the end the class is closed and the script prints what the clients sent against what the database
kept: every check-in answered 2xx is a CheckIn row, every point's peak head count sent is its
PointPresence.peak_headcount, and its connected seconds agree with the client's own clock within one
heartbeat interval. "nothing lost" is printed only when all of that holds. About 2 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from liveclient import (
    CheckinSender,
    Daphne,
    DashboardClient,
    PointClient,
    PointStats,
    RedisServer,
    Server,
    csrf_cookie,
    django_setup,
    ensure_database,
    learner_cookie_value,
    live_fixture,
    ms,
    percentile,
    raise_fd_limit,
    server_env,
    staff_login,
)

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bdhvs_load_live"
REDIS_PORT = 6390
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
PORTS = (8121, 8122)
FAULT_NAME = "tải thử sự cố"


def say(text: str = "") -> None:
    print(text, flush=True)


def fault_learners(session_id: str, count: int) -> list[tuple[str, str | None]]:
    """(learner cookie, point code or None) for `count` learners living where the session's points are."""
    from django.utils import timezone

    from learners.models import Learner
    from learners.privacy import PRIVACY_NOTICE_VERSION
    from livesessions.models import LiveSession
    from places.models import Village

    session = LiveSession.objects.get(pk=session_id)
    codes: dict[int, str] = {}
    for point in session.invited_points.select_related("commune"):
        village_id = point.village_id or Village.objects.get_or_create(commune=point.commune, name="Thôn tải thử")[0].pk
        codes.setdefault(village_id, point.code)
    villages = list(codes)
    existing = list(Learner.objects.filter(display_name=FAULT_NAME, village_id__in=villages)[:count])
    if len(existing) < count:
        now = timezone.now()
        Learner.objects.bulk_create(
            [
                Learner(
                    village_id=villages[i % len(villages)],
                    display_name=FAULT_NAME,
                    consent_at=now,
                    consent_version=PRIVACY_NOTICE_VERSION,
                )
                for i in range(count - len(existing))
            ]
        )
        existing = list(Learner.objects.filter(display_name=FAULT_NAME, village_id__in=villages)[:count])
    return [
        (learner_cookie_value(learner), codes[learner.village_id] if i % 2 == 0 else None)
        for i, learner in enumerate(existing)
    ]


def database_facts(session_id: str) -> tuple[int, dict[str, tuple[int, int, int]]]:
    """CheckIn rows of the session, and per point code: (peak head count, connected seconds, connections)."""
    from django.db import connection

    from livesessions.models import CheckIn, PointPresence

    connection.close()
    rows = CheckIn.objects.filter(session_id=session_id).count()
    presences = {
        code: (peak, seconds, conns)
        for code, peak, seconds, conns in PointPresence.objects.filter(session_id=session_id).values_list(
            "point__code", "peak_headcount", "connected_seconds", "connections"
        )
    }
    return rows, presences


def close_session(session_id: str) -> None:
    from livesessions.models import LiveSession
    from livesessions.scheduling import session_close

    session_close(session=LiveSession.objects.get(pk=session_id))


async def run(args, fixture, servers: list[Server], daphnes: list[Daphne], redis: RedisServer, learners) -> bool:
    session = fixture["session"]
    stats = PointStats()
    stop = asyncio.Event()
    points = []
    for i, p in enumerate(fixture["points"][: args.points]):
        own = servers[i % 2]
        points.append(
            PointClient(
                session=session,
                code=p["code"],
                token=p["token"],
                servers=[own, *[s for s in servers if s is not own]],
                stats=stats,
                headcount=random.randint(5, 40),  # noqa: S311 - load simulation
            )
        )
    point_tasks = [asyncio.create_task(p.run(stop=stop, first_delay=random.random())) for p in points]  # noqa: S311 - load simulation
    jar = await staff_login(
        servers[0].host, servers[0].port, fixture["staff"]["username"], fixture["staff"]["password"]
    )
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    dashboards = [
        DashboardClient(session=session, servers=[servers[i % 2], servers[(i + 1) % 2]], cookie=cookie)
        for i in range(4)
    ]
    dash_tasks = [asyncio.create_task(d.run(stop=stop)) for d in dashboards]
    deadline = time.monotonic() + 30
    while sum(p.connected.is_set() for p in points) < len(points) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    say(
        f"{sum(p.connected.is_set() for p in points)} of {len(points)} points connected, half to each process; "
        f"heartbeat every {points[0].interval:.0f} s"
    )

    # head counts move all the time (people arrive and leave)
    changing = asyncio.Event()
    changing.set()

    async def crowd():
        rng = random.Random(11)  # noqa: S311 - load simulation
        while changing.is_set():
            p = rng.choice(points)
            p.set_headcount(max(0, min(5000, p.headcount + rng.randint(-5, 12))))
            await asyncio.sleep(0.02)

    crowd_task = asyncio.create_task(crowd())

    # phones check in all along, at a modest pace, each retried until a server answers 2xx
    from django.conf import settings

    csrf = await csrf_cookie(servers[0].host, servers[0].port)
    sender = CheckinSender(
        servers=servers, session=session, csrf=csrf, learner_cookie_name=settings.LEARNER_COOKIE_NAME
    )
    accepted: set[str] = set()
    failures: list[str] = []
    checkin_results: list = []

    async def phones():
        # A steady trickle over a bounded number of connections (the PostgreSQL server is shared: an unbounded
        # crowd of retrying phones would only measure its connection limit).
        await sender.send_all(
            learners,
            concurrency=args.phones,
            retry_until_2xx=True,
            results=checkin_results,
            accepted=accepted,
            failures=failures,
            pace=args.phones / (len(learners) / args.checkin_seconds),
        )

    phones_task = asyncio.create_task(phones())
    t0 = time.monotonic()

    async def at(second: float):
        await asyncio.sleep(max(0.0, t0 + second - time.monotonic()))

    await at(args.kill_at)
    say(f"t={time.monotonic() - t0:4.1f} s  kill -9 Daphne on port {daphnes[0].port} (pid {daphnes[0].pid})")
    daphnes[0].kill9()
    await asyncio.sleep(5)
    say(f"t={time.monotonic() - t0:4.1f} s  points connected: {sum(p.connected.is_set() for p in points)}")
    await at(args.redis_at)
    say(f"t={time.monotonic() - t0:4.1f} s  kill Redis (port {REDIS_PORT})")
    redis.kill()
    await asyncio.sleep(args.redis_down)
    redis.start()
    say(f"t={time.monotonic() - t0:4.1f} s  Redis started again, empty")
    await asyncio.sleep(5)
    say(f"t={time.monotonic() - t0:4.1f} s  points connected: {sum(p.connected.is_set() for p in points)}")
    await at(args.duration)

    # wind down: no more changes, every heartbeat acknowledged, every phone answered
    changing.clear()
    await crowd_task
    await phones_task
    for p in points:
        p.heartbeats_enabled = False
    flushed = await asyncio.gather(*(p.flush(30) for p in points))
    # The server counts a connection's time up to its last heartbeat (the tail after it is not written): one
    # last heartbeat right before the clients leave makes their clocks and the database comparable.
    for p in points:
        await p.send_new()
    flushed = await asyncio.gather(*(p.flush(30) for p in points))
    deadline = time.monotonic() + 60
    while len(accepted) < len(learners) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    say(
        f"t={time.monotonic() - t0:4.1f} s  wind down: {sum(flushed)} of {len(points)} points have every heartbeat "
        f"acknowledged; {len(accepted)} of {len(learners)} phones answered 2xx"
    )
    # What the dashboards (all on the surviving process now) end with: point head counts + check-ins not at
    # a point, and every check-in. Pushes come at most once a second, so give them a few.
    unplaced = sum(1 for cookie, point in learners if point is None and cookie in accepted)
    expected = (sum(p.headcount for p in points) + unplaced, len(accepted))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        dash_view = [
            (d.totals[-1][1].get("headcount"), d.totals[-1][1].get("checkins")) for d in dashboards if d.totals
        ]
        if dash_view and set(dash_view) == {expected}:
            break
        await asyncio.sleep(0.2)
    stop.set()
    await asyncio.gather(*point_tasks, *dash_tasks, return_exceptions=True)
    await asyncio.sleep(2)  # the server records the disconnects

    rows, presences = await asyncio.to_thread(database_facts, session)
    await asyncio.to_thread(close_session, session)
    rows_closed, presences_closed = await asyncio.to_thread(database_facts, session)

    say("\n== clients against the database")
    statuses: dict[str, int] = {}
    for f in failures:
        statuses[f] = statuses.get(f, 0) + 1
    say(f"check-in requests: {len(checkin_results)} (failed attempts, retried: {statuses or 'none'})")
    lat = [r.latency for r in checkin_results if 200 <= r.status < 300]
    say(f"check-in latency (2xx): p50 {ms(percentile(lat, 50))}, p95 {ms(percentile(lat, 95))}")
    say(f"accepted check-ins (learners answered 2xx): {len(accepted)}; CheckIn rows: {rows_closed}")
    problems = []
    if rows_closed != len(accepted):
        problems.append(f"check-ins: {len(accepted)} accepted but {rows_closed} rows")
    if len(accepted) < len(learners):
        problems.append(f"{len(learners) - len(accepted)} phones never got a 2xx")
    if not all(flushed):
        problems.append(f"{len(points) - sum(flushed)} points still had unacknowledged heartbeats at the end")

    peak_diffs, seconds_diffs, missing = [], [], []
    interval = points[0].interval or args.interval
    for p in points:
        row = presences_closed.get(p.code)
        if row is None:
            missing.append(p.code)
            continue
        peak, seconds, _conns = row
        if peak != p.peak_sent:
            peak_diffs.append(f"{p.code}: sent {p.peak_sent}, kept {peak}")
        seconds_diffs.append((abs(seconds - p.connected_seconds), p, seconds))
    beyond = [(d, p, s) for d, p, s in seconds_diffs if d > interval]
    peaks_ok = len(points) - len(peak_diffs) - len(missing)
    say(f"peak head count: {peaks_ok} of {len(points)} points match what they sent")
    diffs = [d for d, _, _ in seconds_diffs]
    reconnects = [p.connections - 1 for p in points]
    say(
        f"connected seconds, |database − client clock|: p50 {percentile(diffs, 50):.2f} s, "
        f"p95 {percentile(diffs, 95):.2f} s, max {max(diffs, default=0):.2f} s; "
        f"beyond one interval ({interval:.0f} s): {len(beyond)} points; "
        f"reconnects per point: max {max(reconnects)}, total {sum(reconnects)}"
    )
    for label, group in (
        ("points never cut off", [d for d, p, _ in seconds_diffs if p.connections == 1]),
        ("points that lived through the kill", [d for d, p, _ in seconds_diffs if p.connections > 1]),
    ):
        if group:
            say(
                f"  {label} ({len(group)}): p50 {percentile(group, 50):.2f} s, max {max(group):.2f} s, "
                f"beyond one interval: {sum(d > interval for d in group)}"
            )
    say(
        f"point sockets dropped: {len(stats.closes)} (codes {sorted(set(stats.closes))}); failed (re)connect "
        f"attempts: {len(stats.handshake_failures)} {sorted(set(stats.handshake_failures))}"
    )
    say(
        f"dashboards' last totals (head count, check-ins): {sorted(set(dash_view))}; clients: {expected} "
        f"(points' head counts {expected[0] - unplaced} + {unplaced} check-ins not at a point) — "
        f"{'the same' if set(dash_view) == {expected} else 'DIFFERENT'}"
    )
    if presences != presences_closed or rows != rows_closed:
        say("note: closing the session changed the recorded figures (flushed on close)")
    if missing:
        problems.append(f"{len(missing)} points have no presence row: {missing[:5]}")
    if peak_diffs:
        problems.append(f"peak head count differs for {len(peak_diffs)} points: {peak_diffs[:8]}")
    if beyond:
        worst = sorted(beyond, key=lambda b: -b[0])[:8]
        problems.append(
            "connected seconds beyond one interval: "
            + ", ".join(
                f"{p.code} db {s} s vs client {p.connected_seconds:.1f} s ({p.connections} connections)"
                for _, p, s in worst
            )
        )
    if problems:
        say("\nLOST OR DIFFERENT:\n  - " + "\n  - ".join(problems))
        return False
    say("\nnothing lost")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--interval", type=int, default=2)
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--checkin-seconds", type=float, default=55, help="spread the check-ins over this time")
    parser.add_argument("--phones", type=int, default=12, help="check-ins in flight at once")
    parser.add_argument("--kill-at", type=float, default=15)
    parser.add_argument("--redis-at", type=float, default=32)
    parser.add_argument("--redis-down", type=float, default=3)
    parser.add_argument("--duration", type=float, default=60)
    args = parser.parse_args()
    raise_fd_limit()

    redis = RedisServer(REDIS_PORT).start()
    env = server_env(database_url=DATABASE_URL, redis_url=REDIS_URL)
    daphnes: list[Daphne] = []
    try:
        ensure_database(DATABASE_URL, env)
        fixture = live_fixture(points=args.points, heartbeat_interval=args.interval, env=env)
        django_setup(DATABASE_URL, REDIS_URL)
        learners = fault_learners(fixture["session"], args.learners)
        say(
            f"fault run: session {fixture['session']}, {args.points} points, {len(learners)} phones, two Daphne "
            f"processes (ports {PORTS[0]}, {PORTS[1]}), Redis on port {REDIS_PORT}"
        )
        daphnes = [Daphne(port, env).start() for port in PORTS]
        servers = [Server("127.0.0.1", port) for port in PORTS]
        ok = asyncio.run(run(args, fixture, servers, daphnes, redis, learners))
    finally:
        for d in daphnes:
            d.stop()
        redis.kill()
    for d in daphnes:
        log = Path(d.log_path).read_text(errors="replace")
        if "Traceback" in log:
            say(f"\nDaphne on port {d.port} logged {log.count('Traceback')} tracebacks (see {d.log_path})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
