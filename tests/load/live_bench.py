"""Live classes benchmark: 2,000 connection points and 50 dashboards on ONE Daphne process, then check-ins.

Run by `make load` (or `.venv/bin/python tests/load/live_bench.py`). Needs PostgreSQL and Redis on loopback;
takes about 5 minutes and prints figures against the budgets of design.md:

  * points: connections accepted, connect time, heartbeat ack latency p50/p95/p99 (budget p95 < 100 ms);
  * dashboards: staleness p95 — from a point sending a new head count to a dashboard's first `totals`
    showing it (budget ≤ 1.5 s); the server's RSS and CPU;
  * check-ins: sustained rate with every one persisted (budget ≥ 300/s), duplicates counted once.

The heartbeat interval is compressed (5 s instead of 20 s, so 2,000 points send 400 heartbeats/s, four times
a real class) to keep the run short. The client is this process (asyncio), the server a separate Daphne
process. At the end the fault run (live_faults.py) runs unless --no-faults.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from liveclient import (
    PYTHON,
    CheckinSender,
    Daphne,
    DashboardClient,
    PointClient,
    PointStats,
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
REDIS_URL = "redis://127.0.0.1:6379/4"
PORT = 8120
BENCH_NAME = "tải thử lớp trực tuyến"  # display name of the learners this benchmark creates (and reuses)


def say(text: str = "") -> None:
    print(text, flush=True)


class Sampler:
    """The Daphne process's CPU% and RSS, sampled every second."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.client = psutil.Process()  # this process: the load generator must not be the bottleneck
        self.samples: list[tuple] = []  # (time, Daphne %, RSS, client %, machine %, load, PG %, run-queue wait s)
        self._task = None

    def _postgres_cpu(self) -> float:
        """CPU % of the PostgreSQL backends serving the benchmark database (their titles name it)."""
        name = DATABASE_URL.rsplit("/", 1)[1]
        total = 0.0
        seen = {}
        for proc in psutil.process_iter(["name", "cmdline"]):
            try:
                if proc.info["name"] == "postgres" and name in " ".join(proc.info["cmdline"] or []):
                    previous = self._pg.get(proc.pid)
                    times = proc.cpu_times()
                    now = times.user + times.system
                    seen[proc.pid] = now
                    total += now - previous if previous is not None else 0.0
            except psutil.Error:
                continue
        self._pg = seen
        return total * 100  # over the one-second sample: CPU seconds → %

    def _runqueue_wait(self) -> float:
        """Seconds the Daphne event-loop thread has spent runnable but waiting for a CPU (Linux schedstat)."""
        try:
            return int(Path(f"/proc/{self.proc.pid}/schedstat").read_text().split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    async def _run(self):
        self._pg: dict[int, float] = {}
        waited = self._runqueue_wait()
        self._postgres_cpu()
        self.proc.cpu_percent(None)
        self.client.cpu_percent(None)
        psutil.cpu_percent(None)
        while True:
            await asyncio.sleep(1)
            try:
                self.samples.append(
                    (
                        time.monotonic(),
                        self.proc.cpu_percent(None),
                        self.proc.memory_info().rss,
                        self.client.cpu_percent(None),
                        psutil.cpu_percent(None),
                        os.getloadavg()[0],
                        self._postgres_cpu(),
                        self._runqueue_wait() - waited,
                    )
                )
                waited += self.samples[-1][7]
            except psutil.Error:
                return

    def start(self):
        self._task = asyncio.create_task(self._run())
        return self

    def window(self, t0: float, t1: float) -> tuple[float, float, int]:
        inside = [s for s in self.samples if t0 <= s[0] <= t1] or self.samples[-1:]
        cpu = [s[1] for s in inside]
        return sum(cpu) / max(len(cpu), 1), max(cpu, default=0.0), max((s[2] for s in inside), default=0)

    def machine(self, t0: float, t1: float) -> str:
        """How busy the whole machine was: this 2-core box is shared, and other jobs skew the figures."""
        inside = [s for s in self.samples if t0 <= s[0] <= t1] or self.samples[-1:]
        if not inside:
            return "no samples"
        total = sum(s[4] for s in inside) / len(inside) * psutil.cpu_count()
        ours = sum(s[1] + s[3] for s in inside) / len(inside)
        postgres = sum(s[6] for s in inside) / len(inside)
        load = max(s[5] for s in inside)
        waiting = sum(s[7] for s in inside) / len(inside) * 100
        return (
            f"machine: {total:.0f} % of {psutil.cpu_count() * 100} % CPU in use: Daphne + load client {ours:.0f} %, "
            f"PostgreSQL backends of this database ~{postgres:.0f} %, everything else (Redis, other jobs on the "
            f"machine) {total - ours - postgres:.0f} %; load average up to {load:.1f}; Daphne's event loop was "
            f"ready to run but waiting for a CPU {waiting:.0f} % of the time"
        )

    def client_cpu(self, t0: float, t1: float) -> float:
        inside = [s[3] for s in self.samples if t0 <= s[0] <= t1] or [0.0]
        return sum(inside) / len(inside)


def prepare_learners(count: int, villages) -> list[tuple[str, int]]:
    """`count` learners of the benchmark (created once with bulk_create, reused after): (cookie, village id)."""
    from django.utils import timezone

    from learners.models import Learner
    from learners.privacy import PRIVACY_NOTICE_VERSION

    mine = Learner.objects.filter(display_name=BENCH_NAME, village_id__in=villages).only("public_id", "village_id")
    existing = list(mine[:count])
    missing = count - len(existing)
    if missing > 0:
        now = timezone.now()
        Learner.objects.bulk_create(
            [
                Learner(
                    village_id=villages[i % len(villages)],
                    display_name=BENCH_NAME,
                    consent_at=now,
                    consent_version=PRIVACY_NOTICE_VERSION,
                )
                for i in range(missing)
            ],
            batch_size=2000,
        )
        existing = list(mine[:count])
    return [(learner_cookie_value(learner), learner.village_id) for learner in existing]


def point_villages(session_id: str) -> tuple[list[int], dict[int, list[str]]]:
    """Villages of the session's invited points (a village is made for a commune-wide point), and the point
    codes per village, so a learner checks in at a point of their own village."""
    from livesessions.models import LiveSession
    from places.models import Village

    session = LiveSession.objects.get(pk=session_id)
    codes_by_village: dict[int, list[str]] = {}
    commune_village: dict[int, int] = {}
    for point in session.invited_points.select_related("commune"):
        village_id = point.village_id
        if village_id is None:
            if point.commune_id not in commune_village:
                commune_village[point.commune_id] = Village.objects.get_or_create(
                    commune=point.commune, name="Thôn tải thử"
                )[0].pk
            village_id = commune_village[point.commune_id]
        codes_by_village.setdefault(village_id, []).append(point.code)
    return list(codes_by_village), codes_by_village


def pg_sessions() -> int:
    """Connections PostgreSQL has accepted for the benchmark database so far (pg_stat_database.sessions)."""
    import psycopg

    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(
            "SELECT sessions FROM pg_stat_database WHERE datname = %s", [DATABASE_URL.rsplit("/", 1)[1]]
        ).fetchone()[0]


def checkin_rows(session_id: str) -> tuple[int, int]:
    from django.db import connection
    from django.db.models import Count

    from livesessions.models import CheckIn

    connection.close()  # a fresh connection: see everything the server committed
    figures = CheckIn.objects.filter(session_id=session_id).aggregate(
        rows=Count("id"), learners=Count("learner", distinct=True)
    )
    return figures["rows"], figures["learners"]


async def phase_points(args, fixture, server: Server, daphne: Daphne, learners, codes_by_village) -> dict:
    session = fixture["session"]
    stats = PointStats()
    stop = asyncio.Event()
    points = [
        PointClient(
            session=session,
            code=p["code"],
            token=p["token"],
            servers=[server],
            stats=stats,
            headcount=random.randint(10, 60),  # noqa: S311 - load simulation
        )
        for p in fixture["points"][: args.points]
    ]
    sampler = Sampler(daphne.pid).start()
    figures: dict = {}

    # --- the connect burst of class start -----------------------------------------------------------------------
    say(f"\n== {len(points)} points connect at once (heartbeat every {args.interval} s)")
    t_burst = time.monotonic()
    tasks = [asyncio.create_task(p.run(stop=stop)) for p in points]
    deadline = time.monotonic() + 90
    while sum(p.connected.is_set() for p in points) < len(points) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    burst = time.monotonic() - t_burst
    connected = sum(p.connected.is_set() for p in points)
    figures["points_connected"] = connected
    say(f"points welcomed: {connected} of {len(points)} in {burst:.1f} s")
    say(
        f"connect time (TCP + handshake + hello → welcome): p50 {ms(percentile(stats.connect_times, 50))}, "
        f"p99 {ms(percentile(stats.connect_times, 99))}, max {ms(max(stats.connect_times, default=0))}; "
        f"of which WebSocket handshake p50 {ms(percentile(stats.open_times, 50))}, "
        f"p99 {ms(percentile(stats.open_times, 99))}"
    )

    # --- dashboards ------------------------------------------------------------------------------------------
    jar = await staff_login(server.host, server.port, fixture["staff"]["username"], fixture["staff"]["password"])
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    dashboards = [DashboardClient(session=session, servers=[server], cookie=cookie) for _ in range(args.dashboards)]
    dash_tasks = [asyncio.create_task(d.run(stop=stop)) for d in dashboards]
    deadline = time.monotonic() + 30
    while sum(d.connected.is_set() for d in dashboards) < len(dashboards) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    dash_connected = sum(d.connected.is_set() for d in dashboards)
    figures["dashboards_connected"] = dash_connected
    dash_times = [d.connect_time for d in dashboards if d.connect_time is not None]
    say(f"dashboards connected: {dash_connected} of {len(dashboards)}, connect p50 {ms(percentile(dash_times, 50))}")

    # --- steady state: heartbeats, and head-count changes the dashboards must show -------------------------------
    say(
        f"\n== steady state for {args.steady} s: {len(points)} points × 1 heartbeat / {args.interval} s "
        f"= {len(points) / args.interval:.0f} heartbeats/s; a head-count change every 3 s"
    )
    await asyncio.sleep(2 * args.interval)  # every point has beaten once: all online
    stats.ack_latencies.clear()
    closes_before = len(stats.closes)
    sessions_before = await asyncio.to_thread(pg_sessions)
    t_steady = time.monotonic()
    probes: list[tuple[float, int]] = []
    rng = random.Random(7)  # noqa: S311 - load simulation
    while time.monotonic() - t_steady < args.steady:
        probe = rng.choice([p for p in points if p.connected.is_set()])
        probe.set_headcount(probe.headcount + rng.randint(1, 40))
        expected = sum(p.headcount for p in points)
        probes.append((time.monotonic(), expected))
        await asyncio.sleep(3)
    t_end = time.monotonic()
    steady_connections = await asyncio.to_thread(pg_sessions) - sessions_before - 2
    steady_acks = list(stats.ack_latencies)
    cpu_avg, cpu_max, rss = sampler.window(t_steady, t_end)
    figures.update(acks=steady_acks, cpu=cpu_avg, rss=rss)
    say(
        f"heartbeats acknowledged: {len(steady_acks)} ({len(steady_acks) / (t_end - t_steady):.0f}/s); new "
        f"PostgreSQL connections meanwhile: {steady_connections / (t_end - t_steady):.1f}/s"
    )
    say(
        f"ack latency: p50 {ms(percentile(steady_acks, 50))}, p95 {ms(percentile(steady_acks, 95))}, "
        f"p99 {ms(percentile(steady_acks, 99))}, max {ms(max(steady_acks, default=0))}   (budget p95 < 100 ms)"
    )
    staleness, missed = [], 0
    for i, (sent_at, expected) in enumerate(probes[:-1]):
        next_at = probes[i + 1][0]
        for d in dashboards:
            seen = d.first_totals_after(sent_at, lambda t, e=expected: t.get("headcount") == e)
            if seen is None or seen > next_at + 5:
                missed += 1
            else:
                staleness.append(seen - sent_at)
    figures["staleness"] = staleness
    pushes = sum(1 for d in dashboards for at, _ in d.totals if t_steady <= at <= t_end)
    say(
        f"dashboard staleness over {len(probes) - 1} changes × {len(dashboards)} dashboards: "
        f"p50 {ms(percentile(staleness, 50))}, p95 {ms(percentile(staleness, 95))}, "
        f"max {ms(max(staleness, default=0))}; never seen: {missed}   (budget ≤ 1.5 s)"
    )
    say(f"totals pushes received: {pushes / max(len(dashboards), 1) / (t_end - t_steady):.2f}/s per dashboard")
    say(
        f"Daphne process: CPU {cpu_avg:.0f} % average ({cpu_max:.0f} % peak), RSS {rss / 2**20:.0f} MiB; "
        f"load client (this process) CPU {sampler.client_cpu(t_steady, t_end):.0f} %"
    )
    say(sampler.machine(t_steady, t_end))
    say(
        f"closes while connected: {len(stats.closes) - closes_before} during steady state, {len(stats.closes)} in all "
        f"{sorted(set(stats.closes))}; handshake failures: {len(stats.handshake_failures)} "
        f"{sorted(set(stats.handshake_failures))[:5]}; protocol errors: {len(stats.errors)}; "
        f"dashboard closes: {sum(len(d.closes) for d in dashboards)}, dashboard handshake failures: "
        f"{sum(len(d.handshake_failures) for d in dashboards)}"
    )

    # --- check-ins while the points keep beating --------------------------------------------------------------
    if learners:
        await phase_checkins(args, fixture, server, daphne, sampler, learners, codes_by_village, stats, figures)
        # the dashboards end with every check-in counted
        await asyncio.sleep(2)
        last = [d.totals[-1][1].get("checkins") for d in dashboards if d.totals]
        say(f"dashboards' last `checkins` figure: {sorted(set(last))}")

    stop.set()
    await asyncio.gather(*tasks, *dash_tasks, return_exceptions=True)
    return figures


async def phase_checkins(args, fixture, server, daphne, sampler, learners, codes_by_village, stats, figures):
    from django.conf import settings

    session = fixture["session"]
    rows_before, _ = await asyncio.to_thread(checkin_rows, session)
    csrf = await csrf_cookie(server.host, server.port)
    sender = CheckinSender(
        servers=[server], session=session, csrf=csrf, learner_cookie_name=settings.LEARNER_COOKIE_NAME
    )
    jobs = []
    for i, (cookie, village_id) in enumerate(learners):
        # half come from a point's poster (with the point's code), half from the session link
        jobs.append((cookie, codes_by_village[village_id][0] if i % 2 == 0 else None))
    say(f"\n== check-ins: {len(jobs)} learners over {args.concurrency} keep-alive connections, points still beating")
    stats.ack_latencies.clear()
    sessions_before = await asyncio.to_thread(pg_sessions)
    t0 = time.monotonic()
    results = await sender.send_all(jobs, concurrency=args.concurrency, deadline=t0 + args.checkin_seconds)
    elapsed = time.monotonic() - t0
    new_connections = await asyncio.to_thread(pg_sessions) - sessions_before - 2  # minus this script's own two
    acks_during = list(stats.ack_latencies)
    accepted = [r for r in results if 200 <= r.status < 300]
    statuses: dict[int, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    cpu_avg, _cpu_max, rss = sampler.window(t0, t0 + elapsed)
    lat = [r.latency for r in results]
    rows_after, unique_learners = await asyncio.to_thread(checkin_rows, session)
    say(
        f"sent {len(results)}{' (stopped at the time limit)' if len(results) < len(jobs) else ''}, "
        f"accepted (2xx) {len(accepted)}, statuses {statuses}"
    )
    say(f"rate: {len(accepted) / elapsed:.0f} check-ins/s sustained over {elapsed:.1f} s   (budget ≥ 300/s)")
    say(f"latency: p50 {ms(percentile(lat, 50))}, p95 {ms(percentile(lat, 95))}, p99 {ms(percentile(lat, 99))}")
    say(f"CheckIn rows: {rows_after - rows_before} new ({rows_after} for the session, {unique_learners} learners)")
    say(
        f"new PostgreSQL connections opened meanwhile: {new_connections} "
        f"({new_connections / max(len(results), 1):.2f} per check-in request)"
    )
    say(
        f"heartbeat acks meanwhile: p50 {ms(percentile(acks_during, 50))}, p95 {ms(percentile(acks_during, 95))}, "
        f"p99 {ms(percentile(acks_during, 99))}; Daphne CPU {cpu_avg:.0f} %, RSS {rss / 2**20:.0f} MiB, "
        f"load client CPU {sampler.client_cpu(t0, t0 + elapsed):.0f} %"
    )
    say(sampler.machine(t0, t0 + elapsed))
    figures.update(checkin_rate=len(accepted) / elapsed, checkin_rows=rows_after - rows_before)

    # duplicates: the same learners press the button again (a tenth of them, each three more times)
    dupes = [job for job in jobs[: len(results) // 10] for _ in range(3)]
    random.shuffle(dupes)
    t0 = time.monotonic()
    dup_results = await sender.send_all(dupes, concurrency=args.concurrency)
    dup_elapsed = time.monotonic() - t0
    dup_ok = sum(1 for r in dup_results if 200 <= r.status < 300)
    rows_final, unique_final = await asyncio.to_thread(checkin_rows, session)
    say(
        f"duplicates: {len(dupes)} resent ({dup_ok} answered 2xx, {len(dupes) / dup_elapsed:.0f}/s) → "
        f"CheckIn rows {rows_final} for {unique_final} learners "
        f"({'counted once' if rows_final == unique_final else 'COUNTED TWICE'})"
    )
    figures.update(checkin_rows_final=rows_final, checkin_unique=unique_final)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--dashboards", type=int, default=50)
    parser.add_argument("--interval", type=int, default=5, help="heartbeat interval of the session (s)")
    parser.add_argument("--steady", type=int, default=75, help="seconds of steady state")
    parser.add_argument("--learners", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=24, help="keep-alive connections for check-ins")
    parser.add_argument("--checkin-seconds", type=float, default=75, help="stop sending new check-ins after this")
    parser.add_argument("--profile", help="run Daphne under cProfile, writing this file")
    parser.add_argument("--no-faults", action="store_true", help="skip the fault run (live_faults.py)")
    args = parser.parse_args()
    raise_fd_limit()
    env = server_env(database_url=DATABASE_URL, redis_url=REDIS_URL)
    subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "FLUSHDB"], check=True, capture_output=True)

    say(
        f"live benchmark: {args.points} points + {args.dashboards} dashboards, 1 Daphne process, PostgreSQL "
        f"{DATABASE_URL.rsplit('/', 1)[1]}, Redis {REDIS_URL}"
    )
    t = time.monotonic()
    ensure_database(DATABASE_URL, env)
    fixture = live_fixture(points=args.points, heartbeat_interval=args.interval, env=env)
    django_setup(DATABASE_URL, REDIS_URL)
    from django.conf import settings

    database = settings.DATABASES["default"]
    say(
        f"server's database connections: CONN_MAX_AGE={database.get('CONN_MAX_AGE')}, "
        f"pool={database.get('OPTIONS', {}).get('pool', 'none')}"
    )
    say(f"machine: {psutil.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")
    villages, codes_by_village = point_villages(fixture["session"])
    learners = prepare_learners(args.learners, villages) if args.learners else []
    say(
        f"set-up (database, fixture session {fixture['session']}, {len(learners)} learners): "
        f"{time.monotonic() - t:.0f} s"
    )

    daphne = Daphne(PORT, env, profile_path=args.profile).start()
    try:
        figures = asyncio.run(
            phase_points(args, fixture, Server("127.0.0.1", PORT), daphne, learners, codes_by_village)
        )
    finally:
        daphne.stop(timeout=60)
        if args.profile:
            import pstats

            say(f"\n== where the server's time went (all threads; {args.profile}), top 25 by cumulative time")
            stats = pstats.Stats(args.profile)
            stats.sort_stats("cumulative").print_stats(25)
            say("top 25 by own time")
            stats.sort_stats("tottime").print_stats(25)
    if "Traceback" in Path(daphne.log_path).read_text(errors="replace"):
        say(f"\nthe server logged tracebacks; tail of {daphne.log_path}:\n{daphne.log_tail(40)}")

    say("\n== summary against the budgets")
    acks = figures.get("acks", [])
    say(
        f"points accepted {figures.get('points_connected')}/{args.points}, "
        f"dashboards {figures.get('dashboards_connected')}/{args.dashboards}"
    )
    say(f"ack p95 {ms(percentile(acks, 95))} (< 100 ms: {'met' if percentile(acks, 95) < 0.1 else 'MISSED'})")
    st = figures.get("staleness", [])
    say(
        f"dashboard staleness p95 {ms(percentile(st, 95))} "
        f"(≤ 1.5 s: {'met' if percentile(st, 95) <= 1.5 else 'MISSED'})"
    )
    if "checkin_rate" in figures:
        rate = figures["checkin_rate"]
        say(
            f"check-ins {rate:.0f}/s (≥ 300/s: {'met' if rate >= 300 else 'MISSED'}); rows "
            f"{figures['checkin_rows_final']} = unique learners {figures['checkin_unique']}: "
            f"{'yes' if figures['checkin_rows_final'] == figures['checkin_unique'] else 'NO'}"
        )

    if not args.no_faults:
        say("\n== fault run (tests/load/live_faults.py)")
        return subprocess.run([PYTHON, str(Path(__file__).with_name("live_faults.py"))], check=False).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
