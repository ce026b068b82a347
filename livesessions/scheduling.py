"""Staff writes about live classes and connection points: schedule, invite, open, close, issue tokens.

Keyword-only service functions, each in one transaction, shared by the admin screens and the commands.
"""

import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livesessions.models import ConnectionPoint, LiveSession, PointPresence, SessionStatus
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


@transaction.atomic
def points_invite(*, session: LiveSession, points) -> None:
    """Exactly these points are invited to the session from now on."""
    session.invited_points.set(points)


MAX_HEADCOUNT = 5000


@transaction.atomic
def presence_report_late(*, session: LiveSession, point: ConnectionPoint, headcount: int, reported_by) -> PointPresence:
    """Record a point's head count from the hall's paper sheet, entered by staff after the fact.

    Kept in the `late_*` fields beside what the socket reported, never over it, with who and when; a later
    entry replaces an earlier late one. Allowed once the class has been opened (during or after it).
    """
    if session.status == SessionStatus.SCHEDULED:
        raise ValidationError(_("The class has not started yet: a head count can be entered once it is open."))
    if not 0 <= headcount <= MAX_HEADCOUNT:
        raise ValidationError(_("The head count must be between 0 and 5000."), code="range")
    invited = session.invited_points.filter(pk=point.pk).exists()
    presence = PointPresence.objects.select_for_update().filter(session=session, point=point).first()
    if presence is None:
        if not invited:
            raise ValidationError(_("This connection point was not invited to the class."))
        presence, _created = PointPresence.objects.get_or_create(session=session, point=point)
    presence.late_headcount = headcount
    presence.late_reported_by = reported_by
    presence.late_reported_at = timezone.now()
    # Only the late fields: a heartbeat saving the socket's figures at the same moment keeps them.
    presence.save(update_fields=["late_headcount", "late_reported_by", "late_reported_at"])
    return presence


@transaction.atomic
def points_token_rotate(*, points) -> list[tuple[ConnectionPoint, str]]:
    """New tokens for several points at once (printing operator cards), all or none."""
    return [(point, point_token_rotate(point=point)) for point in points]
