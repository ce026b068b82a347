"""An open live class with N invited points and a staff user, for load runs and for trying the protocol.

    python manage.py live_fixture --points 2000 --json [--heartbeat-interval 3]

prints {"session": "<id>", "points": [{"code": "LF-0001", "token": "…"}, …], "staff": {"username": …,
"password": …}}. Points LF-0001… are spread over Hưng Yên's communes and reused between runs (with new
tokens: only hashes are stored, so they must be rotated to be printed). Every run opens a NEW session, so a
client's heartbeat numbers start afresh (the server counts a seq once per session and point).
"""

import json
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from livesessions.models import ConnectionPoint
from livesessions.scheduling import session_open, session_schedule
from places.models import Province, StaffRole
from places.services import geography_import, staff_scope_assign

PROVINCE_CODE = "33"  # Hưng Yên
STAFF_USERNAME = "livefixture.hungyen"
TITLE = "Lớp thử tải điểm cầu (live_fixture)"


class Command(BaseCommand):
    help = "Create an open live class with N invited connection points and print their codes and tokens."

    def add_arguments(self, parser):
        parser.add_argument("--points", type=int, default=10, help="how many connection points (default 10)")
        parser.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
        parser.add_argument("--heartbeat-interval", type=int, default=20, help="seconds between heartbeats")

    def handle(self, *args, points: int, json: bool, heartbeat_interval: int, **options):
        if not 1 <= points <= 100_000:
            raise CommandError("--points must be between 1 and 100000")
        if not 1 <= heartbeat_interval <= 3600:
            raise CommandError("--heartbeat-interval must be between 1 and 3600 seconds")
        if not Province.objects.filter(code=PROVINCE_CODE).exists():
            geography_import()
        province = Province.objects.get(code=PROVINCE_CODE)
        with transaction.atomic():
            point_tokens = _points(province, points)
            now = timezone.now()
            session = session_schedule(
                title=TITLE,
                province=province,
                commune=None,
                scheduled_start=now - timedelta(minutes=5),
                scheduled_end=now + timedelta(hours=3),
                points=[point for point, _token in point_tokens],
            )
            session.heartbeat_interval = heartbeat_interval
            session.save(update_fields=["heartbeat_interval"])
            session_open(session=session)
            username, password = _staff(province)
        result = {
            "session": str(session.pk),
            "points": [{"code": point.code, "token": token} for point, token in point_tokens],
            "staff": {"username": username, "password": password},
        }
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(f"Session {session.pk} open: /live/{session.pk}/bang-dieu-khien/")
        self.stdout.write(f"Staff: {username} / {password}")
        for point, token in point_tokens[:20]:
            self.stdout.write(f"  /live/{session.pk}/diem-cau/#diem={point.code}&khoa={token}")
        if len(point_tokens) > 20:
            self.stdout.write(f"  … and {len(point_tokens) - 20} more (use --json)")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _points(province: Province, count: int) -> list[tuple[ConnectionPoint, str]]:
    """LF-0001… spread over the province's communes; existing ones get new tokens, in bulk."""
    communes = list(province.communes.order_by("search_name"))
    codes = [f"LF-{number:04d}" for number in range(1, count + 1)]
    existing = {point.code: point for point in ConnectionPoint.objects.filter(code__in=codes)}
    now = timezone.now()
    tokens = {code: secrets.token_urlsafe(32) for code in codes}  # as scheduling.point_create issues them
    new = []
    for index, code in enumerate(codes):
        point = existing.get(code)
        if point is None:
            commune = communes[index % len(communes)]
            new.append(
                ConnectionPoint(
                    code=code,
                    name=f"Điểm cầu thử {code[3:]} — {commune.name}",
                    commune=commune,
                    operator_name=f"Người phụ trách {code[3:]}",
                    operator_phone=f"09{index:08d}",
                )
            )
        else:
            new.append(point)
        new[-1].token_hash = ConnectionPoint.hash_token(tokens[code])
        new[-1].token_rotated_at = now
        new[-1].is_active = True
    ConnectionPoint.objects.bulk_create([p for p in new if p.pk is None], batch_size=1000)
    ConnectionPoint.objects.bulk_update(
        [p for p in new if p.pk is not None and p.code in existing],
        ["token_hash", "token_rotated_at", "is_active"],
        batch_size=1000,
    )
    saved = {point.code: point for point in ConnectionPoint.objects.filter(code__in=codes).select_related("commune")}
    return [(saved[code], tokens[code]) for code in codes]


def _staff(province: Province) -> tuple[str, str]:
    user, _created = get_user_model().objects.get_or_create(username=STAFF_USERNAME)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    staff_scope_assign(user=user, role=StaffRole.PROVINCIAL_ADMIN, province=province)
    return STAFF_USERNAME, password
