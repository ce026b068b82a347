"""Reads about live classes that views, consumers and commands share."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Count, Q, QuerySet

from livesessions.models import AttendanceSnapshot, CheckIn, ConnectionPoint, LiveSession, PointPresence, SessionStatus
from places.models import Commune, StaffRole
from places.selectors import staff_scope_of


def sessions_in_scope(user) -> QuerySet[LiveSession]:
    """The classes a staff user may watch and manage.

    A provincial admin: every class of their province. A commune trainer: their commune's classes and the
    province-wide classes of their province (their points take part in them). Superusers: all.
    """
    sessions = LiveSession.objects.all()
    if getattr(user, "is_superuser", False):
        return sessions
    scope = staff_scope_of(user)
    if scope is None:
        return sessions.none()
    if scope.role == StaffRole.PROVINCIAL_ADMIN:
        return sessions.filter(province_id=scope.province_id)
    return sessions.filter(
        Q(commune_id=scope.commune_id) | Q(commune__isnull=True, province_id=scope.commune.province_id)
    )


# --- What the sockets need, loaded in one go and cached briefly by the live hub -------------------------


@dataclass(frozen=True)
class RosterPoint:
    """An invited, active point as the sockets and the dashboard see it (no secrets besides the hash)."""

    id: int
    code: str
    name: str
    token_hash: str
    commune_id: int
    commune_name: str
    operator_name: str
    operator_phone: str


@dataclass(frozen=True)
class Roster:
    """A session's status, interval and invited active points, for checks that must not hit the database."""

    session_id: int
    title: str
    status: str
    heartbeat_interval: int
    province_id: int
    points_by_code: dict[str, RosterPoint] = field(default_factory=dict)
    points_by_id: dict[int, RosterPoint] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.status == SessionStatus.OPEN


def session_roster(session_id: int) -> Roster | None:
    """The session and its invited active points in two queries; None when there is no such session."""
    session = (
        LiveSession.objects.filter(pk=session_id).values("title", "status", "heartbeat_interval", "province_id").first()
    )
    if session is None:
        return None
    rows = (
        ConnectionPoint.objects.filter(invited_to__id=session_id, is_active=True)
        .values_list(
            "id", "code", "name", "token_hash", "commune_id", "commune__name", "operator_name", "operator_phone"
        )
        .order_by("code")
    )
    points = [RosterPoint(*row) for row in rows]
    return Roster(
        session_id=session_id,
        title=session["title"],
        status=session["status"],
        heartbeat_interval=session["heartbeat_interval"],
        province_id=session["province_id"],
        points_by_code={point.code: point for point in points},
        points_by_id={point.id: point for point in points},
    )


def session_status(session_id: int) -> str | None:
    return LiveSession.objects.filter(pk=session_id).values_list("status", flat=True).first()


def presence_beats_from_db(session_id: int) -> dict[int, tuple[datetime, int]]:
    """Point id → (last seen, last head count) from the durable rows: the live cache is rebuilt from these."""
    rows = PointPresence.objects.filter(session_id=session_id, last_seen_at__isnull=False).values_list(
        "point_id", "last_seen_at", "last_headcount"
    )
    return {point_id: (seen, headcount) for point_id, seen, headcount in rows}


def checkin_counts_by_commune(session_id: int) -> dict[int, tuple[int, int]]:
    """Commune id (of the learner's village at the time) → (check-ins, check-ins not at a point)."""
    rows = (
        CheckIn.objects.filter(session_id=session_id)
        .values("village__commune_id")
        .annotate(total=Count("id"), unplaced=Count("id", filter=Q(point__isnull=True)))
        .values_list("village__commune_id", "total", "unplaced")
    )
    return {commune_id: (total, unplaced) for commune_id, total, unplaced in rows}


def commune_names(commune_ids) -> dict[int, str]:
    return dict(Commune.objects.filter(pk__in=list(commune_ids)).values_list("id", "name"))


def session_snapshots(session_id: int) -> list[AttendanceSnapshot]:
    return list(AttendanceSnapshot.objects.filter(session_id=session_id).order_by("minute"))


POINT_LIST_LIMIT = 200


# --- Live totals: one pure computation, shared by the dashboard page and the dashboard socket ------------


def live_totals(
    roster: Roster,
    beats: dict,
    checkins: dict[int, tuple[int, int]],
    *,
    now: float,
    names: dict[int, str] | None = None,
) -> dict:
    """The `totals` message of the protocol, plus who dropped out.

    `beats`: point id → presence Beat (epoch `at`, `headcount`). A point is online while its last heartbeat
    is younger than two intervals. Head count = online points' head counts + check-ins not at a point.
    `checkins`: commune id → (check-ins, check-ins not at a point), as `checkin_counts_by_commune` gives.
    Returns {"totals": <message>, "points": <dropped/never-connected message>}.
    """
    limit = 2 * roster.heartbeat_interval
    communes: dict[int, dict] = {}
    names = dict(names or {})

    def commune_row(commune_id: int) -> dict:
        row = communes.get(commune_id)
        if row is None:
            row = communes[commune_id] = {
                "commune": names.get(commune_id, ""),
                "points_online": 0,
                "points_total": 0,
                "headcount": 0,
                "checkins": 0,
            }
        return row

    dropped, never = [], []
    online = headcount = 0
    for point in roster.points_by_id.values():
        names.setdefault(point.commune_id, point.commune_name)
        row = commune_row(point.commune_id)
        row["commune"] = point.commune_name
        row["points_total"] += 1
        beat = beats.get(point.id)
        if beat is not None and now - beat.at < limit:
            online += 1
            headcount += beat.headcount
            row["points_online"] += 1
            row["headcount"] += beat.headcount
        elif beat is not None:
            dropped.append(
                {
                    "code": point.code,
                    "name": point.name,
                    "commune": point.commune_name,
                    "operator_name": point.operator_name,
                    "operator_phone": point.operator_phone,
                    "last_seen": datetime.fromtimestamp(beat.at, tz=UTC).isoformat(),
                    "last_headcount": beat.headcount,
                }
            )
        else:
            never.append({"code": point.code, "name": point.name, "commune": point.commune_name})
    total_checkins = 0
    for commune_id, (count, unplaced) in checkins.items():
        row = commune_row(commune_id)
        row["checkins"] += count
        row["headcount"] += unplaced
        headcount += unplaced
        total_checkins += count
    by_commune = sorted(communes.values(), key=lambda row: row["commune"])
    return {
        "totals": {
            "type": "totals",
            "points_online": online,
            "points_total": len(roster.points_by_id),
            "headcount": headcount,
            "checkins": total_checkins,
            "by_commune": by_commune,
            "at": datetime.fromtimestamp(now, tz=UTC).isoformat(),
        },
        # Lists capped: a 2,000-point class must not push 150 KB a second to every dashboard.
        "points": {
            "type": "points",
            "dropped": dropped[:POINT_LIST_LIMIT],
            "dropped_count": len(dropped),
            "never_connected": never[:POINT_LIST_LIMIT],
            "never_connected_count": len(never),
        },
    }
