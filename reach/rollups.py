"""Keeping the reach rollups (reach/models.py) equal to the raw facts.

The code that writes a fact keeps them current, inside its own transaction: livesessions and quizzes send
their signals (or Django's model signals) and the receivers here add the fact to the rollups, so a fact and
its rollup commit together or not at all. Edits that move facts to another day or theme (a class re-dated,
a course re-themed, a class deleted, a village moved to another commune) rebuild the days concerned from
the raw tables with `rebuild(days=...)`; `rebuild()` with no days rebuilds everything (the generator and
`manage.py reach_rebuild` use it).

The SQL is written once for PostgreSQL and SQLite alike (INSERT … SELECT … ON CONFLICT, UPDATE … FROM with
window functions).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.models import Page

from courses.models import CoursePage
from learners.models import Learner
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence
from places.models import Commune, Village
from quizzes.models import CourseCompletion, QuizAttempt, QuizPage
from reach.models import NO_THEME, CommuneSession, LearnerDay, QuizTheme, SessionDay, VillageDay

# ─── Day and theme of a class or a quiz ────────────────────────────────────────────────────────────────────


def _theme_of_page(page_id: int | None) -> str:
    """The theme of the course that is `page_id` or holds it; "" outside any course."""
    page = Page.objects.filter(pk=page_id).first() if page_id is not None else None
    if page is None:
        return NO_THEME
    course = CoursePage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()
    return course.theme if course else NO_THEME


def session_day_of(session: LiveSession) -> tuple[date, str]:
    """The local day the class was scheduled to start, and its course's theme."""
    return timezone.localdate(session.scheduled_start), _theme_of_page(session.lesson_id)


def _session_day(session_id: int) -> SessionDay:
    found = SessionDay.objects.filter(pk=session_id).first()
    if found is None:
        session = LiveSession.objects.get(pk=session_id)
        day, theme = session_day_of(session)
        found, _created = SessionDay.objects.get_or_create(session_id=session_id, defaults={"day": day, "theme": theme})
    return found


def _quiz_theme(quiz_id: int) -> str:
    found = QuizTheme.objects.filter(pk=quiz_id).values_list("theme", flat=True).first()
    if found is None:
        found = _theme_of_page(quiz_id)
        QuizTheme.objects.get_or_create(quiz_id=quiz_id, defaults={"theme": found})
    return found


# ─── Adding one fact ───────────────────────────────────────────────────────────────────────────────────────


def _place_of(village_id: int) -> tuple[int, int]:
    return Village.objects.values_list("commune_id", "commune__province_id").get(pk=village_id)


def _village_day_add(*, village_id: int, day: date, theme: str, **counts: int) -> None:
    """Add to the village's row for the day and theme, creating it (and re-chaining the village) if new."""
    row = VillageDay.objects.filter(village_id=village_id, day=day, theme=theme)
    if counts:
        if row.update(**{name: F(name) + n for name, n in counts.items()}):
            return
    elif row.exists():
        return
    # A new row: lock the village so two writers chaining its rows one after the other see each other's.
    commune_id, province_id = (
        Village.objects.select_for_update().values_list("commune_id", "commune__province_id").get(pk=village_id)
    )
    table = VillageDay._meta.db_table
    columns = ["checkins", "attempts", "passed", "completions"]
    values = [counts.get(name, 0) for name in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (village_id, commune_id, province_id, day, theme, {', '.join(columns)})"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (village_id, day, theme) DO UPDATE SET "
            + ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in columns),
            [village_id, commune_id, province_id, day, theme, *values],
        )
    _village_chains_refresh("village_id = %s", [village_id])


def _learner_day_add(*, learner_id: int, village_id: int, day: date, theme: str) -> None:
    commune_id, province_id = _place_of(village_id)
    table = LearnerDay._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (learner_id, village_id, commune_id, province_id, day, theme)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (learner_id, day, village_id, theme) DO NOTHING"
            " RETURNING id",
            [learner_id, village_id, commune_id, province_id, day, theme],
        )
        if cursor.fetchone() is None:
            return
    list(Learner.objects.select_for_update().filter(pk=learner_id).values_list("pk"))
    _learner_chains_refresh("learner_id = %s", [learner_id])


def _commune_sessions_add(session_id: int, commune_ids: Iterable[int]) -> None:
    provinces = dict(Commune.objects.filter(pk__in=set(commune_ids)).values_list("pk", "province_id"))
    CommuneSession.objects.bulk_create(
        [CommuneSession(commune_id=c, province_id=p, session_id=session_id) for c, p in provinces.items()],
        ignore_conflicts=True,
    )


def checkin_added(*, session_id: int, learner_id: int | None, village_id: int) -> None:
    """A new check-in (livesessions.signals.checkin_recorded)."""
    session_day = _session_day(session_id)
    _village_day_add(village_id=village_id, day=session_day.day, theme=session_day.theme, checkins=1)
    if learner_id is not None:
        _learner_day_add(learner_id=learner_id, village_id=village_id, day=session_day.day, theme=session_day.theme)
    _commune_sessions_add(session_id, [_place_of(village_id)[0]])


def points_joined(*, pairs: Iterable[tuple[int, int]]) -> None:
    """Points connected to classes (livesessions.signals.points_connected): their villages are reached."""
    by_session: dict[int, set[int]] = {}
    for session_id, point_id in pairs:
        by_session.setdefault(session_id, set()).add(point_id)
    for session_id, point_ids in by_session.items():
        session_day = _session_day(session_id)
        places = list(ConnectionPoint.objects.filter(pk__in=point_ids).values_list("commune_id", "village_id"))
        for village_id in {village_id for _c, village_id in places if village_id is not None}:
            _village_day_add(village_id=village_id, day=session_day.day, theme=session_day.theme)
        _commune_sessions_add(session_id, {commune_id for commune_id, _v in places})


def attempt_finished(attempt: QuizAttempt) -> None:
    """An individual attempt finished (QuizAttempt saved with its finish time)."""
    theme = _quiz_theme(attempt.quiz_id)
    day = timezone.localdate(attempt.finished_at)
    _village_day_add(village_id=attempt.village_id, day=day, theme=theme, attempts=1, passed=int(bool(attempt.passed)))
    if attempt.learner_id is not None:
        _learner_day_add(learner_id=attempt.learner_id, village_id=attempt.village_id, day=day, theme=theme)


def completion_added(completion: CourseCompletion) -> None:
    theme = CoursePage.objects.filter(pk=completion.course_id).values_list("theme", flat=True).first() or NO_THEME
    _village_day_add(
        village_id=completion.village_id, day=timezone.localdate(completion.completed_at), theme=theme, completions=1
    )


# ─── Chains ────────────────────────────────────────────────────────────────────────────────────────────────


def _village_chains_refresh(where: str, params: list) -> None:
    """Recompute `prev_day` / `prev_day_in_theme` for the villages selected by `where` (on reach_villageday)."""
    table = VillageDay._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET prev_day = s.p1, prev_day_in_theme = s.p2 FROM ("  # noqa: S608
            " SELECT id, LAG(day) OVER (PARTITION BY village_id ORDER BY day, theme) AS p1,"
            " LAG(day) OVER (PARTITION BY village_id, theme ORDER BY day) AS p2"
            f" FROM {table} WHERE {where}) AS s"
            f" WHERE {table}.id = s.id AND ({table}.prev_day IS DISTINCT FROM s.p1"
            f" OR {table}.prev_day_in_theme IS DISTINCT FROM s.p2)",
            params,
        )


def _learner_chains_refresh(where: str, params: list) -> None:
    table = LearnerDay._meta.db_table
    chains = {
        "prev_day_in_commune": "learner_id, commune_id",
        "prev_day_in_commune_theme": "learner_id, commune_id, theme",
        "prev_day_in_province": "learner_id, province_id",
        "prev_day_in_province_theme": "learner_id, province_id, theme",
    }
    lags = ", ".join(f"LAG(day) OVER (PARTITION BY {part} ORDER BY day, id) AS {name}" for name, part in chains.items())
    sets = ", ".join(f"{name} = s.{name}" for name in chains)
    changed = " OR ".join(f"{table}.{name} IS DISTINCT FROM s.{name}" for name in chains)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM (SELECT id, {lags} FROM {table} WHERE {where}) AS s"  # noqa: S608
            f" WHERE {table}.id = s.id AND ({changed})",
            params,
        )


# ─── Rebuilding from the raw tables ────────────────────────────────────────────────────────────────────────


def _insert_select(model, columns: list[str], queryset: QuerySet, *, conflict: list[str], add: list[str]) -> None:
    """INSERT INTO model (columns) SELECT … FROM queryset, adding `add` columns on a conflict (or ignoring it).

    The queryset's values are aliased c0, c1, … in the order of `columns`.
    """
    table = model._meta.db_table
    sql, params = queryset.query.sql_with_params()
    picked = ", ".join(f"q.c{i}" for i in range(len(columns)))
    if add:
        on_conflict = "DO UPDATE SET " + ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in add)
    else:
        on_conflict = "DO NOTHING"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {picked} FROM ({sql}) AS q WHERE true"  # noqa: S608
            f" ON CONFLICT ({', '.join(conflict)}) {on_conflict}",
            params,
        )


def _aliased(queryset: QuerySet, *expressions, counts: dict | None = None) -> QuerySet:
    values = queryset.values(**{f"c{i}": F(e) if isinstance(e, str) else e for i, e in enumerate(expressions)})
    if counts:
        start = len(expressions)
        values = values.annotate(**{f"c{start + i}": agg for i, agg in enumerate(counts.values())})
    return values.order_by()


def _refresh_days_and_themes() -> set[date]:
    """Bring SessionDay and QuizTheme up to date with the classes and courses; returns the days that moved."""
    moved: set[date] = set()
    theme_of: dict[int | None, str] = {}

    def theme(page_id: int | None) -> str:
        if page_id not in theme_of:
            theme_of[page_id] = _theme_of_page(page_id)
        return theme_of[page_id]

    known = {row.pk: (row.day, row.theme) for row in SessionDay.objects.all()}
    for session_id, start, lesson_id in LiveSession.objects.values_list("pk", "scheduled_start", "lesson_id"):
        now = (timezone.localdate(start), theme(lesson_id))
        before = known.get(session_id)
        if before is None:
            SessionDay.objects.create(session_id=session_id, day=now[0], theme=now[1])
            moved.add(now[0])
        elif before != now:
            moved |= {before[0], now[0]}
            SessionDay.objects.filter(pk=session_id).update(day=now[0], theme=now[1])
    themes = dict(QuizTheme.objects.values_list("quiz_id", "theme"))
    for quiz_id in QuizPage.objects.values_list("pk", flat=True):
        now_theme = theme(quiz_id)
        if themes.get(quiz_id) != now_theme:
            QuizTheme.objects.update_or_create(quiz_id=quiz_id, defaults={"theme": now_theme})
            moved |= _local_days(QuizAttempt.objects.filter(quiz_id=quiz_id, finished_at__isnull=False), "finished_at")
            course = QuizPage.objects.get(pk=quiz_id).course
            if course is not None:
                moved |= _local_days(CourseCompletion.objects.filter(course=course), "completed_at")
    return moved


def _local_days(queryset: QuerySet, field: str) -> set[date]:
    return set(queryset.annotate(d=TruncDate(field)).values_list("d", flat=True).distinct())


def days_of_village(village_id: int) -> set[date]:
    return set(VillageDay.objects.filter(village_id=village_id).values_list("day", flat=True))


@transaction.atomic
def rebuild(*, days: Iterable[date] | None = None) -> dict[str, int]:
    """Recompute the rollups from the raw tables: all of them, or only what counts on `days` (local dates).

    Returns the number of rollup rows of each table afterwards.
    """
    moved = _refresh_days_and_themes()
    day_list = sorted(set(days) | moved) if days is not None else None
    if day_list == []:
        return {}

    def on_days(queryset: QuerySet, field: str) -> QuerySet:
        return queryset if day_list is None else queryset.filter(**{f"{field}__in": day_list})

    village_rows = on_days(VillageDay.objects.all(), "day")
    learner_rows = on_days(LearnerDay.objects.all(), "day")
    touched_villages = set(village_rows.values_list("village_id", flat=True).distinct())
    touched_learners = set(learner_rows.values_list("learner_id", flat=True).distinct())
    village_rows.delete()
    learner_rows.delete()
    sessions = on_days(SessionDay.objects.all(), "day").values("session_id")
    if day_list is None:
        CommuneSession.objects.all().delete()
    else:
        CommuneSession.objects.filter(session_id__in=sessions).delete()

    checkins = CheckIn.objects.filter(session_id__in=sessions)
    village_columns = ["village_id", "commune_id", "province_id", "day", "theme"]
    checkin_values = checkins
    _insert_select(
        VillageDay,
        [*village_columns, "checkins"],
        _aliased(
            checkin_values,
            "village_id",
            "village__commune_id",
            "village__commune__province_id",
            "session__reach_day__day",
            "session__reach_day__theme",
            counts={"n": Count("id")},
        ),
        conflict=["village_id", "day", "theme"],
        add=["checkins"],
    )
    attempts = QuizAttempt.objects.filter(finished_at__isnull=False)
    if day_list is not None:
        attempts = attempts.filter(finished_at__date__in=day_list)
    attempt_values = attempts
    _insert_select(
        VillageDay,
        [*village_columns, "attempts", "passed"],
        _aliased(
            attempt_values,
            "village_id",
            "village__commune_id",
            "village__commune__province_id",
            TruncDate("finished_at"),
            "quiz__reach_theme__theme",
            counts={"n": Count("id"), "p": Count("id", filter=Q(passed=True))},
        ),
        conflict=["village_id", "day", "theme"],
        add=["attempts", "passed"],
    )
    completions = CourseCompletion.objects.all()
    if day_list is not None:
        completions = completions.filter(completed_at__date__in=day_list)
    _insert_select(
        VillageDay,
        [*village_columns, "completions"],
        _aliased(
            completions,
            "village_id",
            "village__commune_id",
            "village__commune__province_id",
            TruncDate("completed_at"),
            "course__theme",
            counts={"n": Count("id")},
        ),
        conflict=["village_id", "day", "theme"],
        add=["completions"],
    )
    presences = PointPresence.objects.filter(
        session_id__in=sessions, first_seen_at__isnull=False, point__village__isnull=False
    )
    _insert_select(
        VillageDay,
        village_columns,
        _aliased(
            presences,
            "point__village_id",
            "point__village__commune_id",
            "point__village__commune__province_id",
            "session__reach_day__day",
            "session__reach_day__theme",
        ).distinct(),
        conflict=["village_id", "day", "theme"],
        add=[],
    )
    learner_columns = ["learner_id", "village_id", "commune_id", "province_id", "day", "theme"]
    _insert_select(
        LearnerDay,
        learner_columns,
        _aliased(
            checkin_values.filter(learner__isnull=False),
            "learner_id",
            "village_id",
            "village__commune_id",
            "village__commune__province_id",
            "session__reach_day__day",
            "session__reach_day__theme",
        ).distinct(),
        conflict=["learner_id", "day", "village_id", "theme"],
        add=[],
    )
    _insert_select(
        LearnerDay,
        learner_columns,
        _aliased(
            attempt_values.filter(learner__isnull=False),
            "learner_id",
            "village_id",
            "village__commune_id",
            "village__commune__province_id",
            TruncDate("finished_at"),
            "quiz__reach_theme__theme",
        ).distinct(),
        conflict=["learner_id", "day", "village_id", "theme"],
        add=[],
    )
    _insert_select(
        CommuneSession,
        ["commune_id", "province_id", "session_id"],
        _aliased(checkins, "village__commune_id", "village__commune__province_id", "session_id").distinct(),
        conflict=["commune_id", "session_id"],
        add=[],
    )
    _insert_select(
        CommuneSession,
        ["commune_id", "province_id", "session_id"],
        _aliased(
            PointPresence.objects.filter(session_id__in=sessions, first_seen_at__isnull=False),
            "point__commune_id",
            "point__commune__province_id",
            "session_id",
        ).distinct(),
        conflict=["commune_id", "session_id"],
        add=[],
    )
    if day_list is None:
        _village_chains_refresh("1 = 1", [])
        _learner_chains_refresh("1 = 1", [])
    else:
        touched_villages |= set(village_rows.values_list("village_id", flat=True).distinct())
        touched_learners |= set(learner_rows.values_list("learner_id", flat=True).distinct())
        for chunk in _chunks(sorted(touched_villages)):
            _village_chains_refresh(f"village_id IN ({', '.join(['%s'] * len(chunk))})", chunk)
        for chunk in _chunks(sorted(touched_learners)):
            _learner_chains_refresh(f"learner_id IN ({', '.join(['%s'] * len(chunk))})", chunk)
    return {
        model.__name__: model.objects.count()
        for model in (SessionDay, QuizTheme, VillageDay, LearnerDay, CommuneSession)
    }


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
