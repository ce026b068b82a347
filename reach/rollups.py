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
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from wagtail.models import Page

from courses.models import CoursePage
from learners.models import Learner
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence, SessionStatus
from places.models import Commune, Village
from quizzes.models import CourseCompletion, QuizAttempt, QuizPage
from reach.models import (
    ALL_THEMES,
    NO_PREVIOUS,
    NO_THEME,
    CommuneDay,
    CommunePresence,
    CommuneSession,
    LearnerCount,
    LearnerCountSettled,
    LearnerDay,
    QuizTheme,
    SessionDay,
    VillageDay,
)

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


def _session_day(session_id: int) -> tuple[date, str]:
    """(day, theme) a class's facts count under. Raw SQL: this runs on every check-in."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT day, theme FROM {SessionDay._meta.db_table} WHERE session_id = %s",  # noqa: S608
            [session_id],
        )
        row = cursor.fetchone()
    if row is not None:
        return _as_date(row[0]), row[1]
    day, theme = session_day_of(LiveSession.objects.get(pk=session_id))
    found, _created = SessionDay.objects.get_or_create(session_id=session_id, defaults={"day": day, "theme": theme})
    return found.day, found.theme


def _quiz_theme(quiz_id: int) -> str:
    found = QuizTheme.objects.filter(pk=quiz_id).values_list("theme", flat=True).first()
    if found is None:
        found = _theme_of_page(quiz_id)
        QuizTheme.objects.get_or_create(quiz_id=quiz_id, defaults={"theme": found})
    return found


# ─── Adding one fact ───────────────────────────────────────────────────────────────────────────────────────


def _place_of(village_id: int) -> tuple[int, int]:
    """(commune id, province id) of a village. Raw SQL: this runs on every check-in."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.commune_id, c.province_id FROM {Village._meta.db_table} v"  # noqa: S608
            f" JOIN {Commune._meta.db_table} c ON c.id = v.commune_id WHERE v.id = %s",
            [village_id],
        )
        return cursor.fetchone()


COUNTS = ["checkins", "attempts", "passed", "completions"]


def _upsert_add(model, keys: dict, conflict: list[str], counts: dict[str, int]) -> None:
    """One INSERT … ON CONFLICT adding `counts` to the row of `keys` (created at zero if new)."""
    table = model._meta.db_table
    columns = [*keys, *COUNTS]
    added = [f"{name} = {table}.{name} + excluded.{name}" for name in COUNTS if counts.get(name)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
            f" ON CONFLICT ({', '.join(conflict)}) DO " + ("UPDATE SET " + ", ".join(added) if added else "NOTHING"),
            [*keys.values(), *(counts.get(name, 0) for name in COUNTS)],
        )


def _village_day_add(*, village_id: int, place: tuple[int, int], day: date, theme: str, **counts: int) -> None:
    """Add a fact's counts to its village's and commune's rows for the day and theme."""
    keys = {"commune_id": place[0], "province_id": place[1], "day": day, "theme": theme}
    _upsert_add(VillageDay, {"village_id": village_id, **keys}, ["village_id", "day", "theme"], counts)
    if any(counts.values()):
        _upsert_add(CommuneDay, keys, ["commune_id", "day", "theme"], counts)


def _learner_day_add(*, learner_id: int, village_id: int, place: tuple[int, int], day: date, theme: str) -> None:
    """Record the learner active that day (once), chained to the learner's earlier rows.

    The new row usually comes last in the learner's order, so its previous days are computed as it is
    inserted; only when a later row exists are the learner's chains redone. A row on a settled day (a class
    that ran past midnight, a rebuild) also moves the learner's counts in LearnerCount: taken out before, put
    back after the chains change. Raw SQL, a handful of statements: this runs on every check-in.
    """
    settled = _settled_up_to(lock="shared")
    table = LearnerDay._meta.db_table
    with connection.cursor() as cursor:
        # Lock the learner so two writers chaining the same learner run one after the other.
        cursor.execute(
            f"SELECT id FROM {Learner._meta.db_table} WHERE id = %s"  # noqa: S608
            + (" FOR UPDATE" if connection.vendor == "postgresql" else ""),
            [learner_id],
        )
        backdated = settled is not None and day <= settled
        if backdated:
            _learner_counts_add("learner_id = %s", [learner_id], sign=-1, up_to=settled)
        sql, params = _learner_day_insert(learner_id, village_id, place, day, theme)
        cursor.execute(sql, params)
        inserted = cursor.fetchone()
        if inserted is not None:
            cursor.execute(
                f"SELECT 1 FROM {table} WHERE learner_id = %s AND day >= %s LIMIT 2",  # noqa: S608
                [learner_id, day],
            )
            if len(cursor.fetchall()) > 1:  # a row on the same day or later: redo the learner's chains
                _learner_chains_refresh("learner_id = %s", [learner_id])
    if backdated:
        _learner_counts_add("learner_id = %s", [learner_id], sign=1, up_to=settled)


def _learner_day_insert(learner_id: int, village_id: int, place: tuple[int, int], day: date, theme: str):
    """The INSERT of a learner's day with its previous days computed from the learner's earlier rows (in
    order of day, village, theme); RETURNING the new id, or nothing when the row was there already."""
    table = LearnerDay._meta.db_table
    earlier = "learner_id = %s AND (day < %s OR (day = %s AND (village_id < %s OR (village_id = %s AND theme < %s))))"
    key = [learner_id, day, day, village_id, village_id, theme]
    values = {"commune_id": place[0], "province_id": place[1], "theme": theme}
    prevs, prev_params = [], []
    for part in CHAINS.values():
        columns = part.split(", ")[1:]  # the chain's columns besides the learner
        same = " AND ".join(f"{column} = %s" for column in columns)
        prevs.append(f"(SELECT MAX(day) FROM {table} WHERE {earlier} AND {same})")  # noqa: S608
        prev_params += [*key, *(values[column] for column in columns)]
    sql = (
        f"INSERT INTO {table} (learner_id, village_id, commune_id, province_id, day, theme, {', '.join(CHAINS)})"
        f" SELECT %s, %s, %s, %s, %s, %s, {', '.join(prevs)} WHERE true"
        " ON CONFLICT (learner_id, day, village_id, theme) DO NOTHING RETURNING id"
    )
    return sql, [learner_id, village_id, *place, day, theme, *prev_params]


def learner_deleting(learner_id: int) -> None:
    """Take a learner who is being deleted out of LearnerCount (their LearnerDay rows go with them)."""
    settled = _settled_up_to(lock="shared")
    if settled is not None:
        _learner_counts_add("learner_id = %s", [learner_id], sign=-1, up_to=settled)


# ─── Settled presences of closed classes ───────────────────────────────────────────────────────────────────

PRESENCE_SETTLE_DELAY = timedelta(minutes=5)  # far longer than a heartbeat batch in flight at the close


def _presence_figures():
    return {
        "connections": Count("id", filter=Q(first_seen_at__isnull=False)),
        "headcount": Sum(Greatest("peak_headcount", Coalesce("late_headcount", 0))),
    }


@transaction.atomic
def presences_settle(sessions: QuerySet) -> None:
    """Write CommunePresence for the classes among `sessions` (SessionDay rows) closed long enough ago."""
    ready = list(
        sessions.filter(
            presences_settled=False,
            session__status=SessionStatus.CLOSED,
            session__closed_at__lt=timezone.now() - PRESENCE_SETTLE_DELAY,
        )
        .select_for_update(of=("self",))
        .values_list("session_id", flat=True)
    )
    if not ready:
        return
    figures = (
        PointPresence.objects.filter(session_id__in=ready)
        .values_list("session_id", "point__commune_id", "point__commune__province_id")
        .annotate(**_presence_figures())
        .order_by()
    )
    CommunePresence.objects.bulk_create(
        [
            CommunePresence(session_id=s, commune_id=c, province_id=p, connections=n, headcount=people or 0)
            for s, c, p, n, people in figures
        ],
        ignore_conflicts=True,
    )
    SessionDay.objects.filter(session_id__in=ready).update(presences_settled=True)


def presences_unsettle(session_ids: Iterable[int]) -> None:
    """A class's presences changed after it was settled (late head count, reopened, moved): read them live."""
    ids = list(session_ids)
    CommunePresence.objects.filter(session_id__in=ids).delete()
    SessionDay.objects.filter(session_id__in=ids, presences_settled=True).update(presences_settled=False)


# ─── Settled learner counts ────────────────────────────────────────────────────────────────────────────────

_SETTLE_LOCK = 7_310_625  # an arbitrary key for PostgreSQL's advisory lock between writers and settling


def _settled_up_to(*, lock: str) -> date | None:
    """The last settled day. Writers take the lock shared, settling and rebuilding take it exclusively, so
    no writer's row falls between a settle's snapshot and its new `up_to` (held until the commit)."""
    table = LearnerCountSettled._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            function = "pg_advisory_xact_lock_shared" if lock == "shared" else "pg_advisory_xact_lock"
            cursor.execute(f"SELECT {function}(%s), (SELECT up_to FROM {table} LIMIT 1)", [_SETTLE_LOCK])  # noqa: S608
            return cursor.fetchone()[1]
        cursor.execute(f"SELECT up_to FROM {table} LIMIT 1")  # noqa: S608
        row = cursor.fetchone()
        return _as_date(row[0]) if row else None


def _as_date(value) -> date | None:
    """SQLite hands dates back as text from raw SQL."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _learner_counts_add(where: str, params: list, *, sign: int, up_to: date, since: date | None = None) -> None:
    """Add (sign=1) or take out (sign=-1) the LearnerDay rows selected by `where`, days up to `up_to` (and
    after `since`), to LearnerCount: one count per chain, under the row's area, day, theme and previous day."""
    table = LearnerDay._meta.db_table
    kinds = [
        ("commune", "commune_id", f"'{ALL_THEMES}'", "prev_day_in_commune"),
        ("commune", "commune_id", "theme", "prev_day_in_commune_theme"),
        ("province", "province_id", f"'{ALL_THEMES}'", "prev_day_in_province"),
        ("province", "province_id", "theme", "prev_day_in_province_theme"),
    ]
    days = "day <= %s" + (" AND day > %s" if since else "")
    day_params = [up_to, since] if since else [up_to]
    selects, select_params = [], []
    for level, area, theme, prev in kinds:
        selects.append(
            f"SELECT '{level}' AS level, {area} AS area_id, province_id, day, {theme} AS theme,"  # noqa: S608
            f" COALESCE({prev}, %s) AS prev_day FROM {table} WHERE ({where}) AND {days}"
        )
        select_params += [NO_PREVIOUS, *params, *day_params]
    counts = LearnerCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {counts} (level, area_id, province_id, day, theme, prev_day, learners)"  # noqa: S608
            f" SELECT level, area_id, province_id, day, theme, prev_day, %s * COUNT(*)"
            f" FROM ({' UNION ALL '.join(selects)}) AS q"
            " GROUP BY level, area_id, province_id, day, theme, prev_day"
            f" ON CONFLICT (level, area_id, day, theme, prev_day) DO UPDATE SET learners = {counts}.learners"
            " + excluded.learners",
            [sign, *select_params],
        )


@transaction.atomic
def settle(*, up_to: date | None = None) -> date | None:
    """Count every LearnerDay row up to `up_to` (yesterday by default) into LearnerCount."""
    up_to = up_to or timezone.localdate() - timedelta(days=1)
    settled = _settled_up_to(lock="exclusive")
    if settled is not None and settled >= up_to:
        return settled
    _learner_counts_add("1 = 1", [], sign=1, up_to=up_to, since=settled)
    LearnerCountSettled.objects.update_or_create(pk=1, defaults={"up_to": up_to})
    return up_to


def _commune_session_add(session_id: int, place: tuple[int, int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CommuneSession._meta.db_table} (commune_id, province_id, session_id)"  # noqa: S608
            " VALUES (%s, %s, %s) ON CONFLICT (commune_id, session_id) DO NOTHING",
            [*place, session_id],
        )


def checkin_added(*, session_id: int, learner_id: int | None, village_id: int) -> None:
    """A new check-in (livesessions.signals.checkin_recorded)."""
    if connection.vendor == "postgresql" and learner_id is not None:
        _checkin_added_in_two_statements(session_id=session_id, learner_id=learner_id, village_id=village_id)
        return
    day, theme = _session_day(session_id)
    place = _place_of(village_id)
    _village_day_add(village_id=village_id, place=place, day=day, theme=theme, checkins=1)
    if learner_id is not None:
        _learner_day_add(learner_id=learner_id, village_id=village_id, place=place, day=day, theme=theme)
    _commune_session_add(session_id, place)


def _checkin_added_in_two_statements(*, session_id: int, learner_id: int, village_id: int) -> None:
    """PostgreSQL, the hot path of a class start: what `checkin_added` does, in two round trips.

    The first statement adds to the village's and commune's day rows and the commune's class, takes the
    settling lock (shared) and locks the learner; the second, with a snapshot taken after that lock, inserts
    the learner's day already chained. Anything unusual (no SessionDay yet, a settled day, a row on the same
    day or later) falls back to the general path's steps.
    """
    village, commune = Village._meta.db_table, Commune._meta.db_table
    village_day, commune_day = VillageDay._meta.db_table, CommuneDay._meta.db_table
    counts = ", ".join(COUNTS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH sd AS (SELECT day, theme FROM {SessionDay._meta.db_table} WHERE session_id = %(s)s),"  # noqa: S608
            f" pl AS (SELECT v.commune_id, c.province_id FROM {village} v JOIN {commune} c ON c.id = v.commune_id"
            "  WHERE v.id = %(v)s),"
            f" lk AS (SELECT pg_advisory_xact_lock_shared(%(lock)s) AS x,"
            f"  (SELECT up_to FROM {LearnerCountSettled._meta.db_table} LIMIT 1) AS settled),"
            f" ln AS (SELECT id FROM {Learner._meta.db_table} WHERE id = %(l)s FOR UPDATE),"
            f" vd AS (INSERT INTO {village_day} (village_id, commune_id, province_id, day, theme, {counts})"
            "  SELECT %(v)s, pl.commune_id, pl.province_id, sd.day, sd.theme, 1, 0, 0, 0 FROM sd, pl"
            f"  ON CONFLICT (village_id, day, theme) DO UPDATE SET checkins = {village_day}.checkins + 1"
            "  RETURNING 1),"
            f" cd AS (INSERT INTO {commune_day} (commune_id, province_id, day, theme, {counts})"
            "  SELECT pl.commune_id, pl.province_id, sd.day, sd.theme, 1, 0, 0, 0 FROM sd, pl"
            f"  ON CONFLICT (commune_id, day, theme) DO UPDATE SET checkins = {commune_day}.checkins + 1"
            "  RETURNING 1),"
            f" cs AS (INSERT INTO {CommuneSession._meta.db_table} (commune_id, province_id, session_id)"
            "  SELECT pl.commune_id, pl.province_id, %(s)s FROM sd, pl ON CONFLICT (commune_id, session_id) DO NOTHING"
            "  RETURNING 1)"
            " SELECT sd.day, sd.theme, pl.commune_id, pl.province_id, lk.settled,"
            "  (SELECT count(*) FROM ln) + (SELECT count(*) FROM vd) + (SELECT count(*) FROM cd)"
            "  + (SELECT count(*) FROM cs) FROM pl, lk LEFT JOIN sd ON true",
            {"s": session_id, "v": village_id, "l": learner_id, "lock": _SETTLE_LOCK},
        )
        day, theme, commune_id, province_id, settled, _written = cursor.fetchone()
    if day is None:  # no SessionDay yet: the general path creates it
        day, theme = _session_day(session_id)
        place = (commune_id, province_id)
        _village_day_add(village_id=village_id, place=place, day=day, theme=theme, checkins=1)
        _commune_session_add(session_id, place)
        _learner_day_add(learner_id=learner_id, village_id=village_id, place=place, day=day, theme=theme)
        return
    place = (commune_id, province_id)
    if settled is not None and day <= settled:
        _learner_day_add(learner_id=learner_id, village_id=village_id, place=place, day=day, theme=theme)
        return
    sql, params = _learner_day_insert(learner_id, village_id, place, day, theme)
    table = LearnerDay._meta.db_table
    with connection.cursor() as cursor:
        # The count in RETURNING reads the rows as they were before this insert: any other row on that day
        # or later means the new one is not last, and the learner's chains are redone.
        cursor.execute(
            sql + f", (SELECT count(*) FROM {table} WHERE learner_id = %s AND day >= %s)",  # noqa: S608
            [*params, learner_id, day],
        )
        inserted = cursor.fetchone()
    if inserted is not None and inserted[1]:
        _learner_chains_refresh("learner_id = %s", [learner_id])


def points_joined(*, pairs: Iterable[tuple[int, int]]) -> None:
    """Points connected to classes (livesessions.signals.points_connected): their villages are reached."""
    by_session: dict[int, set[int]] = {}
    for session_id, point_id in pairs:
        by_session.setdefault(session_id, set()).add(point_id)
    for session_id, point_ids in by_session.items():
        day, theme = _session_day(session_id)
        places = ConnectionPoint.objects.filter(pk__in=point_ids).values_list(
            "village_id", "commune_id", "commune__province_id"
        )
        for village_id, commune_id, province_id in places:
            if village_id is not None:
                _village_day_add(village_id=village_id, place=_place_of(village_id), day=day, theme=theme)
            _commune_session_add(session_id, (commune_id, province_id))


def attempt_finished(attempt: QuizAttempt) -> None:
    """An individual attempt finished (QuizAttempt saved with its finish time)."""
    theme = _quiz_theme(attempt.quiz_id)
    day = timezone.localdate(attempt.finished_at)
    place = _place_of(attempt.village_id)
    _village_day_add(
        village_id=attempt.village_id, place=place, day=day, theme=theme, attempts=1, passed=int(bool(attempt.passed))
    )
    if attempt.learner_id is not None:
        _learner_day_add(
            learner_id=attempt.learner_id, village_id=attempt.village_id, place=place, day=day, theme=theme
        )


def completion_added(completion: CourseCompletion) -> None:
    theme = CoursePage.objects.filter(pk=completion.course_id).values_list("theme", flat=True).first() or NO_THEME
    _village_day_add(
        village_id=completion.village_id,
        place=_place_of(completion.village_id),
        day=timezone.localdate(completion.completed_at),
        theme=theme,
        completions=1,
    )


# ─── Chains ────────────────────────────────────────────────────────────────────────────────────────────────


# Each chain of LearnerDay: the column holding the previous day, and the rows it runs through.
CHAINS = {
    "prev_day_in_commune": "learner_id, commune_id",
    "prev_day_in_commune_theme": "learner_id, commune_id, theme",
    "prev_day_in_province": "learner_id, province_id",
    "prev_day_in_province_theme": "learner_id, province_id, theme",
}


def _learner_chains_refresh(where: str, params: list) -> None:
    """Recompute the chains of the learners selected by `where`, in order of day (then village, theme)."""
    table = LearnerDay._meta.db_table
    lags = ", ".join(
        f"LAG(day) OVER (PARTITION BY {part} ORDER BY day, village_id, theme) AS {name}"
        for name, part in CHAINS.items()
    )
    sets = ", ".join(f"{name} = s.{name}" for name in CHAINS)
    changed = " OR ".join(f"{table}.{name} IS DISTINCT FROM s.{name}" for name in CHAINS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM (SELECT id, {lags} FROM {table} WHERE {where}) AS s"  # noqa: S608
            f" WHERE {table}.id = s.id AND ({changed})",
            params,
        )


# ─── Rebuilding from the raw tables ────────────────────────────────────────────────────────────────────────


def _aliased(queryset: QuerySet, *keys, counts: tuple = ()) -> QuerySet:
    """queryset.values(c0=keys[0], c1=…) then .annotate(…=counts): the columns in that order, grouped by keys
    when a count aggregates."""
    named = {f"c{i}": F(key) if isinstance(key, str) else key for i, key in enumerate(keys)}
    values = queryset.values(**named)
    if counts:
        values = values.annotate(**{f"c{len(keys) + i}": count for i, count in enumerate(counts)})
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


def days_of_point(point_id: int) -> set[date]:
    sessions = PointPresence.objects.filter(point_id=point_id).values("session_id")
    return set(SessionDay.objects.filter(session_id__in=sessions).values_list("day", flat=True))


@transaction.atomic
def rebuild(*, days: Iterable[date] | None = None) -> dict[str, int]:
    """Recompute the rollups from the raw tables: all of them, or only what counts on `days` (local dates).

    Also brings SessionDay and QuizTheme up to date and rebuilds the days whose facts they moved. Returns
    the number of rows of each rollup table afterwards.
    """
    moved = _refresh_days_and_themes()
    day_list = sorted(set(days) | moved) if days is not None else None
    if day_list == []:
        return {}

    def on_days(queryset: QuerySet, field: str = "day") -> QuerySet:
        return queryset if day_list is None else queryset.filter(**{f"{field}__in": day_list})

    settled = _settled_up_to(lock="exclusive")
    learner_rows = on_days(LearnerDay.objects.all())
    sessions = on_days(SessionDay.objects.all()).values("session_id")
    checkins = CheckIn.objects.filter(session_id__in=sessions)
    attempts = on_days(QuizAttempt.objects.filter(finished_at__isnull=False), "finished_at__date")
    if day_list is None:
        LearnerCount.objects.all().delete()
        LearnerCountSettled.objects.all().delete()
        touched_learners: set[int] = set()
    else:
        # Learners with rows on these days, before and after: their settled counts are taken out now and
        # put back once their chains are redone.
        touched_learners = set(learner_rows.values_list("learner_id", flat=True).distinct())
        touched_learners |= set(checkins.filter(learner__isnull=False).values_list("learner_id", flat=True))
        touched_learners |= set(attempts.filter(learner__isnull=False).values_list("learner_id", flat=True))
        if settled is not None:
            for chunk in _chunks(sorted(touched_learners)):
                _learner_counts_add(_ids_in(chunk), chunk, sign=-1, up_to=settled)
    on_days(VillageDay.objects.all()).delete()
    on_days(CommuneDay.objects.all()).delete()
    learner_rows.delete()
    on_days(CommuneSession.objects.all(), "session__reach_day__day").delete()
    presences_unsettle(sessions.values_list("session_id", flat=True))

    completions = on_days(CourseCompletion.objects.all(), "completed_at__date")
    presences = PointPresence.objects.filter(session_id__in=sessions, first_seen_at__isnull=False)
    zero = Value(0)
    village = ("village_id", "village__commune_id", "village__commune__province_id")
    class_day = ("session__reach_day__day", "session__reach_day__theme")
    attempt_day = (TruncDate("finished_at"), "quiz__reach_theme__theme")
    facts = [
        _aliased(checkins, *village, *class_day, counts=(Count("id"), zero, zero, zero)),
        _aliased(
            attempts, *village, *attempt_day, counts=(zero, Count("id"), Count("id", filter=Q(passed=True)), zero)
        ),
        _aliased(
            completions, *village, TruncDate("completed_at"), "course__theme", counts=(zero, zero, zero, Count("id"))
        ),
        # A point that connected makes its village reached: a row of zeros (summed with the others below).
        _aliased(
            presences.filter(point__village__isnull=False),
            "point__village_id",
            "point__village__commune_id",
            "point__village__commune__province_id",
            *class_day,
            counts=(zero, zero, zero, zero),
        ),
    ]
    keys = ["village_id", "commune_id", "province_id", "day", "theme"]
    _insert_summed(VillageDay, keys, facts[0].union(*facts[1:], all=True))
    _insert_summed(
        CommuneDay,
        keys[1:],
        _aliased(on_days(VillageDay.objects.all()), *keys[1:], *COUNTS),
    )
    learner_days = _aliased(checkins.filter(learner__isnull=False), "learner_id", *village, *class_day).union(
        _aliased(attempts.filter(learner__isnull=False), "learner_id", *village, *attempt_day)
    )
    _insert_learner_days(learner_days, chained=day_list is None)
    for facts_in in (
        _aliased(checkins, "village__commune_id", "village__commune__province_id", "session_id"),
        _aliased(presences, "point__commune_id", "point__commune__province_id", "session_id"),
    ):
        _insert_select(CommuneSession, ["commune_id", "province_id", "session_id"], facts_in.distinct())
    if day_list is None:
        settle()
    else:
        for chunk in _chunks(sorted(touched_learners)):
            _learner_chains_refresh(_ids_in(chunk), chunk)
            if settled is not None:
                _learner_counts_add(_ids_in(chunk), chunk, sign=1, up_to=settled)
    tables = (SessionDay, QuizTheme, VillageDay, CommuneDay, LearnerDay, LearnerCount, CommuneSession, CommunePresence)
    if connection.vendor == "postgresql":
        # Fresh statistics: after a bulk rewrite the planner would otherwise expect a few dozen rows.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(model._meta.db_table for model in tables)}")
    return {model.__name__: model.objects.count() for model in tables}


def _ids_in(chunk: list[int]) -> str:
    return f"learner_id IN ({', '.join(['%s'] * len(chunk))})"


def _insert_select(model, columns: list[str], queryset: QuerySet) -> None:
    """INSERT INTO model (columns) SELECT … FROM queryset (aliased c0, c1, … in that order), skipping rows
    that are already there."""
    sql, params = queryset.query.sql_with_params()
    picked = ", ".join(f"q.c{i}" for i in range(len(columns)))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) SELECT {picked} FROM ({sql}) AS q"  # noqa: S608
            " WHERE true ON CONFLICT DO NOTHING",
            params,
        )


def _insert_summed(model, keys: list[str], queryset: QuerySet) -> None:
    """Insert one row per key of `queryset` (keys, then the four COUNTS), summing the counts."""
    sql, params = queryset.query.sql_with_params()
    key_columns = [f"q.c{i}" for i in range(len(keys))]
    sums = [f"SUM(q.c{len(keys) + i})" for i in range(len(COUNTS))]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {model._meta.db_table} ({', '.join([*keys, *COUNTS])})"  # noqa: S608
            f" SELECT {', '.join(key_columns + sums)} FROM ({sql}) AS q GROUP BY {', '.join(key_columns)}",
            params,
        )


def _insert_learner_days(queryset: QuerySet, *, chained: bool) -> None:
    """Insert the (learner, village, commune, province, day, theme) rows of `queryset`, with their chains
    when `chained` (a full rebuild: every row of every learner is there to be chained)."""
    sql, params = queryset.query.sql_with_params()
    columns = ["learner_id", "village_id", "commune_id", "province_id", "day", "theme"]
    picked = [f"q.c{i}" for i in range(len(columns))]
    if chained:
        chains = {
            name: part.replace("learner_id", "q.c0")
            .replace("commune_id", "q.c2")
            .replace("province_id", "q.c3")
            .replace("theme", "q.c5")
            for name, part in CHAINS.items()
        }
        columns += list(chains)
        picked += [f"LAG(q.c4) OVER (PARTITION BY {part} ORDER BY q.c4, q.c1, q.c5)" for part in chains.values()]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {LearnerDay._meta.db_table} ({', '.join(columns)})"  # noqa: S608
            f" SELECT {', '.join(picked)} FROM ({sql}) AS q",
            params,
        )


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
