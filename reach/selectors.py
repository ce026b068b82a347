"""The reach figures for a province, a commune or a village, over a date range and a theme.

Counts only: no villager's name, phone or year of birth is ever read here. The caller has already checked
that the area is in the staff member's scope (places.selectors.in_scope).

Definitions (the recount test in tests/reach/ checks them against the raw tables):
- days are calendar days in Asia/Ho_Chi_Minh; a live class's facts (its points' connections and head
  count, its check-ins) count on the day it was scheduled to start, a quiz attempt on the day it finished,
  a course completion on the day it was recorded;
- a village is reached when a villager of it (at the time) checked in or finished a quiz, or one of its
  connection points connected to a class;
- live classes: classes a point in the area connected to, or a villager of the area checked in to;
- point connections: a point's taking part in a class (connected at least once); head count: for each,
  the larger of the socket's peak and the head count entered afterwards from the hall's paper sheet;
- unique learners: learners (not deleted) who checked in or finished a quiz in the area;
- quiz attempts and pass rate: individual attempts finished; a hall's group runs are reported apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from courses.models import CourseTheme
from livesessions.models import CheckIn, ConnectionPoint, PointPresence
from places.models import Commune, Province, Village
from places.selectors import natural_key
from reach.models import (
    ALL_THEMES,
    NO_THEME,
    CommuneDay,
    CommunePresence,
    CommuneSession,
    LearnerCount,
    LearnerDay,
    SessionDay,
    VillageDay,
)
from reach.rollups import presences_settle, settle

# Column headings of the screen's tables and of the exports, in their order.
FIGURES = [
    ("villages_reached", _("Villages reached")),
    ("villages_total", _("Villages in all")),
    ("coverage", _("Coverage (%)")),
    ("classes", _("Live classes")),
    ("connections", _("Point connections")),
    ("headcount", _("Head count (people)")),
    ("learners", _("Unique learners")),
    ("checkins", _("Check-ins")),
    ("completions", _("Course completions")),
    ("attempts", _("Quiz attempts")),
    ("pass_rate", _("Quiz pass rate (%)")),
]
THEMES = CourseTheme.choices


@dataclass(frozen=True)
class ReachFilter:
    """Inclusive local days, and one theme or "" for all."""

    start: date
    end: date
    theme: str = NO_THEME


@dataclass
class ReachRow:
    """The figures of one area (a commune, a village, or the whole of the report's area)."""

    place_id: int | None
    name: str
    villages_total: int = 0
    villages_reached: int = 0
    classes: int = 0
    connections: int = 0
    headcount: int = 0
    learners: int = 0
    checkins: int = 0
    completions: int = 0
    attempts: int = 0
    passed: int = 0

    @property
    def coverage(self) -> float | None:
        """Villages reached out of all, in per cent with one decimal; None for an area with no village."""
        if not self.villages_total:
            return None
        return round(100 * self.villages_reached / self.villages_total, 1)

    @property
    def pass_rate(self) -> float | None:
        """Attempts passed out of attempts finished, in per cent with one decimal; None with no attempt."""
        if not self.attempts:
            return None
        return round(100 * self.passed / self.attempts, 1)

    def figure(self, name: str):
        return getattr(self, name)


@dataclass(frozen=True)
class DayActivity:
    day: date
    checkins: int
    attempts: int
    headcount: int


@dataclass(frozen=True)
class VillageNotReached:
    village_id: int
    village: str
    commune_id: int
    commune: str


@dataclass
class ReachReport:
    """What the dashboard shows for one area: a row per part of it, the area's total, activity by day."""

    level: str  # "province", "commune" or "village"
    area: Province | Commune | Village
    filter: ReachFilter
    rows: list[ReachRow]  # the communes of a province, the villages of a commune; empty for a village
    total: ReachRow
    activity: list[DayActivity] = field(default_factory=list)  # every day of the range, zeros included
    not_reached: list[VillageNotReached] = field(default_factory=list)


def _in_range(flt: ReachFilter) -> Q:
    q = Q(day__gte=flt.start, day__lte=flt.end)
    if flt.theme:
        q &= Q(theme=flt.theme)
    return q


def _first_in_range(flt: ReachFilter, all_themes: str, in_theme: str) -> Q:
    """The LearnerDay rows that count once per learner: no previous day in the chain, or one before the range."""
    prev = in_theme if flt.theme else all_themes
    return Q(**{f"{prev}__isnull": True}) | Q(**{f"{prev}__lt": flt.start})


def _sessions(flt: ReachFilter) -> QuerySet:
    return SessionDay.objects.filter(_in_range(flt)).values("session_id")


def _headcount():
    return Greatest("peak_headcount", Coalesce("late_headcount", 0))


def _presences(flt: ReachFilter) -> QuerySet:
    return PointPresence.objects.filter(session_id__in=_sessions(flt))


@dataclass(frozen=True)
class _Village:
    pk: int
    name: str
    search_name: str
    commune_id: int
    commune: str
    commune_search_name: str
    reached: bool


def _villages_with_reach(villages: QuerySet, flt: ReachFilter) -> list[_Village]:
    """Each village with whether it was reached in the range: one probe of VillageDay's unique index each."""
    reached = Exists(VillageDay.objects.filter(_in_range(flt), village=OuterRef("pk")))
    fields = ("pk", "name", "search_name", "commune_id", "commune__name", "commune__search_name")
    return [_Village(*row) for row in villages.annotate(reached=reached).values_list(*fields, "reached")]


def _not_reached(villages: list[_Village]) -> list[VillageNotReached]:
    """The villages with nothing in the range: the volunteer teams' to-do list, by commune then village."""
    left = [v for v in villages if not v.reached]
    left.sort(key=lambda v: (natural_key(v.commune_search_name), natural_key(v.search_name)))
    return [VillageNotReached(v.pk, v.name, v.commune_id, v.commune) for v in left]


def _activity(flt: ReachFilter, day_rows: QuerySet, people_by_session: dict[int, int]) -> list[DayActivity]:
    """Every day of the range: check-ins and attempts from the day rollups, head count by class day."""
    by_day = {
        row["day"]: row for row in day_rows.values("day").annotate(checkins=Sum("checkins"), attempts=Sum("attempts"))
    }
    headcount: dict[date, int] = defaultdict(int)
    for session_id, day in SessionDay.objects.filter(_in_range(flt)).values_list("session_id", "day"):
        headcount[day] += people_by_session.get(session_id, 0)
    days = []
    day = flt.start
    while day <= flt.end:
        row = by_day.get(day, {})
        days.append(DayActivity(day, row.get("checkins") or 0, row.get("attempts") or 0, headcount.get(day, 0)))
        day = date.fromordinal(day.toordinal() + 1)
    return days


def _day_sums(rows: dict, day_rows: QuerySet, key: str) -> None:
    for item in day_rows.values(key).annotate(
        checkins=Sum("checkins"), attempts=Sum("attempts"), passed=Sum("passed"), completions=Sum("completions")
    ):
        row = rows.get(item[key])
        if row is not None:
            row.checkins, row.attempts = item["checkins"], item["attempts"]
            row.passed, row.completions = item["passed"], item["completions"]


def _presence_sums(rows: dict, flt: ReachFilter, points: QuerySet, key: str) -> dict[int, int]:
    """Connections and head count of the area's points, added to the row `key` names (the point's commune or
    village); returns the head count per class, for the activity line. Reads PointPresence itself: for a
    commune or a village (a few thousand rows a year), and for the classes not settled yet."""
    row_of_point = dict(points.values_list("pk", key))
    people_by_session: dict[int, int] = defaultdict(int)
    presences = _presences(flt).filter(point_id__in=points.values("pk"))
    for session_id, point_id, connections, people in (
        presences.values_list("session_id", "point_id")
        .annotate(connections=Count("id", filter=Q(first_seen_at__isnull=False)), people=Sum(_headcount()))
        .order_by()
    ):
        people_by_session[session_id] += people or 0
        row = rows.get(row_of_point.get(point_id))
        if row is not None:
            row.connections += connections
            row.headcount += people or 0
    return people_by_session


def _province_presence_sums(rows: dict, flt: ReachFilter, province: Province) -> dict[int, int]:
    """The same for a whole province: settled classes from CommunePresence, the others from PointPresence."""
    in_range = SessionDay.objects.filter(_in_range(flt))
    presences_settle(in_range)
    people_by_session: dict[int, int] = defaultdict(int)
    settled = CommunePresence.objects.filter(province=province, session_id__in=in_range.values("session_id"))
    for commune_id, connections, people in (
        settled.values_list("commune_id").annotate(n=Sum("connections"), p=Sum("headcount")).order_by()
    ):
        rows[commune_id].connections += connections
        rows[commune_id].headcount += people
    people_by_session.update(settled.values_list("session_id").annotate(p=Sum("headcount")).order_by())
    live = in_range.filter(presences_settled=False).values_list("session_id", flat=True)
    points = ConnectionPoint.objects.filter(commune__province=province)
    row_of_point = dict(points.values_list("pk", "commune_id"))
    for session_id, point_id, connections, people in (
        PointPresence.objects.filter(session_id__in=list(live), point_id__in=points.values("pk"))
        .values_list("session_id", "point_id")
        .annotate(connections=Count("id", filter=Q(first_seen_at__isnull=False)), people=Sum(_headcount()))
        .order_by()
    ):
        people_by_session[session_id] += people or 0
        rows[row_of_point[point_id]].connections += connections
        rows[row_of_point[point_id]].headcount += people or 0
    return people_by_session


def _totalled(rows: list[ReachRow], total: ReachRow) -> ReachRow:
    for name in ADDITIVE:
        setattr(total, name, sum(getattr(row, name) for row in rows))
    return total


ADDITIVE = ("villages_total", "villages_reached", "connections", "headcount", "checkins", "completions")
ADDITIVE += ("attempts", "passed")


def _learners_in_province(province: Province, flt: ReachFilter) -> tuple[dict[int, int], int]:
    """Unique learners per commune and in the whole province: settled days from LearnerCount, the days
    after from LearnerDay (see reach/models.py)."""
    settled = settle()
    by_commune: dict[int, int] = defaultdict(int)
    in_province = 0
    if settled is not None and flt.start <= settled:
        counts = LearnerCount.objects.filter(
            province=province,
            theme=flt.theme or ALL_THEMES,
            day__gte=flt.start,
            day__lte=min(flt.end, settled),
            prev_day__lt=flt.start,
        )
        for level, area_id, n in counts.values_list("level", "area_id").annotate(n=Sum("learners")).order_by():
            if level == "commune":
                by_commune[area_id] += n
            else:
                in_province += n
    live = LearnerDay.objects.filter(_in_range(flt), province=province)
    if settled is not None:
        live = live.filter(day__gt=settled)
    for commune_id, in_commune, in_whole in (
        live.values_list("commune_id")
        .annotate(
            in_commune=Count("id", filter=_first_in_range(flt, "prev_day_in_commune", "prev_day_in_commune_theme")),
            in_whole=Count("id", filter=_first_in_range(flt, "prev_day_in_province", "prev_day_in_province_theme")),
        )
        .order_by()
    ):
        by_commune[commune_id] += in_commune
        in_province += in_whole
    return by_commune, in_province


def reach_for_province(province: Province, flt: ReachFilter) -> ReachReport:
    rows = {c.pk: ReachRow(c.pk, c.name) for c in Commune.objects.filter(province=province).order_by("search_name")}
    villages = _villages_with_reach(Village.objects.filter(commune__province=province), flt)
    for village in villages:
        rows[village.commune_id].villages_total += 1
        rows[village.commune_id].villages_reached += village.reached
    day_rows = CommuneDay.objects.filter(_in_range(flt), province=province)
    _day_sums(rows, day_rows, "commune_id")
    people_by_session = _province_presence_sums(rows, flt, province)
    classes = CommuneSession.objects.filter(province=province, session_id__in=_sessions(flt))
    for commune_id, n in classes.values_list("commune_id").annotate(n=Count("id")):
        rows[commune_id].classes = n
    by_commune, in_province = _learners_in_province(province, flt)
    for commune_id, n in by_commune.items():
        rows[commune_id].learners = n
    total = _totalled(list(rows.values()), ReachRow(province.pk, province.name))
    total.learners = in_province
    total.classes = classes.values("session_id").distinct().count()
    return ReachReport(
        level="province",
        area=province,
        filter=flt,
        rows=list(rows.values()),
        total=total,
        activity=_activity(flt, day_rows, people_by_session),
        not_reached=_not_reached(villages),
    )


def reach_for_commune(commune: Commune, flt: ReachFilter) -> ReachReport:
    villages = _villages_with_reach(Village.objects.filter(commune=commune), flt)
    by_name = sorted(villages, key=lambda v: natural_key(v.search_name))
    rows = {v.pk: ReachRow(v.pk, v.name, villages_total=1, villages_reached=int(v.reached)) for v in by_name}
    day_rows = VillageDay.objects.filter(_in_range(flt), commune=commune)
    _day_sums(rows, day_rows, "village_id")
    presences = _presences(flt).filter(point__commune=commune)
    # Points that serve the whole commune belong to no village: their own row, so the columns add up.
    commune_wide = ReachRow(None, str(_("Points serving the whole commune")))
    rows[None] = commune_wide
    people_by_session = _presence_sums(rows, flt, ConnectionPoint.objects.filter(commune=commune), "village_id")
    sessions = _sessions(flt)
    connected = presences.filter(first_seen_at__isnull=False)
    classes: dict[int | None, set[int]] = defaultdict(set)
    for village_id, session_id in (
        CheckIn.objects.filter(village__commune=commune, session_id__in=sessions)
        .values_list("village_id", "session_id")
        .distinct()
    ):
        classes[village_id].add(session_id)
    for village_id, session_id in connected.values_list("point__village_id", "session_id").distinct():
        classes[village_id].add(session_id)
    for village_id, ids in classes.items():
        if village_id in rows:
            rows[village_id].classes = len(ids)
    learners = LearnerDay.objects.filter(_in_range(flt), commune=commune)
    for village_id, n in learners.values_list("village_id").annotate(n=Count("learner_id", distinct=True)):
        rows[village_id].learners = n
    del rows[None]
    row_list = list(rows.values())
    if commune_wide.connections or commune_wide.classes or commune_wide.headcount:
        row_list.append(commune_wide)
    total = _totalled(row_list, ReachRow(commune.pk, commune.name))
    total.learners = learners.filter(_first_in_range(flt, "prev_day_in_commune", "prev_day_in_commune_theme")).count()
    total.classes = CommuneSession.objects.filter(commune=commune, session_id__in=sessions).count()
    return ReachReport(
        level="commune",
        area=commune,
        filter=flt,
        rows=row_list,
        total=total,
        activity=_activity(flt, day_rows, people_by_session),
        not_reached=_not_reached(villages),
    )


def reach_for_village(village: Village, flt: ReachFilter) -> ReachReport:
    total = ReachRow(village.pk, village.name, villages_total=1)
    day_rows = VillageDay.objects.filter(_in_range(flt), village=village)
    total.villages_reached = int(day_rows.exists())
    _day_sums({village.pk: total}, day_rows, "village_id")
    presences = _presences(flt).filter(point__village=village)
    people_by_session = _presence_sums(
        {village.pk: total}, flt, ConnectionPoint.objects.filter(village=village), "village_id"
    )
    sessions = set(
        CheckIn.objects.filter(village=village, session_id__in=_sessions(flt)).values_list("session_id", flat=True)
    )
    sessions |= set(presences.filter(first_seen_at__isnull=False).values_list("session_id", flat=True))
    total.classes = len(sessions)
    total.learners = LearnerDay.objects.filter(_in_range(flt), village=village).values("learner_id").distinct().count()
    return ReachReport(
        level="village",
        area=village,
        filter=flt,
        rows=[],
        total=total,
        activity=_activity(flt, day_rows, people_by_session),
        not_reached=[]
        if total.villages_reached
        else [VillageNotReached(village.pk, village.name, village.commune_id, village.commune.name)],
    )
