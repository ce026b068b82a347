"""Staff writes about live classes and connection points: schedule, invite, open, close, issue tokens.

Keyword-only service functions, each in one transaction, shared by the admin screens and the commands.
"""

import secrets
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from livesessions.models import ConnectionPoint, LiveSession, SessionStatus
from places.models import Commune, Province, Village


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def point_create(
    *,
    code: str,
    name: str,
    commune: Commune,
    village: Village | None = None,
    operator_name: str = "",
    operator_phone: str = "",
) -> tuple[ConnectionPoint, str]:
    """A new connection point and its secret token, which is returned here once and never stored in clear."""
    token = _new_token()
    point = ConnectionPoint.objects.create(
        code=code.strip().upper(),
        name=name.strip(),
        commune=commune,
        village=village,
        operator_name=operator_name.strip(),
        operator_phone=operator_phone.strip(),
        token_hash=ConnectionPoint.hash_token(token),
        token_rotated_at=timezone.now(),
    )
    return point, token


@transaction.atomic
def point_token_rotate(*, point: ConnectionPoint) -> str:
    """Issue a new token for the point; the old one stops working at once."""
    token = _new_token()
    point.token_hash = ConnectionPoint.hash_token(token)
    point.token_rotated_at = timezone.now()
    point.save(update_fields=["token_hash", "token_rotated_at"])
    return token


@transaction.atomic
def session_schedule(
    *,
    title: str,
    province: Province,
    commune: Commune | None,
    scheduled_start: datetime,
    scheduled_end: datetime,
    stream_url: str = "",
    lesson=None,
    created_by=None,
    points: list[ConnectionPoint] | None = None,
) -> LiveSession:
    """A scheduled class. Without `points`, every active point of the organiser's province or commune is invited."""
    session = LiveSession.objects.create(
        title=title.strip(),
        province=province,
        commune=commune,
        scheduled_start=scheduled_start,
        scheduled_end=scheduled_end,
        stream_url=stream_url,
        lesson=lesson,
        created_by=created_by,
    )
    if points is None:
        points = ConnectionPoint.objects.filter(is_active=True, commune__province=province)
        if commune is not None:
            points = points.filter(commune=commune)
    session.invited_points.set(points)
    return session


@transaction.atomic
def session_open(*, session: LiveSession) -> LiveSession:
    """From now on the session accepts point sockets and check-ins."""
    session.status = SessionStatus.OPEN
    session.opened_at = session.opened_at or timezone.now()
    session.save(update_fields=["status", "opened_at"])
    return session


@transaction.atomic
def session_close(*, session: LiveSession) -> LiveSession:
    """The class is over: nothing more is accepted; what was recorded stays for the report."""
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at"])
    return session
