"""Scale-out benchmark: the live class through nginx (TLS) with 1, 2 and 4 Daphne processes on one Redis.

Run by `make load-prod` (or `.venv/bin/python tests/load/scale_out.py`, `--quick` for a one-minute smoke).
Each run starts the production topology (deploy/topology.py: nginx in front, N Daphne processes, production
settings) against PostgreSQL database `bdhvs_bench_scale` and a private Redis on port 6391, and plays the same
workload:

  1. N connection points connect at once (wss through nginx) and beat at a compressed interval;
  2. D staff dashboards log in through /admin/login/ and watch; a point changes its head count every 2 s and
     the time until each dashboard's `totals` shows it is the staleness;
  3. a check-in burst (the htmx one-tap POST, over keep-alive https connections) while the points keep beating;
     "persisted" counts the CheckIn rows PostgreSQL holds afterwards;
  4. a shorter one with a new TLS connection (and handshake) per check-in, as phones arriving one by one.

It prints per run: points connected, heartbeats acknowledged/s and ack p50/p95, check-ins/s persisted,
dashboard staleness p95, and the CPU of the Daphne processes, nginx, PostgreSQL and of this load generator;
then each figure's ratio to the one-process run. The heartbeat rate is offered load (points ÷ interval):
its ratio stays 1.0 while one process keeps up; the throughput figure that can scale is check-ins/s.

Read the ratios with the machine in mind: everything — nginx, every Daphne process, PostgreSQL, Redis and the
load generator itself — shares the machine's cores (2 here), so a second process can only add what the
others leave idle. The CPU columns say where the cores went.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_bench import checkin_rows, point_villages, prepare_learners
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
)

sys.path.insert(0, str(ROOT))
from deploy.topology import Topology  # the production topology, as `make prod-local` runs it

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bdhvs_bench_scale"
REDIS_PORT = 6391
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
HTTP_PORT, HTTPS_PORT = 8780, 8743
DAPHNE_PORT = 8701  # process i listens on DAPHNE_PORT + i
WORKDIR = Path("/tmp/bdhvs-bench-scale")  # noqa: S108 - the topology's certificate, nginx files and logs


def say(text: str = "") -> None:
    print(text, flush=True)


# --- CPU accounting ------------------------------------------------------------------------------------------


def _cpu_seconds(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


class Cpu:
    """CPU seconds per group of processes (Daphne, nginx, PostgreSQL backends, Redis, this generator), per pid,
    so processes that come and go between two snapshots are still counted."""

    def __init__(self, *, topology: Topology, redis: RedisServer, database: str):
        self.topology, self.redis, self.database = topology, redis, database
        self.me = psutil.Process()

    def _groups(self) -> dict[str, list[psutil.Process]]:
        groups: dict[str, list[psutil.Process]] = {"daphne": [], "nginx": [], "postgres": [], "redis": []}
        for popen in self.topology.daphne:
            with_pid = psutil.Process(popen.pid) if psutil.pid_exists(popen.pid) else None
            if with_pid:
                groups["daphne"].append(with_pid)
        if self.topology.nginx is not None and psutil.pid_exists(self.topology.nginx.pid):
            master = psutil.Process(self.topology.nginx.pid)
            groups["nginx"] = [master, *master.children()]
        for proc in psutil.process_iter(["name", "cmdline"]):
            try:
                if proc.info["name"] == "postgres" and self.database in " ".join(proc.info["cmdline"] or []):
                    groups["postgres"].append(proc)  # the backends serving the benchmark's database
            except psutil.Error:
                continue
        if self.redis.proc is not None and psutil.pid_exists(self.redis.proc.pid):
            groups["redis"].append(psutil.Process(self.redis.proc.pid))
        return groups

    def snapshot(self) -> dict:
        taken: dict[str, dict[int, float]] = {}
        for group, procs in self._groups().items():
            taken[group] = {}
            for proc in procs:
                try:
                    taken[group][proc.pid] = _cpu_seconds(proc)
                except psutil.Error:
                    continue
        taken["generator"] = {self.me.pid: _cpu_seconds(self.me)}
        machine = psutil.cpu_times()
        taken["machine"] = {0: machine.user + machine.nice + machine.system + machine.irq + machine.softirq}
        waits = {}
        for popen in self.topology.daphne:
            try:
                waits[popen.pid] = int(Path(f"/proc/{popen.pid}/schedstat").read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                continue
        taken["daphne_wait"] = waits
        return {"at": time.monotonic(), "load": os.getloadavg()[0], **taken}

    @staticmethod
    def between(first: dict, second: dict) -> dict[str, float]:
        """Per group: CPU % of one core over the window (the machine: of all cores together, in %)."""
        elapsed = max(second["at"] - first["at"], 1e-6)
        out = {}
        for group in ("daphne", "nginx", "postgres", "redis", "generator", "machine", "daphne_wait"):
            before, after = first.get(group, {}), second.get(group, {})
            used = sum(value - before.get(pid, 0.0) for pid, value in after.items())
            out[group] = used / elapsed * 100
        out["load"] = max(first["load"], second["load"])
        return out


def cpu_line(cpu: dict[str, float], processes: int) -> str:
    ours = sum(cpu[group] for group in ("daphne", "nginx", "postgres", "redis", "generator"))
    return (
        f"CPU (100 % = one core): Daphne ×{processes} {cpu['daphne']:.0f} %, nginx {cpu['nginx']:.0f} %, "
        f"PostgreSQL {cpu['postgres']:.0f} %, Redis {cpu['redis']:.0f} %, load generator {cpu['generator']:.0f} %; "
        f"machine {cpu['machine']:.0f} % of {psutil.cpu_count() * 100} %, of which other jobs "
        f"{max(0.0, cpu['machine'] - ours):.0f} %; "
        f"load average up to {cpu['load']:.1f}; Daphne's main threads waited for a CPU "
        f"{cpu['daphne_wait'] / processes:.0f} % of the time"
    )


# --- one run ---------------------------------------------------------------------------------------------------


@dataclass
class RunFigures:
    processes: int
    points_connected: int = 0
    burst_seconds: float = 0.0
    heartbeats_per_s: float = 0.0
    ack_p50: float = float("nan")
    ack_p95: float = float("nan")
    staleness_p95: float = float("nan")
    staleness_missed: int = 0
    checkins_per_s: float = 0.0
    checkin_p95: float = float("nan")
    checkin_statuses: dict = field(default_factory=dict)
    steady_cpu: dict = field(default_factory=dict)
    checkin_cpu: dict = field(default_factory=dict)
    fresh_per_s: float = 0.0
    fresh_cpu: dict = field(default_factory=dict)


async def play(args, topology: Topology, cpu: Cpu, fixture: dict, learners, codes_by_village) -> RunFigures:
    from django.conf import settings

    figures = RunFigures(processes=args.current_processes)
    tls = topology.ssl_context()
    server = Server("127.0.0.1", HTTPS_PORT, tls)
    session = fixture["session"]
    stats = PointStats()
    stop = asyncio.Event()
    rng = random.Random(7)  # noqa: S311 - load simulation, the same each run
    points = [
        PointClient(
            session=session,
            code=p["code"],
            token=p["token"],
            servers=[server],
            stats=stats,
            headcount=rng.randint(10, 60),
        )
        for p in fixture["points"][: args.points]
    ]

    # 1. the connect burst of class start
    first = cpu.snapshot()
    t0 = time.monotonic()
    tasks = [asyncio.create_task(p.run(stop=stop)) for p in points]
    deadline = t0 + 90
    while sum(p.connected.is_set() for p in points) < len(points) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    figures.burst_seconds = time.monotonic() - t0
    figures.points_connected = sum(p.connected.is_set() for p in points)
    say(
        f"points welcomed: {figures.points_connected} of {len(points)} in {figures.burst_seconds:.1f} s "
        f"(connect p50 {ms(percentile(stats.connect_times, 50))}, p95 {ms(percentile(stats.connect_times, 95))})"
    )
    say("  " + cpu_line(Cpu.between(first, cpu.snapshot()), figures.processes))

    # 2. dashboards, spread by nginx over the processes
    dashboards: list[DashboardClient] = []
    if args.dashboards:
        staff = fixture["staff"]
        jar = await staff_login(server.host, server.port, staff["username"], staff["password"], tls=tls)
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        dashboards = [DashboardClient(session=session, servers=[server], cookie=cookie) for _ in range(args.dashboards)]
    dash_tasks = [asyncio.create_task(d.run(stop=stop)) for d in dashboards]
    deadline = time.monotonic() + 30
    while sum(d.connected.is_set() for d in dashboards) < len(dashboards) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    say(f"dashboards connected: {sum(d.connected.is_set() for d in dashboards)} of {len(dashboards)}")
    await asyncio.sleep(max(2 * args.interval, 3))  # every point has beaten: all online

    # 3. steady state
    stats.ack_latencies.clear()
    first = cpu.snapshot()
    t_steady = time.monotonic()
    probes: list[tuple[float, int]] = []
    while time.monotonic() - t_steady < args.steady:
        probe = rng.choice([p for p in points if p.connected.is_set()] or points)
        probe.set_headcount(probe.headcount + rng.randint(1, 40))
        probes.append((time.monotonic(), sum(p.headcount for p in points)))
        await asyncio.sleep(2)
    elapsed = time.monotonic() - t_steady
    figures.steady_cpu = Cpu.between(first, cpu.snapshot())
    acks = list(stats.ack_latencies)
    figures.heartbeats_per_s = len(acks) / elapsed
    figures.ack_p50, figures.ack_p95 = percentile(acks, 50), percentile(acks, 95)
    staleness = []
    for i, (sent_at, expected) in enumerate(probes[:-1]):
        for d in dashboards:
            seen = d.first_totals_after(sent_at, lambda t, e=expected: t.get("headcount") == e)
            if seen is None or seen > probes[i + 1][0] + 5:
                figures.staleness_missed += 1
            else:
                staleness.append(seen - sent_at)
    figures.staleness_p95 = percentile(staleness, 95)
    say(
        f"steady {elapsed:.0f} s: {figures.heartbeats_per_s:.0f} heartbeats acknowledged/s (offered "
        f"{len(points) / args.interval:.0f}/s), ack p50 {ms(figures.ack_p50)}, p95 {ms(figures.ack_p95)}; "
        f"dashboard staleness p50 {ms(percentile(staleness, 50))}, p95 {ms(figures.staleness_p95)}, "
        f"never seen {figures.staleness_missed}"
    )
    say("  " + cpu_line(figures.steady_cpu, figures.processes))

    # 4. the check-in burst, points still beating
    rows_before, _ = await asyncio.to_thread(checkin_rows, session)
    csrf = await csrf_cookie(server.host, server.port, tls=tls)
    sender = CheckinSender(
        servers=[server], session=session, csrf=csrf, learner_cookie_name=settings.LEARNER_COOKIE_NAME
    )
    jobs = [(c, codes_by_village[v][0] if i % 2 == 0 else None) for i, (c, v) in enumerate(learners)]
    stats.ack_latencies.clear()
    first = cpu.snapshot()
    t0 = time.monotonic()
    results = await sender.send_all(jobs, concurrency=args.concurrency, deadline=t0 + args.checkin_seconds)
    elapsed = time.monotonic() - t0
    figures.checkin_cpu = Cpu.between(first, cpu.snapshot())
    rows_after, _ = await asyncio.to_thread(checkin_rows, session)
    for r in results:
        figures.checkin_statuses[r.status] = figures.checkin_statuses.get(r.status, 0) + 1
    figures.checkins_per_s = (rows_after - rows_before) / elapsed
    figures.checkin_p95 = percentile([r.latency for r in results], 95)
    during = list(stats.ack_latencies)
    say(
        f"check-ins: {len(results)} sent in {elapsed:.1f} s over {args.concurrency} connections, statuses "
        f"{figures.checkin_statuses}; {rows_after - rows_before} rows persisted → {figures.checkins_per_s:.0f}/s; "
        f"latency p95 {ms(figures.checkin_p95)}; heartbeat acks meanwhile p95 {ms(percentile(during, 95))}"
    )
    say("  " + cpu_line(figures.checkin_cpu, figures.processes))

    # 5. the same, each phone on a new TLS connection (what nginx pays for 250,000 phones arriving)
    if args.fresh_seconds:
        rest = jobs[len(results) :]
        rows_before = rows_after
        first = cpu.snapshot()
        t0 = time.monotonic()
        fresh = await sender.send_all(
            rest, concurrency=args.concurrency, deadline=t0 + args.fresh_seconds, new_connection_each=True
        )
        elapsed = time.monotonic() - t0
        figures.fresh_cpu = Cpu.between(first, cpu.snapshot())
        rows_after, _ = await asyncio.to_thread(checkin_rows, session)
        figures.fresh_per_s = (rows_after - rows_before) / elapsed
        statuses: dict[int, int] = {}
        for r in fresh:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        say(
            f"check-ins on a new TLS connection each: {len(fresh)} sent in {elapsed:.1f} s, statuses {statuses}; "
            f"{rows_after - rows_before} rows persisted → {figures.fresh_per_s:.0f}/s; latency p95 "
            f"{ms(percentile([r.latency for r in fresh], 95))}"
        )
        say("  " + cpu_line(figures.fresh_cpu, figures.processes))

    stop.set()
    await asyncio.gather(*tasks, *dash_tasks, return_exceptions=True)
    if stats.closes or stats.handshake_failures:
        say(
            f"  point sockets dropped {len(stats.closes)} {sorted(set(stats.closes))[:5]}, failed connects "
            f"{len(stats.handshake_failures)} {sorted(set(stats.handshake_failures))[:5]}"
        )
    return figures


def one_run(args, processes: int, env_extra: dict, learners_n: int) -> RunFigures:
    env = server_env(database_url=DATABASE_URL, redis_url=REDIS_URL)
    env.update(env_extra)
    fixture = live_fixture(points=args.points, heartbeat_interval=args.interval, env=env)
    villages, codes_by_village = point_villages(fixture["session"])
    learners = prepare_learners(learners_n, villages)
    redis = args.redis
    redis.kill()  # an empty Redis for each run
    redis.start()
    say(f"\n== {processes} Daphne process{'es' if processes > 1 else ''} behind nginx (session {fixture['session']})")
    topology = Topology(
        processes=processes,
        http_port=HTTP_PORT,
        https_port=HTTPS_PORT,
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        workdir=WORKDIR,
        extra_env=env_extra,
        daphne_ports=[DAPHNE_PORT + i for i in range(processes)],
    )
    t = time.monotonic()
    with topology:
        say(f"topology up in {time.monotonic() - t:.0f} s: {topology.base_url}, Daphne ports {topology.daphne_ports}")
        args.current_processes = processes
        cpu = Cpu(topology=topology, redis=redis, database=DATABASE_URL.rsplit("/", 1)[1])
        return asyncio.run(play(args, topology, cpu, fixture, learners, codes_by_village))


def ratio(value: float, base: float) -> str:
    if not base or base != base or value != value:
        return "—"
    return f"{value / base:.2f}×"


def per_op(cpu: dict, group: str, rate: float) -> float:
    """CPU milliseconds one operation costs `group`, from its CPU % (of one core) at `rate` operations/s."""
    return cpu.get(group, 0) / 100 / rate * 1000 if rate else float("nan")


def per_checkin(run: RunFigures, group: str, *, fresh: bool = False) -> float:
    """The check-in phase's CPU less what the heartbeats and dashboards cost in steady state, per check-in."""
    during = run.fresh_cpu if fresh else run.checkin_cpu
    extra = {group: during.get(group, 0) - run.steady_cpu.get(group, 0)}
    return per_op(extra, group, run.fresh_per_s if fresh else run.checkins_per_s)


def f2(value: float) -> str:
    return f"{value:.2f}"


def summary(runs: list[RunFigures]) -> bool:
    base = runs[0]
    say("\n== summary (ratio to the one-process run in brackets)")
    header = "figure".ljust(44) + "".join(
        f"{r.processes} process{'es' if r.processes > 1 else ''}".rjust(24) for r in runs
    )
    say(header)
    rows = [
        ("points connected", lambda r: r.points_connected, lambda v: f"{v}"),
        ("heartbeats acknowledged/s", lambda r: r.heartbeats_per_s, lambda v: f"{v:.0f}"),
        ("ack p50 (lower is better)", lambda r: r.ack_p50, ms),
        ("ack p95 (lower is better)", lambda r: r.ack_p95, ms),
        ("check-ins/s persisted", lambda r: r.checkins_per_s, lambda v: f"{v:.0f}"),
        (
            "check-ins per Daphne core-second",
            lambda r: r.checkins_per_s / (r.checkin_cpu.get("daphne", 0) / 100) if r.checkin_cpu.get("daphne") else 0,
            lambda v: f"{v:.0f}",
        ),
        ("check-in p95 (lower is better)", lambda r: r.checkin_p95, ms),
        ("dashboard staleness p95", lambda r: r.staleness_p95, ms),
        ("Daphne CPU, check-ins (%)", lambda r: r.checkin_cpu.get("daphne", 0), lambda v: f"{v:.0f}"),
        ("nginx CPU, check-ins (%)", lambda r: r.checkin_cpu.get("nginx", 0), lambda v: f"{v:.0f}"),
        ("PostgreSQL CPU, check-ins (%)", lambda r: r.checkin_cpu.get("postgres", 0), lambda v: f"{v:.0f}"),
        ("generator CPU, check-ins (%)", lambda r: r.checkin_cpu.get("generator", 0), lambda v: f"{v:.0f}"),
        ("machine CPU, check-ins (%)", lambda r: r.checkin_cpu.get("machine", 0), lambda v: f"{v:.0f}"),
        ("Daphne CPU, steady (%)", lambda r: r.steady_cpu.get("daphne", 0), lambda v: f"{v:.0f}"),
        ("Daphne CPU ms per heartbeat", lambda r: per_op(r.steady_cpu, "daphne", r.heartbeats_per_s), f2),
        ("Daphne CPU ms per check-in", lambda r: per_checkin(r, "daphne"), f2),
        ("nginx CPU ms per check-in", lambda r: per_checkin(r, "nginx"), f2),
        ("PostgreSQL CPU ms per check-in", lambda r: per_checkin(r, "postgres"), f2),
        ("check-ins/s, new TLS connection each", lambda r: r.fresh_per_s, lambda v: f"{v:.0f}"),
        ("nginx CPU ms per new-connection check-in", lambda r: per_checkin(r, "nginx", fresh=True), f2),
        ("Daphne CPU ms per new-connection check-in", lambda r: per_checkin(r, "daphne", fresh=True), f2),
        ("generator CPU, steady (%)", lambda r: r.steady_cpu.get("generator", 0), lambda v: f"{v:.0f}"),
    ]
    for label, get, fmt in rows:
        cells = [f"{fmt(get(r))} ({ratio(get(r), get(base))})" for r in runs]
        say(label.ljust(44) + "".join(c.rjust(24) for c in cells))
    two = next((r for r in runs if r.processes == 2), None)
    if two is None:
        return True
    got = two.checkins_per_s / base.checkins_per_s if base.checkins_per_s else float("nan")
    say(
        f"\ncheck-ins/s with two processes: {got:.2f}× one process (goal ≥ 1.8×: {'met' if got >= 1.8 else 'MISSED'}); "
        f"all {psutil.cpu_count()} cores of the machine carry nginx, PostgreSQL, Redis and the load generator too, "
        f"see the CPU rows; check-ins per Daphne core-second say whether the work itself spreads"
    )
    return True


def wait_quiet(load: float, timeout: float = 300) -> None:
    """Other sessions share this machine: start a run when they leave it quieter, if they do soon."""
    deadline = time.monotonic() + timeout
    while os.getloadavg()[0] >= load and time.monotonic() < deadline:
        time.sleep(5)
    say(f"\nload average {os.getloadavg()[0]:.1f} at the start of the next run (waited for < {load})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a one-minute smoke: few points, short phases")
    parser.add_argument("--processes", default="1,2,4", help="Daphne process counts to run, comma-separated")
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--interval", type=int, default=2, help="heartbeat interval of the session (s)")
    parser.add_argument("--dashboards", type=int, default=20)
    parser.add_argument("--steady", type=float, default=30, help="seconds of steady state")
    parser.add_argument("--learners", type=int, default=8000)
    parser.add_argument("--concurrency", type=int, default=32, help="keep-alive connections for check-ins")
    parser.add_argument("--checkin-seconds", type=float, default=25)
    parser.add_argument(
        "--fresh-seconds", type=float, default=10, help="then check-ins on a new TLS connection each (0: skip)"
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        metavar="LOAD",
        help="before each run, wait (up to 5 minutes) until the 1-minute load average is below LOAD",
    )
    if parser.parse_known_args()[0].quick:  # smaller defaults; options given still win
        parser.set_defaults(
            processes="1,2",
            points=60,
            dashboards=3,
            steady=6,
            learners=1000,
            checkin_seconds=3,
            fresh_seconds=2,
            concurrency=8,
        )
    args = parser.parse_args()
    raise_fd_limit()
    counts = [int(n) for n in args.processes.split(",")]
    WORKDIR.mkdir(parents=True, exist_ok=True)
    key_file = WORKDIR / "bench-secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    # The learner cookies are signed here, so this process and the servers share the key.
    env_extra = {"SECRET_KEY": key_file.read_text().strip()}
    os.environ.update(env_extra)

    say(
        f"scale-out benchmark through nginx: {args.points} points (heartbeat every {args.interval} s = "
        f"{args.points / args.interval:.0f}/s), {args.dashboards} dashboards, check-ins from {args.learners} "
        f"learners over {args.concurrency} connections for up to {args.checkin_seconds:.0f} s; Daphne processes "
        f"{counts}"
    )
    say(
        f"machine: {psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / 2**30:.1f} GiB, load average "
        f"{os.getloadavg()[0]:.1f} before the run, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    args.redis = RedisServer(REDIS_PORT).start()
    runs = []
    try:
        env = server_env(database_url=DATABASE_URL, redis_url=REDIS_URL)
        t = time.monotonic()
        ensure_database(DATABASE_URL, env)
        django_setup(DATABASE_URL, REDIS_URL)
        say(f"database ready in {time.monotonic() - t:.0f} s")
        for n in counts:
            if args.wait_quiet:
                wait_quiet(args.wait_quiet)
            runs.append(one_run(args, n, env_extra, args.learners))
    finally:
        args.redis.kill()
    summary(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
