"""/healthz as nginx and an operator see it: 200 "ok" while the database and Redis answer, 503 naming what does not."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_says_ok_when_the_database_and_redis_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_sets_no_cookie_and_needs_no_session(client):
    response = client.get("/healthz")
    assert not response.cookies


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
def test_healthz_is_503_and_names_redis_when_redis_is_unreachable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"redis: unreachable\n"


@pytest.mark.django_db
@override_settings(REDIS_URL="redis://:s3cret-pass@127.0.0.1:1/0")
def test_healthz_failure_gives_away_no_address_or_password(client):
    body = client.get("/healthz").content.decode()
    assert "s3cret" not in body
    assert "127.0.0.1" not in body


def test_healthz_is_503_and_names_the_database_when_postgresql_is_unreachable():
    # A separate process: this one's database connection is the test database's, which must keep working.
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_ENV"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/nothing_here",
        DB_POOL_TIMEOUT="1",
    )
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.content.decode().strip())"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "503 database: unreachable", done.stdout + done.stderr


def test_healthz_needs_no_login_and_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
