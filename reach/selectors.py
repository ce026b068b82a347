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

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from courses.models import CourseTheme
from livesessions.models import CheckIn, PointPresence
from places.models import Commune, Province, Village
from places.selectors import villages_of
from reach.models import NO_THEME, CommuneSession, LearnerDay, SessionDay, VillageDay

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


def _in_range(flt: ReachFilter, *, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}day__gte": flt.start, f"{prefix}day__lte": flt.end})
    if flt.theme:
        q &= Q(**{f"{prefix}theme": flt.theme})
    return q


def _first_in_range(flt: ReachFilter, all_themes: str, in_theme: str) -> Q:
    """The chain rows that count once per village (learner): no previous day, or one before the range."""
    prev = in_theme if flt.theme else all_themes
    return Q(**{f"{prev}__isnull": True}) | Q(**{f"{prev}__lt": flt.start})


def _sessions(flt: ReachFilter) -> QuerySet:
    return SessionDay.objects.filter(_in_range(flt)).values("session_id")


def _headcount():
    return Greatest("peak_headcount", Coalesce("late_headcount", 0))


def _presences(flt: ReachFilter) -> QuerySet:
    return PointPresence.objects.filter(session_id__in=_sessions(flt))


def _activity(flt: ReachFilter, village_days: QuerySet, presences: QuerySet) -> list[DayActivity]:
    by_day = {
        row["day"]: row
        for row in village_days.values("day").annotate(checkins=Sum("checkins"), attempts=Sum("attempts"))
    }
    session_day = dict(SessionDay.objects.filter(_in_range(flt)).values_list("session_id", "day"))
    headcount: dict[date, int] = defaultdict(int)
    for session_id, people in (
        presences.values("session_id").annotate(people=Sum(_headcount())).values_list("session_id", "people")
    ):
        headcount[session_day[session_id]] += people or 0
    days = []
    day = flt.start
    while day <= flt.end:
        row = by_day.get(day, {})
        days.append(DayActivity(day, row.get("checkins") or 0, row.get("attempts") or 0, headcount.get(day, 0)))
        day = date.fromordinal(day.toordinal() + 1)
    return days


def _village_sums(rows: dict, village_days: QuerySet, key: str, flt: ReachFilter) -> None:
    for item in village_days.values(key).annotate(
        checkins=Sum("checkins"),
        attempts=Sum("attempts"),
        passed=Sum("passed"),
        completions=Sum("completions"),
        reached=Count("id", filter=_first_in_range(flt, "prev_day", "prev_day_in_theme")),
    ):
        row = rows.get(item[key])
        if row is None:
            continue
        row.checkins, row.attempts = item["checkins"], item["attempts"]
        row.passed, row.completions = item["passed"], item["completions"]
        row.villages_reached = item["reached"]


def _presence_sums(rows: dict, presences: QuerySet, key: str) -> None:
    for item in presences.values(key).annotate(
        connections=Count("id", filter=Q(first_seen_at__isnull=False)), people=Sum(_headcount())
    ):
        row = rows.get(item[key])
        if row is not None:
            row.connections, row.headcount = item["connections"], item["people"] or 0


def _totalled(rows: list[ReachRow], total: ReachRow, *, fields: tuple[str, ...]) -> ReachRow:
    for name in fields:
        setattr(total, name, sum(getattr(row, name) for row in rows))
    return total


ADDITIVE = ("villages_total", "villages_reached", "connections", "headcount", "checkins", "completions")
ADDITIVE += ("attempts", "passed")


def reach_for_province(province: Province, flt: ReachFilter) -> ReachReport:
    communes = list(Commune.objects.filter(province=province).order_by("search_name"))
    rows = {c.pk: ReachRow(c.pk, c.name) for c in communes}
    for commune_id, n in (
        Village.objects.filter(commune__province=province).values_list("commune_id").annotate(n=Count("id"))
    ):
        rows[commune_id].villages_total = n
    village_days = VillageDay.objects.filter(_in_range(flt), province=province)
    _village_sums(rows, village_days, "commune_id", flt)
    presences = _presences(flt).filter(point__commune__province=province)
    _presence_sums(rows, presences, "point__commune_id")
    for item in (
        CommuneSession.objects.filter(province=province, session_id__in=_sessions(flt))
        .values("commune_id")
        .annotate(n=Count("id"))
    ):
        rows[item["commune_id"]].classes = item["n"]
    learners = LearnerDay.objects.filter(_in_range(flt), province=province)
    province_first = _first_in_range(flt, "prev_day_in_province", "prev_day_in_province_theme")
    learners_in_province = 0
    for item in learners.values("commune_id").annotate(
        in_commune=Count("id", filter=_first_in_range(flt, "prev_day_in_commune", "prev_day_in_commune_theme")),
        in_province=Count("id", filter=province_first),
    ):
        rows[item["commune_id"]].learners = item["in_commune"]
        learners_in_province += item["in_province"]
    total = _totalled(list(rows.values()), ReachRow(province.pk, province.name), fields=ADDITIVE)
    total.learners = learners_in_province
    total.classes = (
        CommuneSession.objects.filter(province=province, session_id__in=_sessions(flt))
        .values("session_id")
        .distinct()
        .count()
    )
    return ReachReport(
        level="province",
        area=province,
        filter=flt,
        rows=list(rows.values()),
        total=total,
        activity=_activity(flt, village_days, presences),
        not_reached=_not_reached(Village.objects.filter(commune__province=province), village_days, flt),
    )


def reach_for_commune(commune: Commune, flt: ReachFilter) -> ReachReport:
    villages = villages_of(commune.pk)
    rows = {v.pk: ReachRow(v.pk, v.name, villages_total=1) for v in villages}
    village_days = VillageDay.objects.filter(_in_range(flt), commune=commune)
    _village_sums(rows, village_days, "village_id", flt)
    presences = _presences(flt).filter(point__commune=commune)
    _presence_sums(rows, presences, "point__village_id")
    # Points that serve the whole commune belong to no village: their own row, so the columns add up.
    commune_wide = ReachRow(None, str(_("Points serving the whole commune")))
    _presence_sums({None: commune_wide}, presences.filter(point__village__isnull=True), "point__village_id")
    sessions = _sessions(flt)
    classes: dict[int, set[int]] = defaultdict(set)
    for village_id, session_id in (
        CheckIn.objects.filter(village__commune=commune, session_id__in=sessions)
        .values_list("village_id", "session_id")
        .distinct()
    ):
        classes[village_id].add(session_id)
    for village_id, session_id in presences.filter(point__village__isnull=False).values_list(
        "point__village_id", "session_id"
    ):
        classes[village_id].add(session_id)
    for village_id, ids in classes.items():
        if village_id in rows:
            rows[village_id].classes = len(ids)
    commune_wide.classes = presences.filter(point__village__isnull=True).values("session_id").distinct().count()
    learners = LearnerDay.objects.filter(_in_range(flt), commune=commune)
    for village_id, n in learners.values_list("village_id").annotate(n=Count("learner_id", distinct=True)):
        rows[village_id].learners = n
    row_list = list(rows.values())
    if commune_wide.connections or commune_wide.classes:
        row_list.append(commune_wide)
    total = _totalled(row_list, ReachRow(commune.pk, commune.name), fields=ADDITIVE)
    total.learners = learners.filter(_first_in_range(flt, "prev_day_in_commune", "prev_day_in_commune_theme")).count()
    total.classes = CommuneSession.objects.filter(commune=commune, session_id__in=sessions).count()
    return ReachReport(
        level="commune",
        area=commune,
        filter=flt,
        rows=row_list,
        total=total,
        activity=_activity(flt, village_days, presences),
        not_reached=_not_reached(Village.objects.filter(commune=commune), village_days, flt),
    )


def reach_for_village(village: Village, flt: ReachFilter) -> ReachReport:
    total = ReachRow(village.pk, village.name, villages_total=1)
    village_days = VillageDay.objects.filter(_in_range(flt), village=village)
    _village_sums({village.pk: total}, village_days, "village_id", flt)
    presences = _presences(flt).filter(point__village=village)
    _presence_sums({village.pk: total}, presences, "point__village_id")
    sessions = set(
        CheckIn.objects.filter(village=village, session_id__in=_sessions(flt)).values_list("session_id", flat=True)
    )
    sessions |= set(presences.values_list("session_id", flat=True))
    total.classes = len(sessions)
    total.learners = LearnerDay.objects.filter(_in_range(flt), village=village).values("learner_id").distinct().count()
    return ReachReport(
        level="village",
        area=village,
        filter=flt,
        rows=[],
        total=total,
        activity=_activity(flt, village_days, presences),
        not_reached=[] if total.villages_reached else [_not_reached_row(village)],
    )


def _not_reached_row(village: Village) -> VillageNotReached:
    return VillageNotReached(village.pk, village.name, village.commune_id, village.commune.name)


def _not_reached(villages: QuerySet, village_days: QuerySet, flt: ReachFilter) -> list[VillageNotReached]:
    """The villages with nothing in the range: the volunteer teams' to-do list, by commune then village."""
    reached = set(
        village_days.filter(_first_in_range(flt, "prev_day", "prev_day_in_theme")).values_list("village_id", flat=True)
    )
    left = (
        villages.exclude(pk__in=reached)
        .select_related("commune")
        .order_by("commune__search_name", "search_name")
        .annotate(commune_name=F("commune__name"))
    )
    return [VillageNotReached(v.pk, v.name, v.commune_id, v.commune_name) for v in left]
