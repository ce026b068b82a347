"""Settings as an operator meets them: the process refuses unsafe production configurations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-for-tests-only-8f2b6c1d9e0a7f4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f"


def _run(*args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "SECRET_KEY", "DJANGO_ENV"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check", DJANGO_ENV="production", ALLOWED_HOSTS="hocvuso.example.vn")
    assert result.returncode != 0
    assert "Thiếu SECRET_KEY" in result.stderr


def test_production_refuses_to_start_with_debug_on():
    result = _run("check", DJANGO_ENV="production", SECRET_KEY=STRONG_KEY, DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "Không được bật DJANGO_DEBUG" in result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="hocvuso.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


_PRINT_BACKENDS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], "
    "s.CACHES['default']['BACKEND'])"
)


def _backends(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", _PRINT_BACKENDS],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.split()


def test_with_no_service_urls_the_demo_runs_on_sqlite_and_in_memory():
    assert _backends() == [
        "django.db.backends.sqlite3",
        "channels.layers.InMemoryChannelLayer",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_service_urls_switch_to_postgresql_and_redis():
    assert _backends(DATABASE_URL="postgres://postgres@127.0.0.1:5432/x", REDIS_URL="redis://127.0.0.1:6379/0") == [
        "django.db.backends.postgresql",
        "channels_redis.core.RedisChannelLayer",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_migrations_match_the_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_pages_are_vietnamese_even_when_the_phone_asks_for_english(client, geography):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in html
    assert "Lớp học trực tuyến sắp tới" in html


def test_a_visitor_can_switch_to_english_and_back(client, geography):
    client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    assert "Upcoming live classes" in client.get("/").content.decode()
    client.post("/ngon-ngu/", {"language": "vi", "next": "/"})
    assert "Lớp học trực tuyến sắp tới" in client.get("/").content.decode()


def test_an_unknown_address_gets_a_vietnamese_not_found_page(client, geography):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in response.content.decode()


@pytest.mark.postgres
def test_the_suite_runs_on_postgresql_when_database_url_is_set(db):
    from django.db import connection

    assert connection.vendor == "postgresql"
