"""Lesson page budget: server render time, bytes and requests on a phone, Lighthouse scores — per seeded lesson.

Run by `make load` (or `.venv/bin/python tests/load/lesson_budget.py`). Needs PostgreSQL on loopback; takes
3–6 minutes. It creates the database `bdhvs_load_lessons` if missing, migrates, imports the geography, seeds
the sample lessons (`demo_lessons`), then prints for every lesson:

  * render p50 / p95: server time over 30 requests through Django's test Client, gzip on (target p50 ≤ 50 ms);
  * before images / requests / CSS / whole page: Chromium at 360×800, cold, counted as production sends it
    (see tests/e2e/test_lesson_phone.py: pages gzipped, static files as their gzip -9 size);
  * Lighthouse 12 mobile performance and accessibility (targets ≥ 98 and 100: tracked, not asserted), with
    the audits that cost points, against Daphne on 127.0.0.1:8102 with DJANGO_ENV=development.

Lighthouse is installed on first use into .cache/lighthouse (npm install lighthouse@12).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("LESSON_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bdhvs_load_lessons")
PORT = 8102
RENDER_REQUESTS = 30
TIME_LIMIT = 8 * 60  # seconds; Lighthouse runs stop early so the whole run stays under 10 minutes
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync"
)
STARTED = time.monotonic()


def say(text: str = "") -> None:
    print(text, flush=True)


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    server = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            say(f"Created database {name}.")


def django_setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.pop("REDIS_URL", None)  # the page needs no Redis; a local-memory cache is what the demo uses
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    import django

    django.setup()


def seed() -> list:
    from django.core.management import call_command

    from courses.models import LessonPage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_geography", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("demo_lessons")
    return list(LessonPage.objects.live().order_by("path"))


def render_times(lessons) -> dict[int, tuple[float, float]]:
    """p50 and p95 server time (ms) of each lesson through the whole middleware stack, gzip included."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    figures = {}
    for lesson in lessons:
        url = lesson.url
        for _ in range(3):  # warm: renditions, template and query caches
            assert client.get(url).status_code == 200
        samples = []
        for _ in range(RENDER_REQUESTS):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        samples.sort()
        figures[lesson.pk] = (statistics.median(samples), samples[int(len(samples) * 0.95) - 1])
    return figures


class Daphne:
    def __init__(self):
        env = {**os.environ, "DJANGO_ENV": "development", "DATABASE_URL": DATABASE_URL}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "daphne"), "-b", "127.0.0.1", "-p", str(PORT), "config.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"Daphne did not start on port {PORT}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def phone_figures(lessons, base_url: str) -> dict[int, dict]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.test_lesson_phone import measure_lesson

    figures = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
        )
        for lesson in lessons:
            figures[lesson.pk] = measure_lesson(browser, f"{base_url}{lesson.url}")
        browser.close()
    return figures


def ensure_lighthouse() -> bool:
    if LIGHTHOUSE.exists():
        return True
    say("Installing Lighthouse 12 into .cache/lighthouse (first run only)…")
    result = subprocess.run(
        ["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "lighthouse@12", "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not LIGHTHOUSE.exists():
        say(f"Lighthouse could not be installed (npm said: {result.stderr.strip()[-300:]}); scores skipped.")
        return False
    return True


def lighthouse(url: str) -> dict:
    """Mobile performance and accessibility scores, and what cost points."""
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance,accessibility",
            "--output=json",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        timeout=120,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": (result.stderr.strip() or "no report")[-200:]}
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    flagged = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                flagged.append(f"{name}: {audit['id']} ({audit.get('displayValue') or audit['score']})")
    metrics = {
        key: report["audits"][key].get("displayValue", "")
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    return {"scores": scores, "flagged": flagged, "metrics": metrics}


def lighthouse_median(url: str) -> dict:
    """One Lighthouse run, or the median of three when the first errs or misses a target: scores on a shared
    2-core machine move by several points from run to run (total blocking time mostly)."""
    runs = [lighthouse(url)]
    first = runs[0].get("scores", {})
    if first.get("performance", 0) >= 98 and first.get("accessibility", 0) == 100:
        return {**runs[0], "runs": 1}
    while len(runs) < 3 and time.monotonic() - STARTED < TIME_LIMIT:
        runs.append(lighthouse(url))
    good = [run for run in runs if "scores" in run]
    if not good:
        return {**runs[-1], "runs": len(runs)}
    good.sort(key=lambda run: run["scores"].get("performance", 0))
    median = good[(len(good) - 1) // 2] if len(good) % 2 else good[len(good) // 2 - 1]
    return {**median, "runs": len(runs), "all_perf": [run["scores"].get("performance") for run in good]}


def main() -> None:
    ensure_database()
    django_setup()
    lessons = seed()
    say(f"\n{len(lessons)} lessons. Server render time over {RENDER_REQUESTS} requests each…")
    renders = render_times(lessons)

    daphne = Daphne()
    try:
        base_url = f"http://127.0.0.1:{PORT}"
        say("Phone figures (Chromium 360×800, cold)…")
        phones = phone_figures(lessons, base_url)
        scores = {}
        if ensure_lighthouse():
            say("Lighthouse, mobile…")
            for lesson in lessons:
                if time.monotonic() - STARTED > TIME_LIMIT:
                    say(f"Time limit reached: Lighthouse skipped from “{lesson.title}” on.")
                    break
                scores[lesson.pk] = lighthouse_median(f"{base_url}{lesson.url}")
    finally:
        daphne.stop()

    say("")
    say(
        f"{'lesson':<36} {'p50 ms':>6} {'p95 ms':>6} {'before':>7} {'req':>3} {'css':>6} {'whole':>7} "
        f"{'perf':>4} {'a11y':>4}  runs"
    )
    worst = {"p50": 0.0, "before": 0, "whole": 0}
    for lesson in lessons:
        p50, p95 = renders[lesson.pk]
        phone = phones[lesson.pk]
        lh = scores.get(lesson.pk, {})
        perf = lh.get("scores", {}).get("performance", "–")
        a11y = lh.get("scores", {}).get("accessibility", "–")
        say(
            f"{lesson.slug[:36]:<36} {p50:>6.1f} {p95:>6.1f} {phone['before_images'] / 1024:>6.1f}K "
            f"{phone['requests_before_images']:>3} {phone['css'] / 1024:>5.1f}K {phone['whole_page'] / 1024:>6.1f}K "
            f"{perf:>4} {a11y:>4}  {lh.get('all_perf') or lh.get('runs', '')}"
        )
        worst = {
            "p50": max(worst["p50"], p50),
            "before": max(worst["before"], phone["before_images"]),
            "whole": max(worst["whole"], phone["whole_page"]),
        }
    say("")
    say(
        f"Worst: render p50 {worst['p50']:.1f} ms (target ≤ 50), before images {worst['before'] / 1024:.1f} KB "
        f"(≤ 30), whole page {worst['whole'] / 1024:.1f} KB (≤ 150)."
    )
    flagged = {}
    for lesson in lessons:
        lh = scores.get(lesson.pk, {})
        if "error" in lh:
            say(f"Lighthouse failed on {lesson.slug}: {lh['error']}")
        for item in lh.get("flagged", []):
            flagged.setdefault(item.split(" (")[0], []).append(lesson.slug)
    if flagged:
        say("Lighthouse audits that cost points (audit: lessons):")
        for audit, slugs in sorted(flagged.items()):
            say(f"  {audit}: {len(slugs)} lesson(s), e.g. {slugs[0]}")
    if scores:
        first = next(iter(scores.values()))
        if "metrics" in first:
            say("Lighthouse metrics, first lesson: " + ", ".join(f"{k} {v}" for k, v in first["metrics"].items()))
    say(f"Done in {time.monotonic() - STARTED:.0f} s.")


if __name__ == "__main__":
    main()
