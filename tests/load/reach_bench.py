"""Reach benchmark: the dashboard and its exports over a province-year, server time per view against 500 ms.

Run by `make load` (or `.venv/bin/python tests/load/reach_bench.py`). Needs PostgreSQL on loopback. It uses
the database `reach_bench` (created, migrated and given the geography if missing), seeds the sample lessons
and quizzes, and generates Hưng Yên's year with `manage.py reach_generate` when the province has no
generated data yet (full size: 104 communes, 3,000 villages, 1,500 points, 500 classes, 1,000,000 check-ins,
1,000,000 quiz attempts, 200,000 learners — about ten minutes on a busy 2-core machine, once; `--small` for a
tenth of it in its own database `reach_bench_small`; `--fresh` drops the database first, as a change to the
rollups' schema needs). It VACUUM ANALYZEs the facts and rollups (the steady state autovacuum reaches some
minutes after a rebuild; `--as-is` skips it). Then, as a provincial admin of Hưng Yên, it times each
screen and export through Django's handler in this process (middleware, view, template, spreadsheet: the
server's own cost, no network), a warm-up then 5 runs each, and prints p50 and max against the budget of
issue 6 (< 500 ms), with the queries each made, the rows of every table behind the figures, and how long
rebuilding the rollups from the raw tables takes (`--no-rebuild` skips that).

Exits non-zero only on a real error (a view failing); a figure over budget is printed as MISSED.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from liveclient import django_setup, ensure_database, manage, ms, percentile, server_env

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/reach_bench"
BUDGET = 0.500
RUNS = 5
YEAR = 2026
FULL = {
    "communes": 104,
    "villages": 3000,
    "points": 1500,
    "classes": 500,
    "checkins": 1_000_000,
    "attempts": 1_000_000,
    "learners": 200_000,
}
SMALL = {
    "communes": 104,
    "villages": 3000,
    "points": 1500,
    "classes": 100,
    "checkins": 100_000,
    "attempts": 100_000,
    "learners": 20_000,
}
BENCH_USER = "do-phu-tai-thu"  # the provincial admin this benchmark signs in as


def say(text: str = "") -> None:
    print(text, flush=True)


def prepare(database_url: str, env: dict, size: dict, *, regenerate: bool) -> str:
    """The database with the geography, the sample quizzes and a generated year; what the generator printed."""
    ensure_database(database_url, env)
    manage("demo_lessons", env=env)
    manage("demo_quizzes", env=env)
    django_setup(database_url, None)
    from places.models import Province
    from reach.generate import generated_exists

    province = Province.objects.get(name="Hưng Yên")
    if generated_exists(province) and not regenerate:
        return ""
    args = [f"--{name}={value}" for name, value in size.items()]
    extra = ["--replace"] if regenerate else []
    return manage("reach_generate", "--province=Hưng Yên", f"--year={YEAR}", *args, *extra, env=env, timeout=3600)


def drop_database(database_url: str) -> None:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def settle() -> None:
    """VACUUM ANALYZE the facts and the rollups, as autovacuum would some minutes after a rebuild: the steady
    state users see. Just after a rebuild the statistics are wrong and the same screens are several times
    slower (`--as-is` times that)."""
    from django.apps import apps

    from reach.generate import tables_settle

    t = time.monotonic()
    models = [*apps.get_app_config("reach").get_models()]
    models += [apps.get_model(name) for name in ("livesessions.CheckIn", "livesessions.PointPresence")]
    models += [apps.get_model(name) for name in ("quizzes.QuizAttempt", "quizzes.CourseCompletion")]
    tables_settle(models)
    say(f"VACUUM ANALYZE of the rollups and the facts before timing: {time.monotonic() - t:.1f} s")


def provincial_admin(province):
    from django.contrib.auth import get_user_model

    from places.models import StaffRole
    from places.services import staff_scope_assign

    user, _created = get_user_model().objects.get_or_create(username=BENCH_USER, defaults={"is_active": True})
    staff_scope_assign(user=user, role=StaffRole.PROVINCIAL_ADMIN, province=province)
    return user


def busiest(province):
    """A commune and a village with the most activity: the heaviest screens of their level."""
    from django.db.models import Sum

    from places.models import Commune, Village
    from reach.models import VillageDay

    by_commune = (
        VillageDay.objects.filter(province=province)
        .values("commune_id")
        .annotate(n=Sum("checkins"))
        .order_by("-n")
        .first()
    )
    by_village = (
        VillageDay.objects.filter(commune_id=by_commune["commune_id"])
        .values("village_id")
        .annotate(n=Sum("checkins"))
        .order_by("-n")
        .first()
    )
    return Commune.objects.get(pk=by_commune["commune_id"]), Village.objects.get(pk=by_village["village_id"])


def timed_get(client, url: str) -> tuple[float, int, int, int]:
    """Seconds, status, bytes and queries of one GET through Django's handler, the body read to its end."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        t = time.perf_counter()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - t
    return elapsed, response.status_code, len(body), len(captured)


def time_views(client, views: list[tuple[str, str]]) -> list[dict]:
    results = []
    for label, url in views:
        _first, status, _size, _queries = timed_get(client, url)  # warm-up: caches, first plan
        if status != 200:
            raise RuntimeError(f"{label}: HTTP {status} for {url}")
        runs = [timed_get(client, url) for _ in range(RUNS)]
        if any(run[1] != 200 for run in runs):
            raise RuntimeError(f"{label}: HTTP {[run[1] for run in runs]} for {url}")
        times = [run[0] for run in runs]
        results.append(
            {
                "label": label,
                "p50": percentile(times, 50),
                "max": max(times),
                "bytes": runs[-1][2],
                "queries": runs[-1][3],
            }
        )
        row = results[-1]
        verdict = "met" if row["max"] < BUDGET else "MISSED"
        say(
            f"{label:<46} p50 {ms(row['p50']):>8}  max {ms(row['max']):>8}  {row['queries']:>3} queries  "
            f"{row['bytes'] / 1024:>7.1f} KB  {verdict}"
        )
    return results


def time_selectors(province, commune, village, year: int) -> None:
    """The selectors alone (the figures without the page around them), for telling where a slow view's time goes."""
    from datetime import date

    from reach.selectors import ReachFilter, reach_for_commune, reach_for_province, reach_for_village

    year_filter = ReachFilter(date(year, 1, 1), date(year, 12, 31))
    cases = [
        ("reach_for_province, whole year", lambda: reach_for_province(province, year_filter)),
        (
            "reach_for_province, theme lua-dao",
            lambda: reach_for_province(province, ReachFilter(year_filter.start, year_filter.end, "lua-dao")),
        ),
        (
            "reach_for_province, March",
            lambda: reach_for_province(province, ReachFilter(date(year, 3, 1), date(year, 3, 31))),
        ),
        ("reach_for_commune, whole year", lambda: reach_for_commune(commune, year_filter)),
        ("reach_for_village, whole year", lambda: reach_for_village(village, year_filter)),
    ]
    for label, call in cases:
        call()
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            call()
            times.append(time.perf_counter() - t)
        say(f"{label:<46} p50 {ms(percentile(times, 50)):>8}  max {ms(max(times)):>8}")


def data_sizes() -> list[tuple[str, int]]:
    from django.apps import apps
    from django.db import connection

    from learners.models import Learner
    from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
    from places.models import Village
    from quizzes.models import CourseCompletion, QuizAttempt

    models = [CheckIn, QuizAttempt, CourseCompletion, Learner, Village, ConnectionPoint, LiveSession]
    models += [PointPresence, *apps.get_app_config("reach").get_models()]  # every rollup table, whatever they are
    sizes = []
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"SELECT count(*) FROM {model._meta.db_table}")  # noqa: S608 - our own table names
            sizes.append((model.__name__, cursor.fetchone()[0]))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="a tenth of the year, in reach_bench_small")
    parser.add_argument("--regenerate", action="store_true", help="generate the year again (--replace)")
    parser.add_argument("--no-rebuild", action="store_true", help="do not time a rebuild of the rollups")
    parser.add_argument("--fresh", action="store_true", help="drop the database first (after a schema change)")
    parser.add_argument(
        "--as-is", action="store_true", help="time without VACUUM ANALYZE first (statistics as a rebuild left them)"
    )
    args = parser.parse_args()
    database_url = DATABASE_URL + ("_small" if args.small else "")
    size = SMALL if args.small else FULL
    env = server_env(database_url=database_url, redis_url=None)
    if args.fresh:
        drop_database(database_url)
    say(f"reach benchmark: PostgreSQL {database_url.rsplit('/', 1)[1]}, {'small' if args.small else 'full'} size")
    say(f"machine: {psutil.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run")

    t = time.monotonic()
    generated = prepare(database_url, env, size, regenerate=args.regenerate)
    if generated:
        say(f"\n== generated (manage.py reach_generate, {time.monotonic() - t:.0f} s in all)")
        say(generated.rstrip())
    else:
        say(f"set-up: the province's generated year was already there ({time.monotonic() - t:.0f} s)")

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from places.models import Province

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    province = Province.objects.get(name="Hưng Yên")
    commune, village = busiest(province)
    client = Client()
    client.force_login(provincial_admin(province))
    if not args.as_is:
        settle()

    year = f"tu={YEAR}-01-01&den={YEAR}-12-31"
    province_url = reverse("reach:province", args=[province.pk])
    views = [
        ("province, default filter (1 January to today)", province_url),
        ("province, whole year, theme lua-dao", f"{province_url}?{year}&chu_de=lua-dao"),
        ("province, March", f"{province_url}?tu={YEAR}-03-01&den={YEAR}-03-31"),
        (f"commune {commune.name}, whole year", f"{reverse('reach:commune', args=[commune.pk])}?{year}"),
        (f"village {village.name} ({commune.name})", f"{reverse('reach:village', args=[village.pk])}?{year}"),
    ]
    for table, label in (("xa", "by commune"), ("hoat-dong", "activity"), ("chua-den", "not reached")):
        for fmt in ("csv", "xlsx"):
            views.append(
                (f"export {label} {fmt.upper()}, province, year", f"{province_url}?{year}&export={fmt}&bang={table}")
            )

    say(f"\n== server time per view: Django's handler in this process, warm-up then {RUNS} runs (budget < 500 ms)")
    results = time_views(client, views)
    say("\n== the selectors alone (the same filters)")
    time_selectors(province, commune, village, YEAR)

    say("\n== data sizes (rows)")
    for name, rows in data_sizes():
        say(f"{name:<18} {rows:>12,}")
    if not args.no_rebuild:
        from reach import rollups

        t = time.monotonic()
        rollups.rebuild()
        say(f"rebuilding every rollup from the raw tables (reach.rollups.rebuild()): {time.monotonic() - t:.1f} s")

    missed = [row["label"] for row in results if row["max"] >= BUDGET]
    say(f"\n== summary: {len(results) - len(missed)} of {len(results)} views under 500 ms at their slowest run")
    for label in missed:
        say(f"MISSED: {label}")
    say(f"machine load average after the run: {os.getloadavg()[0]:.1f} (shared machine: figures move with it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
