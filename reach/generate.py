"""A realistic province-year of facts for the reach dashboard, made in minutes (`manage.py reach_generate`).

It adds to a province already in the database (its real communes): numbered villages, connection points,
learners, a year of closed live classes with the points that connected and the villagers who checked in,
quiz attempts and course completions. The rows go in with PostgreSQL COPY (plain multi-row INSERTs on
SQLite, for the tests), never one ORM save per row, so no signal fires: the rollups are rebuilt at the end.

The edge cases the figures must get right are always there, however small the size asked for: a learner who
moved village mid-year (earlier facts keep the old village), a deleted learner (facts with no learner), a
class running past midnight, a check-in at a point in another commune, a village with no activity at all.

Generated rows are recognised by their marks, so a second run can refuse or replace them: villages named
"Thôn <number>" with `is_demo` set (the demo villages of `demo_villages` end in "(mẫu)"), connection points
coded "G<province code>-…", live classes whose stream link is under GENERATED_STREAM_URL.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as fixed_offset
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, LessonPage
from learners.models import Learner
from learners.privacy import PRIVACY_NOTICE_VERSION
from livesessions.models import CheckIn, ConnectionPoint, LiveSession, PointPresence, SessionStatus
from places.models import Commune, Province, Village, VillageKind
from places.text import fold_diacritics
from quizzes.models import CourseCompletion, QuizAttempt, QuizPage
from reach.models import LearnerDay, VillageDay

GENERATED_STREAM_URL = "https://lop-hoc.invalid/sinh-du-lieu/"
GENERATED_VILLAGE_NAME = r"^Thôn [0-9]+$"
# Viet Nam has kept UTC+7 all year since 1975: a fixed offset is exact and much cheaper than a zone lookup.
VN = fixed_offset(timedelta(hours=7))

PROVINCE_WIDE_SHARE = 0.2  # of the classes; the rest are organised by one commune
SILENT_VILLAGE_SHARE = 0.03  # villages with no learner and no point: the "not reached" list
VILLAGE_POINT_SHARE = 0.85  # of the points; the rest serve a whole commune
MOVED_SHARE = 0.02
DELETED_SHARE = 0.01
MIDNIGHT_SHARE = 0.05  # classes that start late and end after midnight
CONNECTED_SHARE = 0.88  # invited points that connected
LATE_HEADCOUNT_SHARE = 0.03
OUTSIDER_SHARE = 0.05  # check-ins to a commune's class by villagers of other communes
PHONE_SHARE = 0.2  # check-ins from a phone at home: no point
AWAY_POINT_SHARE = 0.02  # province-wide classes: checked in at a point of another commune
ATTEMPT_IN_CLASS_SHARE = 0.75
PASS_SHARE = 0.7


class GenerationError(Exception):
    """The generator cannot do what was asked; the message says why, in the active language."""


@dataclass(frozen=True)
class Size:
    communes: int = 4
    villages: int = 40
    points: int = 20
    classes: int = 12
    checkins: int = 2_000
    attempts: int = 2_000
    learners: int = 400
    year: int = 2026
    seed: int = 1

    def scaled(self, factor: float) -> Size:
        def up(n: int) -> int:
            return max(1, round(n * factor))

        return Size(
            communes=self.communes,
            villages=up(self.villages),
            points=up(self.points),
            classes=up(self.classes),
            checkins=up(self.checkins),
            attempts=up(self.attempts),
            learners=up(self.learners),
            year=self.year,
            seed=self.seed,
        )


@dataclass
class GenerationReport:
    rows: dict[str, int] = field(default_factory=dict)  # table label → rows made
    seconds: dict[str, float] = field(default_factory=dict)  # phase → seconds
    communes_used: int = 0
    deleted_learners: int = 0
    moved_learners: int = 0
    foreign_keys_checked: bool = True


# ─── Recognising and removing generated rows ────────────────────────────────────────────────────────────────


def _generated_villages(province: Province):
    return Village.objects.filter(commune__province=province, is_demo=True, name__regex=GENERATED_VILLAGE_NAME)


def _generated_points(province: Province):
    return ConnectionPoint.objects.filter(commune__province=province, code__startswith=f"G{province.code}-")


def _generated_sessions(province: Province):
    return LiveSession.objects.filter(province=province, stream_url__startswith=GENERATED_STREAM_URL)


def generated_exists(province: Province) -> bool:
    return (
        _generated_villages(province).exists()
        or _generated_points(province).exists()
        or _generated_sessions(province).exists()
    )


def _delete_where(model: type[Model], column: str, ids_queryset) -> int:
    """DELETE … WHERE column IN (subquery), in SQL: the ORM would load a million rows to send signals."""
    sql, params = ids_queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({sql})", params)  # noqa: S608
        return cursor.rowcount


@transaction.atomic
def generated_delete(province: Province) -> dict[str, int]:
    """Remove every row an earlier run made for the province (the rollups' rows go with them)."""
    villages, points, sessions = (
        _generated_villages(province),
        _generated_points(province),
        _generated_sessions(province),
    )
    through = LiveSession.invited_points.through
    done = {
        "CourseCompletion": _delete_where(CourseCompletion, "village_id", villages),
        "QuizAttempt": _delete_where(QuizAttempt, "village_id", villages),
        "CheckIn": _delete_where(CheckIn, "session_id", sessions) + _delete_where(CheckIn, "village_id", villages),
        "PointPresence": _delete_where(PointPresence, "session_id", sessions)
        + _delete_where(PointPresence, "point_id", points),
        "invited points": _delete_where(through, "livesession_id", sessions)
        + _delete_where(through, "connectionpoint_id", points),
    }
    # The rest through the ORM: hundreds to thousands of rows, and the cascades reach the rollup tables.
    done["LiveSession"] = sessions.delete()[1].get(LiveSession._meta.label, 0)
    done["ConnectionPoint"] = points.delete()[1].get(ConnectionPoint._meta.label, 0)
    # The rollups' rows of these learners and villages first: their foreign keys have no ON DELETE.
    _delete_where(LearnerDay, "learner_id", Learner.objects.filter(village__in=villages))
    _delete_where(LearnerDay, "village_id", villages)
    _delete_where(VillageDay, "village_id", villages)
    done["Learner"] = _delete_where(Learner, "village_id", villages)
    done["Village"] = villages.delete()[1].get(Village._meta.label, 0)
    return done


# ─── Writing rows fast ──────────────────────────────────────────────────────────────────────────────────────


def _reserve_ids(model: type[Model], n: int) -> list[int]:
    """n primary keys for rows this run will insert with their ids given (to refer to them before they exist)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, n])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + n))


def _insert(model: type[Model], names: list[str], rows: Iterable[tuple]) -> int:
    """Insert rows (values in the order of `names`, field names or attnames): COPY on PostgreSQL."""
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY's text format takes JSON as its text; everything else psycopg writes as it is.
            dumps = [json.dumps if f.get_internal_type() == "JSONField" else None for f in fields]
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([d(v) if d else v for d, v in zip(dumps, row, strict=True)])
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        batch: list[list] = []
        for row in rows:
            batch.append([f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)])
            if len(batch) == 1000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


# ─── The world: communes, villages, points, learners ────────────────────────────────────────────────────────


def _spread(total: int, parts: int, rng: random.Random, *, minimum: int = 0) -> list[int]:
    """`total` split into `parts` uneven whole shares (each at least `minimum`), summing exactly to `total`."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    left = total - minimum * parts
    raw = [left * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    for i in sorted(range(parts), key=lambda i: raw[i] - shares[i], reverse=True)[: left - sum(shares)]:
        shares[i] += 1
    return [s + minimum for s in shares]


@dataclass
class _World:
    communes: list[Commune]
    village_ids: list[int] = field(default_factory=list)
    village_commune: dict[int, int] = field(default_factory=dict)
    active_villages_of: dict[int, list[int]] = field(default_factory=dict)  # commune → villages with people
    points_of: dict[int, list[tuple[int, int | None]]] = field(default_factory=dict)  # commune → (point, village)
    all_points: list[tuple[int, int, int | None]] = field(default_factory=list)  # (point, commune, village)
    learner_ids: list[int | None] = field(default_factory=list)  # None: deleted since
    learner_village: array = field(default_factory=lambda: array("q"))  # the village now
    moves: dict[int, tuple[int, date]] = field(default_factory=dict)  # learner index → (old village, moved on)
    learners_of: dict[int, list[int]] = field(default_factory=dict)  # commune → learner indexes

    def village_on(self, learner: int, day: date) -> int:
        move = self.moves.get(learner)
        if move is not None and day < move[1]:
            return move[0]
        return self.learner_village[learner]


def _villages_make(world: _World, size: Size, rng: random.Random, report: GenerationReport) -> None:
    communes = world.communes
    if size.villages < len(communes) + 1:
        raise GenerationError(
            _("At least %(villages)s villages are needed for %(communes)s communes.")
            % {"villages": len(communes) + 1, "communes": len(communes)}
        )
    taken = defaultdict(set)
    for commune_id, name in Village.objects.filter(commune__in=communes).values_list("commune_id", "name"):
        taken[commune_id].add(name)
    counts = _spread(size.villages, len(communes), rng, minimum=1)
    ids = _reserve_ids(Village, size.villages)
    rows = []
    silent_left = max(1, round(size.villages * SILENT_VILLAGE_SHARE))
    for commune, count in zip(communes, counts, strict=True):
        number = 0
        active = []
        for _number in range(count):
            number += 1
            while f"Thôn {number}" in taken[commune.pk]:
                number += 1
            name = f"Thôn {number}"
            village_id = ids[len(rows)]
            households = rng.randint(80, 450)
            rows.append((village_id, commune.pk, name, VillageKind.THON, households, round(households * 3.6), True))
            world.village_ids.append(village_id)
            world.village_commune[village_id] = commune.pk
            # The last village of a commune with several stays silent, until enough are.
            if silent_left and count > 1 and len(active) == count - 1:
                silent_left -= 1
            else:
                active.append(village_id)
        world.active_villages_of[commune.pk] = active
    names = ["id", "commune_id", "name", "kind", "households", "population", "is_demo", "search_name"]
    report.rows["Village"] = _insert(Village, names, ((*r, fold_diacritics(r[2])) for r in rows))


def _points_make(world: _World, size: Size, rng: random.Random, report: GenerationReport, province: Province) -> None:
    in_villages = min(round(size.points * VILLAGE_POINT_SHARE), size.points - 1) if size.points > 1 else size.points
    active = [v for c in world.communes for v in world.active_villages_of[c.pk]]
    # One point in as many villages as there are points for, then a second hall here and there.
    hosts = rng.sample(active, min(in_villages, len(active)))
    hosts += rng.choices(active, k=in_villages - len(hosts))
    ids = _reserve_ids(ConnectionPoint, size.points)
    created = datetime(size.year - 1, 12, 1, 9, tzinfo=VN)
    rows = []
    for i, point_id in enumerate(ids):
        if i < in_villages:
            village = hosts[i]
            commune = world.village_commune[village]
            name = f"Nhà văn hoá thôn (điểm {i + 1})"
        else:
            village = None
            commune = world.communes[i % len(world.communes)].pk
            name = f"Hội trường UBND xã (điểm {i + 1})"
        token_hash = f"{rng.getrandbits(256):064x}"
        code = f"G{province.code}-{i + 1:05d}"
        rows.append((point_id, code, name, commune, village, "", "", token_hash, created, True, created))
        world.points_of.setdefault(commune, []).append((point_id, village))
        world.all_points.append((point_id, commune, village))
    names = ["id", "code", "name", "commune_id", "village_id", "operator_name", "operator_phone", "token_hash"]
    names += ["token_rotated_at", "is_active", "created_at"]
    report.rows["ConnectionPoint"] = _insert(ConnectionPoint, names, rows)


def _learners_make(world: _World, size: Size, rng: random.Random, report: GenerationReport) -> None:
    deleted = max(1, round(size.learners * DELETED_SHARE))
    total = size.learners + deleted
    communes = [c.pk for c in world.communes]
    active = [v for c in communes for v in world.active_villages_of[c]]
    weights = [rng.uniform(0.3, 1.7) for _ in active]
    villages = rng.choices(active, weights=weights, k=total)
    ids = _reserve_ids(Learner, size.learners)
    # The deleted ones are spread through the list: their facts are anywhere in the year and the province.
    deleted_at = set(rng.sample(range(total), deleted))
    learner_ids: list[int | None] = []
    next_id = iter(ids)
    for i in range(total):
        learner_ids.append(None if i in deleted_at else next(next_id))
    world.learner_ids = learner_ids
    world.learner_village = array("q", villages)
    moved = max(1, round(total * MOVED_SHARE))
    year_start = date(size.year, 1, 1)
    for i in rng.sample([i for i in range(total) if learner_ids[i] is not None], min(moved, size.learners)):
        old = world.learner_village[i]
        commune = world.village_commune[old]
        nearby = [v for v in world.active_villages_of[commune] if v != old]
        if not nearby or rng.random() < 0.3:
            nearby = [v for v in active if v != old]
        if not nearby:
            continue
        world.moves[i] = (old, year_start + timedelta(days=rng.randint(90, 270)))
        world.learner_village[i] = rng.choice(nearby)
    for i in range(total):
        world.learners_of.setdefault(world.village_commune[world.learner_village[i]], []).append(i)

    def rows():
        for i, learner_id in enumerate(learner_ids):
            if learner_id is None:
                continue
            joined = datetime(size.year, 1, 1, 8, tzinfo=VN) - timedelta(minutes=rng.randint(0, 60 * 24 * 60))
            public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            yield (learner_id, public_id, world.learner_village[i], "", None, joined, PRIVACY_NOTICE_VERSION, joined)

    names = ["id", "public_id", "village_id", "display_name", "birth_year", "consent_at", "consent_version"]
    report.rows["Learner"] = _insert(Learner, [*names, "created_at"], rows())
    report.deleted_learners, report.moved_learners = deleted, len(world.moves)


# ─── Classes, points connecting, check-ins ──────────────────────────────────────────────────────────────────


@dataclass
class _Class:
    id: int
    commune: int | None
    start: datetime
    end: datetime
    day: date
    theme: str
    connected_in: dict[int, list[int]] = field(default_factory=dict)  # commune → points that connected
    connected_at_village: dict[int, int] = field(default_factory=dict)  # village → a point there that connected


@dataclass
class _Catalogue:
    lessons_by_theme: dict[str, list[tuple[int, str]]]  # theme → (page id, title): lessons, else courses
    quizzes: list[tuple[int, str, int | None, list[str], int]]  # (id, theme, course id, question ids, pass %)
    quizzes_by_theme: dict[str, list[int]]  # theme → indexes into quizzes


def _days_of(year: int) -> int:
    """How many days of the year can have facts: all of them, but none after yesterday in the current year."""
    last = date(year, 12, 31)
    yesterday = timezone.localdate() - timedelta(days=1)
    if yesterday.year == year:
        last = yesterday
    return max(1, (last - date(year, 1, 1)).days + 1)


def _catalogue() -> _Catalogue:
    lessons: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for course in CoursePage.objects.live().order_by("path"):
        children = list(LessonPage.objects.child_of(course).live().order_by("path").values_list("pk", "title"))
        lessons[course.theme].extend(children or [(course.pk, course.title)])
    quizzes = []
    by_theme: dict[str, list[int]] = defaultdict(list)
    for quiz in QuizPage.objects.live().order_by("path"):
        course = quiz.course
        ids = [q.id for q in quiz.question_list][:10] or [f"q{n}" for n in range(5)]
        theme = course.theme if course else ""
        by_theme[theme].append(len(quizzes))
        quizzes.append((quiz.pk, theme, course.pk if course else None, ids, quiz.pass_percent))
    if not quizzes:
        raise GenerationError(_("No quiz yet: run `manage.py demo_lessons`, then `manage.py demo_quizzes`."))
    return _Catalogue(dict(lessons), quizzes, dict(by_theme))


def _classes_make(
    world: _World, size: Size, rng: random.Random, report: GenerationReport, province: Province, cat: _Catalogue
) -> list[_Class]:
    ids = _reserve_ids(LiveSession, size.classes)
    wide = max(1, round(size.classes * PROVINCE_WIDE_SHARE))
    late = set(rng.sample(range(size.classes), max(1, round(size.classes * MIDNIGHT_SHARE))))
    themes = sorted(cat.lessons_by_theme)
    year_days = _days_of(size.year)
    classes, rows, invites = [], [], []
    for n, class_id in enumerate(ids):
        commune = None if n < wide else world.communes[(n - wide) % len(world.communes)].pk
        day = date(size.year, 1, 1) + timedelta(days=rng.randrange(year_days))
        if n in late:
            start = datetime(day.year, day.month, day.day, 22, rng.choice((30, 45)), tzinfo=VN)
            end = start + timedelta(minutes=rng.randint(90, 120))  # past midnight: counts on the start's day
        else:
            start = datetime(day.year, day.month, day.day, rng.choice((19, 19, 20)), rng.choice((0, 30)), tzinfo=VN)
            end = start + timedelta(minutes=rng.choice((90, 120, 150)))
        theme, lesson, title = "", None, f"Lớp học trực tuyến số {n + 1}"
        if themes:
            theme = themes[n % len(themes)]
            lesson, title = rng.choice(cat.lessons_by_theme[theme])
        classes.append(_Class(class_id, commune, start, end, day, theme))
        created = start - timedelta(days=7)
        opened, closed = start - timedelta(minutes=10), end + timedelta(minutes=5)
        stream = f"{GENERATED_STREAM_URL}{class_id}"
        status = SessionStatus.CLOSED
        row = (class_id, title, lesson, province.pk, commune, start, end, stream, status, opened, closed, 20)
        rows.append((*row, None, created))
    names = ["id", "title", "lesson_id", "province_id", "commune_id", "scheduled_start", "scheduled_end"]
    names += ["stream_url", "status", "opened_at", "closed_at", "heartbeat_interval", "created_by_id", "created_at"]
    report.rows["LiveSession"] = _insert(LiveSession, names, rows)

    presences = []
    for cls in classes:
        if cls.commune is None:
            invited = world.all_points
        else:
            invited = [(p, cls.commune, v) for p, v in world.points_of.get(cls.commune, [])]
        for point, commune, village in invited:
            invites.append((cls.id, point))
            if rng.random() >= CONNECTED_SHARE:
                continue
            cls.connected_in.setdefault(commune, []).append(point)
            if village is not None:
                cls.connected_at_village.setdefault(village, point)
            first = cls.start + timedelta(minutes=rng.randint(-10, 15))
            last = cls.end - timedelta(minutes=rng.randint(0, 20))
            seconds = max(60, int((last - first).total_seconds()) - rng.randint(0, 300))
            reconnects = rng.randint(1, 3) if rng.random() < 0.1 else 0
            peak = rng.randint(10, 300)
            late_count = peak + rng.randint(5, 60) if rng.random() < LATE_HEADCOUNT_SHARE else None
            last_count = rng.randint(peak // 2, peak)
            reported = cls.end + timedelta(days=1) if late_count else None
            row = (cls.id, point, first, last, seconds, 1 + reconnects, seconds // 20, last_count, peak, late_count)
            presences.append((*row, None, reported))
    through = LiveSession.invited_points.through
    report.rows["LiveSession.invited_points"] = _insert(through, ["livesession_id", "connectionpoint_id"], invites)
    names = ["session_id", "point_id", "first_seen_at", "last_seen_at", "connected_seconds", "connections"]
    names += ["high_seq", "last_headcount", "peak_headcount", "late_headcount", "late_reported_by_id"]
    report.rows["PointPresence"] = _insert(PointPresence, [*names, "late_reported_at"], presences)
    return classes


def _checkin_quota(world: _World, size: Size, classes: list[_Class], rng: random.Random) -> list[int]:
    """How many check-ins each class gets: province-wide classes draw five times more, none over its pool."""
    everyone = len(world.learner_ids)
    caps = [
        everyone if c.commune is None else min(everyone, len(world.learners_of.get(c.commune, [])) * 2) for c in classes
    ]
    weights = [5.0 if c.commune is None else 1.0 for c in classes]
    weights = [w * rng.uniform(0.6, 1.4) for w in weights]
    quota = [0] * len(classes)
    left = size.checkins
    while left > 0:
        open_ = [i for i in range(len(classes)) if quota[i] < caps[i]]
        if not open_:
            raise GenerationError(
                _("Too few learners for %(checkins)s check-ins: add learners or classes.") % {"checkins": size.checkins}
            )
        total_weight = sum(weights[i] for i in open_)
        given = 0
        for i in open_:
            share = min(caps[i] - quota[i], max(1, int(left * weights[i] / total_weight)), left - given)
            quota[i] += share
            given += share
            if given == left:
                break
        left -= given
    return quota


def _checkins_make(
    world: _World, size: Size, rng: random.Random, report: GenerationReport, classes: list[_Class]
) -> tuple[array, array]:
    """Check-ins, at most one per learner and class; returns them as (class index, learner index) arrays."""
    quota = _checkin_quota(world, size, classes, rng)
    everyone = len(world.learner_ids)
    by_class, by_learner = array("i"), array("i")
    for index, (cls, k) in enumerate(zip(classes, quota, strict=True)):
        if cls.commune is None:
            chosen = rng.sample(range(everyone), k)
        else:
            local = world.learners_of.get(cls.commune, [])
            wanted = k - min(k, len(local)) + max(1 if k > 1 else 0, round(k * OUTSIDER_SHARE))
            outsiders = min(wanted, everyone - len(local))
            chosen = rng.sample(local, k - outsiders)
            picked = set(chosen)
            while outsiders:
                i = rng.randrange(everyone)
                if i not in picked and world.village_commune[world.learner_village[i]] != cls.commune:
                    picked.add(i)
                    chosen.append(i)
                    outsiders -= 1
        by_class.extend([index] * len(chosen))
        by_learner.extend(chosen)

    def rows():
        span_cache: dict[int, int] = {}
        for index, learner in zip(by_class, by_learner, strict=True):
            cls = classes[index]
            village = world.village_on(learner, cls.day)
            commune = world.village_commune[village]
            point = None
            if cls.commune is not None and commune != cls.commune:
                # A villager of another commune came to the organising commune's hall.
                there = cls.connected_in.get(cls.commune)
                point = rng.choice(there) if there else None
            elif rng.random() >= PHONE_SHARE:
                if cls.commune is None and rng.random() < AWAY_POINT_SHARE and cls.connected_in:
                    point = rng.choice(cls.connected_in[rng.choice(list(cls.connected_in))])
                else:
                    point = cls.connected_at_village.get(village)
                    if point is None and cls.connected_in.get(commune):
                        point = rng.choice(cls.connected_in[commune])
            span = span_cache.get(index)
            if span is None:
                span = span_cache[index] = max(60, int((cls.end - cls.start).total_seconds()) - 600)
            at = cls.start + timedelta(seconds=rng.randrange(span))
            yield (cls.id, world.learner_ids[learner], village, point, at)

    names = ["session_id", "learner_id", "village_id", "point_id", "created_at"]
    report.rows["CheckIn"] = _insert(CheckIn, names, rows())
    return by_class, by_learner


# ─── Quiz attempts and course completions ───────────────────────────────────────────────────────────────────


def _attempts_make(
    world: _World,
    size: Size,
    rng: random.Random,
    report: GenerationReport,
    classes: list[_Class],
    checkins: tuple[array, array],
    cat: _Catalogue,
) -> dict[tuple[int, int], dict[int, datetime]]:
    """Attempts, mostly on the evening of a class the learner attended; returns each learner's first pass of
    each quiz by course: {(learner index, course id): {quiz id: when}}."""
    by_class, by_learner = checkins
    everyone = len(world.learner_ids)
    year_days = _days_of(size.year)
    passes: dict[tuple[int, int], dict[int, datetime]] = {}

    def rows():
        for _attempt in range(size.attempts):
            if by_class and rng.random() < ATTEMPT_IN_CLASS_SHARE:
                pick = rng.randrange(len(by_class))
                cls, learner = classes[by_class[pick]], by_learner[pick]
                finished = cls.start + timedelta(
                    seconds=rng.randrange(1800, int((cls.end - cls.start).total_seconds()) + 1800)
                )
                pool = cat.quizzes_by_theme.get(cls.theme) or range(len(cat.quizzes))
            else:
                learner = rng.randrange(everyone)
                day = date(size.year, 1, 1) + timedelta(days=rng.randrange(year_days))
                finished = datetime(day.year, day.month, day.day, rng.randint(7, 21), rng.randint(0, 59), tzinfo=VN)
                pool = range(len(cat.quizzes))
            quiz_id, _theme, course_id, question_ids, pass_percent = cat.quizzes[rng.choice(pool)]
            count = len(question_ids)
            need = -(-pass_percent * count // 100)  # the fewest right answers that pass
            passed = rng.random() < PASS_SHARE
            correct = rng.randint(need, count) if passed else rng.randint(0, max(0, need - 1))
            passed = correct >= need
            if passed and course_id is not None:
                firsts = passes.setdefault((learner, course_id), {})
                if quiz_id not in firsts or finished < firsts[quiz_id]:
                    firsts[quiz_id] = finished
            village = world.village_on(learner, finished.date())
            started = finished - timedelta(seconds=rng.randint(120, 900))
            public_id = uuid.UUID(int=rng.getrandbits(128), version=4)
            learner_id = world.learner_ids[learner]
            yield (public_id, quiz_id, learner_id, village, question_ids, started, finished, correct, count, passed)

    names = ["public_id", "quiz_id", "learner_id", "village_id", "question_ids", "started_at", "finished_at"]
    report.rows["QuizAttempt"] = _insert(QuizAttempt, [*names, "correct_count", "question_count", "passed"], rows())
    return passes


def _completions_make(
    world: _World,
    rng: random.Random,
    report: GenerationReport,
    passes: dict[tuple[int, int], dict[int, datetime]],
    cat: _Catalogue,
) -> None:
    """A course is completed when every one of its quizzes is passed, at the last of those first passes."""
    quizzes_of: dict[int, set[int]] = defaultdict(set)
    for quiz_id, _theme, course_id, _ids, _pass in cat.quizzes:
        if course_id is not None:
            quizzes_of[course_id].add(quiz_id)
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    codes: set[str] = set(CourseCompletion.objects.values_list("certificate_code", flat=True))

    def code() -> str:
        while True:
            made = "".join(rng.choice(alphabet) for _ in range(10))
            if made not in codes:
                codes.add(made)
                return made

    def rows():
        for (learner, course_id), firsts in passes.items():
            if set(firsts) >= quizzes_of[course_id]:
                at = max(firsts.values()) + timedelta(seconds=5)
                village = world.village_on(learner, at.date())
                yield (course_id, world.learner_ids[learner], village, at, code())

    names = ["course_id", "learner_id", "village_id", "completed_at", "certificate_code"]
    report.rows["CourseCompletion"] = _insert(CourseCompletion, names, rows())


# ─── The whole ──────────────────────────────────────────────────────────────────────────────────────────────


def _skip_foreign_key_checks() -> bool:
    """On PostgreSQL as a superuser, leave the foreign keys unchecked until the transaction ends.

    Django's foreign keys are checked at COMMIT, one lookup per row and key: for two million facts that
    is most of the run. The generator makes every reference itself, so the checks cannot fail; a role that
    may not switch them off (not a superuser) keeps them and waits longer.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
        if not (row and row[0]):
            return False
        cursor.execute("SET LOCAL session_replication_role = replica")
    return True


def _timed(report: GenerationReport, phase: str, work: Callable[[], Any]) -> Any:
    t = time.monotonic()
    result = work()
    report.seconds[phase] = time.monotonic() - t
    return result


def generate(*, province: Province, size: Size, replace: bool = False) -> GenerationReport:
    """Make a province-year of facts (see the module). Refuses if the province has generated rows already,
    unless `replace`, which first deletes them. The rollups are not rebuilt here: the caller does it."""
    report = GenerationReport()
    rng = random.Random(size.seed)  # noqa: S311 - made-up data, reproducible from the seed
    communes = list(Commune.objects.filter(province=province).order_by("code")[: size.communes])
    if not communes:
        raise GenerationError(
            _("%(province)s has no commune: run `manage.py import_geography`.") % {"province": province.name}
        )
    report.communes_used = len(communes)
    cat = _catalogue()
    outermost = not connection.in_atomic_block  # SET LOCAL would outlive us in a caller's transaction
    with transaction.atomic():
        report.foreign_keys_checked = not (outermost and _skip_foreign_key_checks())
        if generated_exists(province):
            if not replace:
                raise GenerationError(
                    _("%(province)s already has generated data: add --replace to delete it and generate again.")
                    % {"province": province.name}
                )
            deleted = _timed(report, "delete", lambda: generated_delete(province))
            report.rows.update({f"deleted {name}": n for name, n in deleted.items()})
        world = _World(communes)
        _timed(report, "villages", lambda: _villages_make(world, size, rng, report))
        _timed(report, "points", lambda: _points_make(world, size, rng, report, province))
        _timed(report, "learners", lambda: _learners_make(world, size, rng, report))
        classes = _timed(report, "classes", lambda: _classes_make(world, size, rng, report, province, cat))
        checkins = _timed(report, "check-ins", lambda: _checkins_make(world, size, rng, report, classes))
        passes = _timed(report, "attempts", lambda: _attempts_make(world, size, rng, report, classes, checkins, cat))
        _timed(report, "completions", lambda: _completions_make(world, rng, report, passes, cat))
    tables_settle(
        [Village, ConnectionPoint, Learner, LiveSession, PointPresence, CheckIn, QuizAttempt, CourseCompletion]
    )
    return report


def tables_settle(models: Iterable[type[Model]]) -> None:
    """VACUUM ANALYZE tables just filled (PostgreSQL): the planner's statistics, and the visibility map
    that lets an index answer alone. Without them a query over a million new rows is planned for a few
    dozen (a sort on disk instead of a hash: ten times slower) until autovacuum comes by. Inside a
    transaction (a test), VACUUM is not allowed: ANALYZE only."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {model._meta.db_table}")
