"""Staff reads about live classes: what a staff member may manage, and the end-of-class report.

The report is derived from the append-only facts (each point's presence, each check-in) with a handful of
aggregate queries, so it can always be recounted from the raw rows. Check-ins count in the village recorded
at the time of the check-in, not the learner's village today (a learner may have moved or been deleted).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext

from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
from livesessions.selectors import sessions_in_scope
from places.models import Commune, StaffRole, Village
from places.selectors import in_scope, natural_key, staff_scope_of


def sessions_manageable(user) -> QuerySet[LiveSession]:
    """The classes a staff user may edit, invite points to, open and close.

    A commune trainer sees the province-wide classes of their province (their points take part) but only
    the provincial union manages those; the trainer manages their own commune's classes.
    """
    sessions = sessions_in_scope(user)
    scope = staff_scope_of(user)
    if not getattr(user, "is_superuser", False) and scope and scope.role == StaffRole.COMMUNE_TRAINER:
        sessions = sessions.filter(commune_id=scope.commune_id)
    return sessions


def points_in_scope(user) -> QuerySet[ConnectionPoint]:
    """The connection points of the staff user's province or commune."""
    return in_scope(ConnectionPoint.objects.select_related("commune", "village"), user)


def points_invitable(user, session: LiveSession) -> QuerySet[ConnectionPoint]:
    """Points the user may invite to `session`: in the user's scope and in the session's province."""
    return points_in_scope(user).filter(commune__province_id=session.province_id)


@dataclass
class ReportRow:
    """One line of the end-of-class report: a village (village_id None: points serving the whole commune),
    a commune, or the total."""

    commune_id: int | None = None
    commune: str = ""
    village_id: int | None = None
    village: str = ""
    points_invited: int = 0
    points_connected: int = 0
    connected_seconds: int = 0
    peak_headcount: int = 0
    late_headcount: int | None = None
    late_reports: int = 0
    checkins: int = 0
    sort_key: tuple = field(default=(), repr=False, compare=False)

    @property
    def minutes_connected(self) -> int:
        return (self.connected_seconds + 30) // 60

    @property
    def village_label(self) -> str:
        return self.village or gettext("(points serving the whole commune)")

    def add(self, other: "ReportRow") -> None:
        self.points_invited += other.points_invited
        self.points_connected += other.points_connected
        self.connected_seconds += other.connected_seconds
        self.peak_headcount += other.peak_headcount
        if other.late_headcount is not None:
            self.late_headcount = (self.late_headcount or 0) + other.late_headcount
        self.late_reports += other.late_reports
        self.checkins += other.checkins


def _in_viewer_scope(queryset: QuerySet, user, point_path: str) -> QuerySet:
    if user is None:
        return queryset
    return queryset.filter(**{f"{point_path}__in": in_scope(ConnectionPoint.objects.all(), user)})


def report_by_village(session: LiveSession, *, user=None) -> list[ReportRow]:
    """Per village: points invited and connected (ever seen), minutes connected, peak head count from the
    sockets, head count reported late (kept apart), check-ins. With `user`, only the rows in their scope.

    Five queries however many points and check-ins.
    """
    rows: dict[tuple, ReportRow] = {}

    def row(commune_id, village_id) -> ReportRow:
        return rows.setdefault((commune_id, village_id), ReportRow(commune_id=commune_id, village_id=village_id))

    invited = _in_viewer_scope(session.invited_points.all(), user, "pk")
    for item in invited.values("commune_id", "village_id").annotate(n=Count("id")).order_by():
        row(item["commune_id"], item["village_id"]).points_invited = item["n"]

    presences = _in_viewer_scope(PointPresence.objects.filter(session=session), user, "point")
    aggregates = (
        presences.values("point__commune_id", "point__village_id")
        .annotate(
            connected=Count("id", filter=Q(first_seen_at__isnull=False)),
            seconds=Sum("connected_seconds"),
            peak=Sum("peak_headcount"),
            late=Sum("late_headcount"),
            late_reports=Count("late_headcount"),
        )
        .order_by()
    )
    for item in aggregates:
        target = row(item["point__commune_id"], item["point__village_id"])
        target.points_connected = item["connected"]
        target.connected_seconds = item["seconds"] or 0
        target.peak_headcount = item["peak"] or 0
        target.late_headcount = item["late"] if item["late_reports"] else None
        target.late_reports = item["late_reports"]

    checkins = CheckIn.objects.filter(session=session)
    if user is not None:
        checkins = in_scope(checkins, user)
    for item in checkins.values("village__commune_id", "village_id").annotate(n=Count("id")).order_by():
        row(item["village__commune_id"], item["village_id"]).checkins = item["n"]

    communes = dict(Commune.objects.filter(pk__in={key[0] for key in rows}).values_list("pk", "name"))
    villages = dict(Village.objects.filter(pk__in={key[1] for key in rows if key[1]}).values_list("pk", "name"))
    for (commune_id, village_id), item in rows.items():
        item.commune = communes[commune_id]
        item.village = villages[village_id] if village_id else ""
        item.sort_key = (natural_key(item.commune.lower()), village_id is not None, natural_key(item.village.lower()))
    return sorted(rows.values(), key=lambda item: item.sort_key)


def report_by_commune(
    session: LiveSession, *, user=None, village_rows: list[ReportRow] | None = None
) -> list[ReportRow]:
    """The village rows added up per commune (pass `village_rows` to reuse them)."""
    village_rows = report_by_village(session, user=user) if village_rows is None else village_rows
    communes: dict[int, ReportRow] = {}
    for item in village_rows:
        commune = communes.setdefault(
            item.commune_id, ReportRow(commune_id=item.commune_id, commune=item.commune, sort_key=item.sort_key[:1])
        )
        commune.add(item)
    return sorted(communes.values(), key=lambda item: item.sort_key)


def report_total(rows: list[ReportRow]) -> ReportRow:
    total = ReportRow()
    for item in rows:
        total.add(item)
    return total


@dataclass
class PointRow:
    """One invited (or present) point with what its socket reported and what was entered late."""

    point: ConnectionPoint
    presence: PointPresence | None

    @property
    def connected(self) -> bool:
        return bool(self.presence and self.presence.first_seen_at)

    @property
    def minutes_connected(self) -> int:
        return ((self.presence.connected_seconds if self.presence else 0) + 30) // 60

    @property
    def late_reported_at(self) -> datetime | None:
        return self.presence.late_reported_at if self.presence else None


def report_points(session: LiveSession, *, user=None) -> list[PointRow]:
    """Every point invited to the session or seen in it, in the user's scope, with its presence. Two queries."""
    points = ConnectionPoint.objects.filter(Q(invited_to=session) | Q(presences__session=session)).distinct()
    if user is not None:
        points = in_scope(points, user)
    points = points.select_related("commune", "village")
    presences = {
        presence.point_id: presence
        for presence in PointPresence.objects.filter(session=session).select_related("late_reported_by")
    }
    rows = [PointRow(point=point, presence=presences.get(point.pk)) for point in points]
    return sorted(
        rows,
        key=lambda item: (
            natural_key(item.point.commune.name.lower()),
            natural_key(item.point.village.name.lower() if item.point.village else ""),
            item.point.code,
        ),
    )
