"""The reach figures recounted the plain way, straight from the raw tables, for the tests to hold reach to.

Reads live classes, point presences, check-ins, finished quiz attempts, course completions, places and
pages with plain ORM queries, then counts in Python: slow and obvious on purpose. It never reads reach's
rollup tables nor `reach.selectors`; it implements the definitions of the selectors' docstring afresh:

- a class's facts (check-ins, its points' presences) count on the local day (Asia/Ho_Chi_Minh) of its
  scheduled start, under the theme of the course that is its lesson or the lesson's nearest course ("" if
  none); a finished attempt counts on the local day it finished, under its quiz's course's theme; a course
  completion on the local day it was recorded, under the course's theme;
- a village is reached by a check-in of a villager of it, a finished attempt or a completion recorded with
  it, or a presence that connected (first seen set) at a point located in it;
- classes: distinct classes with a connected presence at a point in the area or a check-in of the area's
  villages; connections: connected presences at points in the area; head count: over every presence at a
  point in the area (a head count entered late counts without a connection), max(peak, late or 0);
- learners: distinct learners still there (not deleted) over check-ins and finished attempts of the area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from courses.models import CoursePage
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
from places.models import Commune, Province, Village
from places.selectors import natural_key
from quizzes.models import CourseCompletion, QuizAttempt

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
COMMUNE_WIDE = None  # the key of a commune's row for its points serving the whole commune


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL).date()


@dataclass(frozen=True)
class Filter:
    """Inclusive local days, and one theme or "" for all (the same meaning as reach's filter)."""

    start: date
    end: date
    theme: str = ""

    def takes(self, day: date, theme: str) -> bool:
        return self.start <= day <= self.end and (not self.theme or theme == self.theme)


@dataclass(frozen=True)
class Counted:
    """The recounted figures of one area, named as reach's FIGURES (plus `passed`)."""

    name: str | None
    villages_total: int
    villages_reached: int
    classes: int
    connections: int
    headcount: int
    learners: int
    checkins: int
    completions: int
    attempts: int
    passed: int

    @property
    def coverage(self) -> float | None:
        return round(100 * self.villages_reached / self.villages_total, 1) if self.villages_total else None

    @property
    def pass_rate(self) -> float | None:
        return round(100 * self.passed / self.attempts, 1) if self.attempts else None

    def figure(self, name: str):
        return getattr(self, name)

    def is_empty(self) -> bool:
        return not (self.villages_total or self.classes or self.connections or self.headcount or self.checkins)


@dataclass
class Recount:
    """A report recounted: rows by place id (COMMUNE_WIDE for the commune-wide points), total, by day."""

    rows: dict[int | None, Counted]
    total: Counted
    activity: list[tuple[date, int, int, int]]  # (day, check-ins, attempts, head count)
    not_reached: list[tuple[int, str, int, str]]  # (village id, village, commune id, commune)


@dataclass
class Facts:
    """Every raw fact, with the day, theme and place it counts under."""

    checkins: list[tuple[date, str, int, int | None, int]] = field(default_factory=list)
    # (day, theme, session id, learner id or None, village id)
    presences: list[tuple[date, str, int, int, bool, int]] = field(default_factory=list)
    # (day, theme, session id, point id, connected, head count)
    attempts: list[tuple[date, str, int | None, int, bool]] = field(default_factory=list)
    # (day, theme, learner id or None, village id, passed)
    completions: list[tuple[date, str, int]] = field(default_factory=list)  # (day, theme, village id)
    point_village: dict[int, int | None] = field(default_factory=dict)  # connection point id -> village id


def _course_theme(page_id: int | None) -> str:
    """The theme of the course that is this page or its nearest course ancestor; "" when there is none."""
    if page_id is None:
        return ""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return ""
    course = CoursePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    return course.theme if course is not None else ""


def facts_load() -> Facts:
    facts = Facts()
    sessions = {
        pk: (local_day(start), _course_theme(lesson_id))
        for pk, start, lesson_id in LiveSession.objects.values_list("pk", "scheduled_start", "lesson_id")
    }
    for session_id, learner_id, village_id in CheckIn.objects.values_list("session_id", "learner_id", "village_id"):
        day, theme = sessions[session_id]
        facts.checkins.append((day, theme, session_id, learner_id, village_id))
    for session_id, point_id, first_seen, peak, late in PointPresence.objects.values_list(
        "session_id", "point_id", "first_seen_at", "peak_headcount", "late_headcount"
    ):
        day, theme = sessions[session_id]
        facts.presences.append((day, theme, session_id, point_id, first_seen is not None, max(peak, late or 0)))
    quiz_themes: dict[int, str] = {}
    for quiz_id, finished_at, learner_id, village_id, passed in QuizAttempt.objects.filter(
        finished_at__isnull=False
    ).values_list("quiz_id", "finished_at", "learner_id", "village_id", "passed"):
        if quiz_id not in quiz_themes:
            quiz_themes[quiz_id] = _course_theme(quiz_id)
        facts.attempts.append((local_day(finished_at), quiz_themes[quiz_id], learner_id, village_id, bool(passed)))
    facts.point_village = dict(ConnectionPoint.objects.values_list("pk", "village_id"))
    course_themes = dict(CoursePage.objects.values_list("pk", "theme"))
    for course_id, completed_at, village_id in CourseCompletion.objects.values_list(
        "course_id", "completed_at", "village_id"
    ):
        facts.completions.append((local_day(completed_at), course_themes[course_id], village_id))
    return facts


def _count(facts: Facts, flt: Filter, *, name: str | None, villages: set[int], points: set[int]) -> Counted:
    """The figures of the area made of these villages and these connection points."""
    checkins = [c for c in facts.checkins if c[4] in villages and flt.takes(c[0], c[1])]
    presences = [p for p in facts.presences if p[3] in points and flt.takes(p[0], p[1])]
    attempts = [a for a in facts.attempts if a[3] in villages and flt.takes(a[0], a[1])]
    completions = [c for c in facts.completions if c[2] in villages and flt.takes(c[0], c[1])]
    connected = [p for p in presences if p[4]]
    reached = {c[4] for c in checkins} | {a[3] for a in attempts} | {c[2] for c in completions}
    reached |= {facts.point_village[p[3]] for p in connected} & villages
    learners = {c[3] for c in checkins if c[3] is not None} | {a[2] for a in attempts if a[2] is not None}
    return Counted(
        name=name,
        villages_total=len(villages),
        villages_reached=len(reached),
        classes=len({c[2] for c in checkins} | {p[2] for p in connected}),
        connections=len(connected),
        headcount=sum(p[5] for p in presences),
        learners=len(learners),
        checkins=len(checkins),
        completions=len(completions),
        attempts=len(attempts),
        passed=sum(1 for a in attempts if a[4]),
    )


def _activity(facts: Facts, flt: Filter, *, villages: set[int], points: set[int]) -> list[tuple[date, int, int, int]]:
    checkins: dict[date, int] = defaultdict(int)
    attempts: dict[date, int] = defaultdict(int)
    headcount: dict[date, int] = defaultdict(int)
    for day, theme, _session, _learner, village_id in facts.checkins:
        if village_id in villages and flt.takes(day, theme):
            checkins[day] += 1
    for day, theme, _learner, village_id, _passed in facts.attempts:
        if village_id in villages and flt.takes(day, theme):
            attempts[day] += 1
    for day, theme, _session, point_id, _connected, people in facts.presences:
        if point_id in points and flt.takes(day, theme):
            headcount[day] += people
    days = []
    day = flt.start
    while day <= flt.end:
        days.append((day, checkins[day], attempts[day], headcount[day]))
        day += timedelta(days=1)
    return days


def _not_reached(facts: Facts, flt: Filter, villages) -> list[tuple[int, str, int, str]]:
    """The villages with nothing counted in the range, by commune then village (their folded names)."""
    points_of: dict[int, set[int]] = defaultdict(set)
    for point_id, village_id in facts.point_village.items():
        points_of[village_id].add(point_id)
    reached = set()
    for village in villages:
        counted = _count(facts, flt, name=None, villages={village.pk}, points=points_of.get(village.pk, set()))
        if counted.villages_reached:
            reached.add(village.pk)
    left = [village for village in villages.select_related("commune") if village.pk not in reached]
    left.sort(
        key=lambda v: (natural_key(v.commune.search_name), natural_key(v.search_name))
    )  # "Thôn 2" before "Thôn 10"
    return [(v.pk, v.name, v.commune_id, v.commune.name) for v in left]


def _points(**where) -> set[int]:
    return set(ConnectionPoint.objects.filter(**where).values_list("pk", flat=True))


def _villages(**where) -> set[int]:
    return set(Village.objects.filter(**where).values_list("pk", flat=True))


def recount_for_village(village: Village, flt: Filter, facts: Facts | None = None) -> Recount:
    facts = facts or facts_load()
    area = {"villages": {village.pk}, "points": _points(village=village)}
    return Recount(
        rows={},
        total=_count(facts, flt, name=village.name, **area),
        activity=_activity(facts, flt, **area),
        not_reached=_not_reached(facts, flt, Village.objects.filter(pk=village.pk)),
    )


def recount_for_commune(commune: Commune, flt: Filter, facts: Facts | None = None) -> Recount:
    facts = facts or facts_load()
    rows = {
        village.pk: _count(facts, flt, name=village.name, villages={village.pk}, points=_points(village=village))
        for village in Village.objects.filter(commune=commune)
    }
    commune_wide = _count(facts, flt, name=None, villages=set(), points=_points(commune=commune, village=None))
    if not commune_wide.is_empty():
        rows[COMMUNE_WIDE] = commune_wide
    area = {"villages": _villages(commune=commune), "points": _points(commune=commune)}
    return Recount(
        rows=rows,
        total=_count(facts, flt, name=commune.name, **area),
        activity=_activity(facts, flt, **area),
        not_reached=_not_reached(facts, flt, Village.objects.filter(commune=commune)),
    )


def recount_for_province(province: Province, flt: Filter, facts: Facts | None = None) -> Recount:
    facts = facts or facts_load()
    rows = {
        commune.pk: _count(
            facts, flt, name=commune.name, villages=_villages(commune=commune), points=_points(commune=commune)
        )
        for commune in Commune.objects.filter(province=province)
    }
    area = {"villages": _villages(commune__province=province), "points": _points(commune__province=province)}
    return Recount(
        rows=rows,
        total=_count(facts, flt, name=province.name, **area),
        activity=_activity(facts, flt, **area),
        not_reached=_not_reached(facts, flt, Village.objects.filter(commune__province=province)),
    )
