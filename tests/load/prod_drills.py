"""Failure drills through nginx: kill -9 a Daphne process, restart Redis, stop PostgreSQL for 10 s — mid-class.

Run by `make load-prod` (or `.venv/bin/python tests/load/prod_drills.py`; about 3 minutes, plus a minute the
first time to create the database). The production topology (deploy/topology.py: nginx with TLS in front of
two Daphne processes, production settings) runs against a PRIVATE PostgreSQL cluster (initdb'd into
/tmp/bdhvs-bench-drills/pg, port 5441) and a PRIVATE Redis (port 6392), so stopping either disturbs nobody.

While connection points beat (head counts changing all the time), staff dashboards watch and phones check in
(each retried until an answer is 2xx; an error answer — a 500/502/503 while PostgreSQL is away — is not
"accepted"), the script

  (a) kills one Daphne process with SIGKILL (the launcher starts it again, as systemd's Restart=always would),
  (b) kills Redis and starts it again, empty,
  (c) stops PostgreSQL (fast shutdown: every connection cut) for 10 s and starts it again,

and after each prints how long until every point was connected and acknowledged again, every dashboard
received fresh totals, and check-ins were accepted again. At the end it prints what the clients were told
(check-ins answered 2xx, heartbeats acknowledged, each point's peak head count) against what PostgreSQL kept
(CheckIn rows, PointPresence.high_seq and peak_headcount) and exits non-zero if anything acknowledged is
missing, or if a point or dashboard did not come back by itself within --recover-within seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_faults import close_session, fault_learners
from liveclient import (
    ROOT,
    CheckinSender,
    DashboardClient,
    PointClient,
    PointStats,
    RedisServer,
    Server,
    csrf_cookie,
    django_setup,
    ensure_database,
    live_fixture,
    ms,
    percentile,
    raise_fd_limit,
    server_env,
    staff_login,
    wait_for_port,
)

sys.path.insert(0, str(ROOT))
from deploy.topology import Topology  # the production topology, as `make prod-local` runs it

WORKDIR = Path("/tmp/bdhvs-bench-drills")  # noqa: S108 - the topology's files and the private cluster
PG_PORT = 5441
PG_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE_URL = f"postgres://postgres@127.0.0.1:{PG_PORT}/bdhvs_bench_drills"
REDIS_PORT = 6392
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
HTTP_PORT, HTTPS_PORT = 8781, 8744
DAPHNE_PORTS = (8711, 8712)


def say(text: str = "") -> None:
    print(text, flush=True)


class PrivatePostgres:
    """A PostgreSQL cluster of our own (initdb once into a directory), started and stopped with pg_ctl."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # initdb and the server refuse to run as root; the Debian package's `postgres` user owns the cluster.
        command = [str(PG_BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, cwd="/")

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres", "postgres")
        self._as_postgres("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._as_postgres(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.directory / "server.log"), "-w", "start"
        )
        wait_for_port(self.port, 30)

    def stop(self) -> None:
        # "fast": every client connection is cut at once, as when the database host goes down.
        self._as_postgres("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def running(self) -> bool:
        return self._as_postgres("pg_ctl", "-D", str(self.data), "status", check=False).returncode == 0


def learner_ids(cookies: list[str]) -> dict[str, str]:
    """cookie → the learner's public id: a signed cookie carries its value in clear, "value:timestamp:signature"."""
    return {cookie: cookie.rsplit(":", 2)[0] for cookie in cookies}


def after_restart(fn, *args):
    """Call a database function of this process, replacing connections PostgreSQL's restart cut."""
    from django.db import OperationalError, connection

    for _attempt in range(30):
        try:
            return fn(*args)
        except OperationalError:
            connection.close()  # a broken connection leaves the pool; the next one is opened afresh
            time.sleep(0.2)
    return fn(*args)


def database_facts(session_id: str) -> tuple[set[str], dict[str, tuple[int, int, int, int]]]:
    """Public ids of learners with a CheckIn row; per point code (high_seq, peak, connected seconds, connections)."""
    from django.db import connection

    from livesessions.models import CheckIn, PointPresence

    connection.close()  # a fresh connection: everything the servers committed
    checked_in = {
        str(public_id)
        for public_id in CheckIn.objects.filter(session_id=session_id).values_list("learner__public_id", flat=True)
    }
    presences = {
        code: (high_seq, peak, seconds, conns)
        for code, high_seq, peak, seconds, conns in PointPresence.objects.filter(session_id=session_id).values_list(
            "point__code", "high_seq", "peak_headcount", "connected_seconds", "connections"
        )
    }
    return checked_in, presences


class Drill:
    """The clients of one live class, and the clock of the faults played against it."""

    def __init__(self, args, topology: Topology, fixture: dict, learners: list[tuple[str, str | None]]):
        self.args, self.topology, self.fixture, self.learners = args, topology, fixture, learners
        self.server = Server("127.0.0.1", HTTPS_PORT, topology.ssl_context())
        self.stats = PointStats()
        self.stop = asyncio.Event()
        self.points: list[PointClient] = []
        self.dashboards: list[DashboardClient] = []
        self.accepted: set[str] = set()
        self.accepted_at: list[float] = []  # times at which more check-ins had been answered 2xx
        self.failures: list[str] = []
        self.results: list = []
        self.recoveries: list[str] = []  # problems: something did not come back in time
        self.t0 = time.monotonic()

    def t(self) -> str:
        return f"t={time.monotonic() - self.t0:5.1f} s"

    def mark(self) -> tuple[int, int]:
        """Sockets dropped so far (points, dashboards): taken when a fault starts."""
        return len(self.stats.closes), sum(len(d.closes) for d in self.dashboards)

    async def recovery(self, label: str, since: float, marked: tuple[int, int]) -> None:
        """Wait until every point is connected and acknowledged after `since`, every dashboard got totals after
        it and a check-in was accepted after it; print how long each took."""
        deadline = since + self.args.recover_within
        points_at = dashboards_at = checkins_at = None
        while time.monotonic() < deadline and None in (points_at, dashboards_at, checkins_at):
            now = time.monotonic()
            if points_at is None and all(p.connected.is_set() and (p.last_ack_at or 0) >= since for p in self.points):
                points_at = now
            if dashboards_at is None and all(
                d.connected.is_set() and d.totals and d.totals[-1][0] >= since for d in self.dashboards
            ):
                dashboards_at = now
            if checkins_at is None and self.accepted_at and self.accepted_at[-1] >= since:
                checkins_at = min(at for at in self.accepted_at if at >= since)
            await asyncio.sleep(0.1)

        def took(at):
            return f"{at - since:.1f} s" if at is not None else f"NOT within {self.args.recover_within:.0f} s"

        late_points = [p.code for p in self.points if not p.connected.is_set() or (p.last_ack_at or 0) < since]
        say(
            f"{self.t()}  {label}: every point connected and acknowledged again after {took(points_at)}, every "
            f"dashboard pushed fresh totals after {took(dashboards_at)}, check-ins accepted again after "
            f"{took(checkins_at)}"
        )
        points_dropped, dashboards_dropped = (now - before for now, before in zip(self.mark(), marked, strict=True))
        say(f"          sockets dropped by this fault: {points_dropped} points, {dashboards_dropped} dashboards")
        if points_at is None:
            self.recoveries.append(f"{label}: {len(late_points)} points not back, e.g. {late_points[:5]}")
        if dashboards_at is None:
            self.recoveries.append(f"{label}: dashboards not back")
        if checkins_at is None:
            self.recoveries.append(f"{label}: no check-in accepted")

    async def run(self, redis: RedisServer, postgres: PrivatePostgres) -> bool:
        from django.conf import settings

        args, server, session = self.args, self.server, self.fixture["session"]
        rng = random.Random(11)  # noqa: S311 - load simulation
        self.points = [
            PointClient(
                session=session,
                code=p["code"],
                token=p["token"],
                servers=[server],
                stats=self.stats,
                headcount=rng.randint(5, 40),
            )
            for p in self.fixture["points"][: args.points]
        ]
        tasks = [asyncio.create_task(p.run(stop=self.stop, first_delay=rng.random())) for p in self.points]
        staff = self.fixture["staff"]
        jar = await staff_login(server.host, server.port, staff["username"], staff["password"], tls=server.tls)
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        self.dashboards = [DashboardClient(session=session, servers=[server], cookie=cookie) for _ in range(4)]
        tasks += [asyncio.create_task(d.run(stop=self.stop)) for d in self.dashboards]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            all(p.connected.is_set() for p in self.points) and all(d.connected.is_set() for d in self.dashboards)
        ):
            await asyncio.sleep(0.2)
        say(
            f"{sum(p.connected.is_set() for p in self.points)} of {len(self.points)} points connected through "
            f"nginx, {sum(d.connected.is_set() for d in self.dashboards)} of 4 dashboards; heartbeat every "
            f"{self.points[0].interval or args.interval:.0f} s"
        )

        changing = asyncio.Event()
        changing.set()

        async def crowd():
            while changing.is_set():
                p = rng.choice(self.points)
                p.set_headcount(max(0, min(5000, p.headcount + rng.randint(-5, 12))))
                await asyncio.sleep(0.02)

        csrf = await csrf_cookie(server.host, server.port, tls=server.tls)
        sender = CheckinSender(
            servers=[server], session=session, csrf=csrf, learner_cookie_name=settings.LEARNER_COOKIE_NAME
        )

        async def count_accepted():
            # When check-ins were accepted: a fault's recovery includes phones being answered 2xx again.
            seen = 0
            while not self.stop.is_set():
                if len(self.accepted) > seen:
                    seen = len(self.accepted)
                    self.accepted_at.append(time.monotonic())
                await asyncio.sleep(0.05)

        tasks.append(asyncio.create_task(count_accepted()))
        phones = asyncio.create_task(
            sender.send_all(
                self.learners,
                concurrency=args.phones,
                retry_until_2xx=True,
                results=self.results,
                accepted=self.accepted,
                failures=self.failures,
                pace=args.phones / (len(self.learners) / args.checkin_seconds),
            )
        )
        crowd_task = asyncio.create_task(crowd())
        self.t0 = time.monotonic()

        async def at(second: float):
            await asyncio.sleep(max(0.0, self.t0 + second - time.monotonic()))

        # (a) a Daphne process dies
        await at(args.kill_at)
        victim = self.topology.daphne[0].pid
        say(f"{self.t()}  (a) kill -9 Daphne process 0 (pid {victim}, port {self.topology.daphne_ports[0]})")
        marked, killed_at = self.mark(), time.monotonic()
        self.topology.kill_daphne(0)
        await self.recovery("(a) after kill -9", killed_at, marked)
        say(f"{self.t()}      Daphne process 0 is now pid {self.topology.daphne[0].pid} (restarted by the launcher)")

        # (b) Redis restarts, empty
        await at(args.redis_at)
        say(f"{self.t()}  (b) kill Redis (port {REDIS_PORT}), {args.redis_down:.0f} s down")
        marked = self.mark()
        redis.kill()
        await asyncio.sleep(args.redis_down)
        redis.start()
        say(f"{self.t()}      Redis started again, empty")
        await self.recovery("(b) after the Redis restart", time.monotonic(), marked)

        # (c) PostgreSQL goes away for 10 s
        await at(args.pg_at)
        say(f"{self.t()}  (c) stop PostgreSQL (port {PG_PORT}, fast shutdown) for {args.pg_down:.0f} s")
        accepted_before = len(self.accepted)
        failures_before = len(self.failures)
        marked = self.mark()
        await asyncio.to_thread(postgres.stop)
        await asyncio.sleep(args.pg_down)
        await asyncio.to_thread(postgres.start)
        say(
            f"{self.t()}      PostgreSQL started again; meanwhile {len(self.accepted) - accepted_before} check-ins "
            f"answered 2xx and {len(self.failures) - failures_before} attempts failed (retried)"
        )
        await self.recovery("(c) after the PostgreSQL restart", time.monotonic(), marked)

        await at(args.duration)
        # wind down: no more changes, every phone answered, every heartbeat acknowledged
        changing.clear()
        await crowd_task
        await phones
        deadline = time.monotonic() + 60
        while len(self.accepted) < len(self.learners) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        for p in self.points:
            p.heartbeats_enabled = False
        for p in self.points:
            await p.send_new()  # a last heartbeat with the final head count
        flushed = await asyncio.gather(*(p.flush(30) for p in self.points))
        unplaced = sum(1 for cookie, point in self.learners if point is None and cookie in self.accepted)
        expected = (sum(p.headcount for p in self.points) + unplaced, len(self.accepted))
        deadline = time.monotonic() + 10
        dash_view: list = []
        while time.monotonic() < deadline:
            dash_view = [
                (d.totals[-1][1].get("headcount"), d.totals[-1][1].get("checkins")) for d in self.dashboards if d.totals
            ]
            if dash_view and set(dash_view) == {expected}:
                break
            await asyncio.sleep(0.2)
        say(
            f"{self.t()}  wind down: {sum(flushed)} of {len(self.points)} points have every heartbeat "
            f"acknowledged; {len(self.accepted)} of {len(self.learners)} phones answered 2xx"
        )
        self.stop.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(2)  # the servers record the disconnects
        await asyncio.to_thread(after_restart, close_session, session)
        kept = await asyncio.to_thread(after_restart, database_facts, session)
        return self.compare(kept, flushed, dash_view, expected, unplaced)

    def compare(self, kept, flushed: list[bool], dash_view: list, expected: tuple[int, int], unplaced: int) -> bool:
        checked_in, presences = kept
        ids = learner_ids([cookie for cookie, _ in self.learners])
        accepted_ids = {ids[cookie] for cookie in self.accepted}
        lost_checkins = accepted_ids - checked_in
        extra = checked_in - accepted_ids
        say("\n== what the clients were told against what PostgreSQL kept")
        statuses: dict[str, int] = {}
        for failure in self.failures:
            statuses[failure] = statuses.get(failure, 0) + 1
        lat = [r.latency for r in self.results if 200 <= r.status < 300]
        say(
            f"check-ins: {len(self.results)} requests, failed attempts (retried, never counted as accepted): "
            f"{statuses or 'none'}; latency of 2xx p50 {ms(percentile(lat, 50))}, p95 {ms(percentile(lat, 95))}"
        )
        say(
            f"check-ins answered 2xx: {len(accepted_ids)} learners; CheckIn rows: {len(checked_in)}; accepted but "
            f"missing: {len(lost_checkins)}; kept without a 2xx: {len(extra)}"
        )
        acked = sum(len(p.acked) for p in self.points)
        lost_beats, lost_peaks, missing, peak_same = [], [], [], 0
        for p in self.points:
            row = presences.get(p.code)
            if row is None:
                if p.acked:
                    missing.append(p.code)
                continue
            high_seq, peak, _seconds, _conns = row
            if p.acked and high_seq < max(p.acked):
                lost_beats.append(f"{p.code}: acked up to seq {max(p.acked)}, kept high_seq {high_seq}")
            acked_peak = max((p.sent[seq] for seq in p.acked), default=0)
            if peak < acked_peak:
                lost_peaks.append(f"{p.code}: acked peak {acked_peak}, kept {peak}")
            peak_same += peak == acked_peak
        say(
            f"heartbeats acknowledged: {acked} (highest seq per point kept as high_seq: "
            f"{len(self.points) - len(lost_beats) - len(missing)} of {len(self.points)} points); "
            f"{sum(flushed)} of {len(self.points)} points had every heartbeat acknowledged at the end"
        )
        say(
            f"peak head count: {peak_same} of {len(self.points)} points kept exactly the peak of their acknowledged "
            f"heartbeats; kept lower: {len(lost_peaks)}"
        )
        reconnects = [p.connections - 1 for p in self.points]
        say(
            f"reconnects per point: max {max(reconnects)}, total {sum(reconnects)}; point sockets dropped "
            f"{len(self.stats.closes)} (close codes {sorted(set(self.stats.closes))}); failed (re)connects "
            f"{len(self.stats.handshake_failures)} {sorted(set(self.stats.handshake_failures))}; dashboards "
            f"dropped {sum(len(d.closes) for d in self.dashboards)}, failed reconnects "
            f"{sum(len(d.handshake_failures) for d in self.dashboards)}"
        )
        say(
            f"dashboards' last totals (head count, check-ins): {sorted(set(dash_view))}; clients: {expected} "
            f"(points' head counts {expected[0] - unplaced} + {unplaced} check-ins not at a point) — "
            f"{'the same' if set(dash_view) == {expected} else 'DIFFERENT'}"
        )
        lost = []
        if lost_checkins:
            lost.append(f"{len(lost_checkins)} check-ins answered 2xx have no CheckIn row")
        if missing:
            lost.append(f"{len(missing)} points with acknowledged heartbeats have no PointPresence: {missing[:5]}")
        if lost_beats:
            lost.append(f"{len(lost_beats)} points' acknowledged heartbeats not kept: {lost_beats[:5]}")
        if lost_peaks:
            lost.append(f"{len(lost_peaks)} points' peak head count kept lower: {lost_peaks[:5]}")
        problems = list(self.recoveries)
        if len(self.accepted) < len(self.learners):
            problems.append(f"{len(self.learners) - len(self.accepted)} phones never got a 2xx")
        if not all(flushed):
            problems.append(f"{len(self.points) - sum(flushed)} points still had unacknowledged heartbeats")
        if set(dash_view) != {expected}:
            problems.append("dashboards' last totals differ from the clients'")
        if lost:
            say("\nACKNOWLEDGED BUT LOST:\n  - " + "\n  - ".join(lost))
        else:
            say("\nnothing acknowledged was lost")
        if problems:
            say("DID NOT RECOVER CLEANLY:\n  - " + "\n  - ".join(problems))
        return not lost and not problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--interval", type=int, default=2, help="heartbeat interval of the session (s)")
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--phones", type=int, default=12, help="check-ins in flight at once")
    parser.add_argument("--checkin-seconds", type=float, default=85, help="spread the check-ins over this time")
    parser.add_argument("--kill-at", type=float, default=10)
    parser.add_argument("--redis-at", type=float, default=35)
    parser.add_argument("--redis-down", type=float, default=3)
    parser.add_argument("--pg-at", type=float, default=60)
    parser.add_argument("--pg-down", type=float, default=10)
    parser.add_argument("--duration", type=float, default=100)
    parser.add_argument("--recover-within", type=float, default=20, help="seconds allowed to come back")
    parser.add_argument("--fresh", action="store_true", help="initdb the private cluster again")
    args = parser.parse_args()
    raise_fd_limit()

    WORKDIR.mkdir(parents=True, exist_ok=True)
    postgres = PrivatePostgres(WORKDIR / "pg", PG_PORT)
    if args.fresh and postgres.data.exists():
        postgres.stop()
        shutil.rmtree(postgres.data)
    key_file = WORKDIR / "bench-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    env_extra = {"SECRET_KEY": key_file.read_text().strip()}  # learner cookies are signed here too
    os.environ.update(env_extra)

    redis = RedisServer(REDIS_PORT).start()
    topology = None
    try:
        t = time.monotonic()
        postgres.init()
        if postgres.running():  # left over from an interrupted run
            postgres.stop()
        postgres.start()
        env = server_env(database_url=DATABASE_URL, redis_url=REDIS_URL)
        env.update(env_extra)
        ensure_database(DATABASE_URL, env)
        fixture = live_fixture(points=args.points, heartbeat_interval=args.interval, env=env)
        django_setup(DATABASE_URL, REDIS_URL)
        learners = fault_learners(fixture["session"], args.learners)
        say(
            f"private PostgreSQL on port {PG_PORT} ({postgres.data}), private Redis on port {REDIS_PORT}; session "
            f"{fixture['session']}, {args.points} points, {len(learners)} phones; set-up {time.monotonic() - t:.0f} s"
        )
        topology = Topology(
            processes=2,
            http_port=HTTP_PORT,
            https_port=HTTPS_PORT,
            database_url=DATABASE_URL,
            redis_url=REDIS_URL,
            workdir=WORKDIR / "topology",
            extra_env=env_extra,
            daphne_ports=list(DAPHNE_PORTS),
        )
        topology.start()
        say(
            f"topology: {topology.base_url}, Daphne ports {topology.daphne_ports}; machine: {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
        )
        ok = asyncio.run(Drill(args, topology, fixture, learners).run(redis, postgres))
        say(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        if topology is not None:
            topology.stop()
        redis.kill()
        postgres.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
