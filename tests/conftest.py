"""Shared fixtures, and the rule that a test needing PostgreSQL, Redis, Chromium or nginx says why it skips.

With REQUIRE_SERVICES=1 (set by .ci/run) such a test fails instead of skipping, so CI can never pass by
quietly not running the tests that matter.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from places.models import Commune, Province, StaffRole, Village, VillageKind
from places.services import geography_import, staff_scope_assign

CHROMIUM = Path("/usr/bin/chromium")


def _missing(marker: str) -> str | None:
    if marker == "postgres" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs PostgreSQL: run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/bdhvs (CI does)"
    if marker == "redis" and not settings.REDIS_URL:
        return "needs Redis: run with REDIS_URL=redis://127.0.0.1:6379/0 (CI does)"
    if marker == "browser" and not CHROMIUM.exists():
        return "needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium"
    if marker == "nginx" and not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "needs nginx: apt-get install nginx"
    return None


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis", "browser", "nginx"):
        if item.get_closest_marker(marker) and (reason := _missing(marker)):
            if os.environ.get("REQUIRE_SERVICES") == "1":
                pytest.fail(f"{reason} — REQUIRE_SERVICES=1 forbids skipping it")
            pytest.skip(reason=reason)


@pytest.fixture
def geography(db):
    """The 34 provinces and 3,321 communes, as `import_geography` loads them."""
    geography_import()


@pytest.fixture
def hung_yen(geography) -> Province:
    return Province.objects.get(name="Hưng Yên")


@pytest.fixture
def pho_hien(hung_yen) -> Commune:
    """A ward of Hưng Yên with a few villages, among them "Thôn 3" and "Tổ dân phố Đông"."""
    commune = Commune.objects.get(province=hung_yen, name="Phường Phố Hiến")
    for name, kind in [
        ("Thôn 1", VillageKind.THON),
        ("Thôn 2", VillageKind.THON),
        ("Thôn 3", VillageKind.THON),
        ("Thôn 10", VillageKind.THON),
        ("Tổ dân phố Đông", VillageKind.TO_DAN_PHO),
    ]:
        Village.objects.create(commune=commune, name=name, kind=kind)
    return commune


@pytest.fixture
def other_commune_in_hung_yen(hung_yen) -> Commune:
    commune = Commune.objects.get(province=hung_yen, name="Xã Ân Thi")
    Village.objects.create(commune=commune, name="Thôn Ân Thi 1")
    return commune


@pytest.fixture
def other_province_commune(geography) -> Commune:
    commune = Commune.objects.get(name="Phường Hoàn Kiếm")  # Hà Nội
    Village.objects.create(commune=commune, name="Tổ dân phố 5", kind=VillageKind.TO_DAN_PHO)
    return commune


@pytest.fixture
def make_staff(db):
    def make(username: str, role: str, *, province=None, commune=None):
        user = get_user_model().objects.create_user(username=username, password="mat-khau-thu-nghiem-2026")
        staff_scope_assign(user=user, role=role, province=province, commune=commune)
        return user

    return make


@pytest.fixture
def provincial_admin(make_staff, hung_yen):
    return make_staff("tinhdoan", StaffRole.PROVINCIAL_ADMIN, province=hung_yen)


@pytest.fixture
def commune_trainer(make_staff, pho_hien):
    return make_staff("giangvien", StaffRole.COMMUNE_TRAINER, commune=pho_hien)
