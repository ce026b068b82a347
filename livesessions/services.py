"""Attendance writes: point connections, heartbeats (in batches) and check-ins.

These are the durable facts of a live class. A heartbeat is acknowledged only after its effect is committed
here, so the end-of-class report stays right when Redis restarts or a Daphne process is killed. Heartbeats
arrive by the hundred per second: `heartbeats_apply` takes a whole batch in one transaction (see
livesessions/writer.py for the group commit that feeds it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from livesessions import broadcast, signals
from livesessions.models import AttendanceSnapshot, CheckIn, LiveSession, PointPresence, SessionStatus

APPLIED = "applied"
DUPLICATE = "duplicate"
CLOSED = "closed"


@dataclass(frozen=True)
class Connect:
    session_id: int
    point_id: int


@dataclass(frozen=True)
class Heartbeat:
    """One heartbeat from a point socket; `seconds` is the connected time it adds (already capped)."""

    session_id: int
    presence_id: int
    seq: int
    headcount: int
    seconds: int
    at: datetime


@dataclass(frozen=True)
class PresenceRef:
    presence_id: int
    high_seq: int
    headcount: int


def _open_sessions(session_ids) -> set[int]:
    return set(
        LiveSession.objects.filter(pk__in=list(session_ids), status=SessionStatus.OPEN).values_list("pk", flat=True)
    )


def presences_connect(*, connects: list[Connect], at: datetime) -> dict[Connect, PresenceRef | None]:
    """Record that these points (re)connected: one more connection each, first/last seen.

    Returns each point's presence row, or None when its session is not open (the socket closes with 4409).
    One statement for the whole batch, which also checks that the session is open (INSERT … SELECT … ON
    CONFLICT DO UPDATE, on PostgreSQL and SQLite alike).
    """
    counts: dict[Connect, int] = {}
    for c in connects:
        counts[c] = counts.get(c, 0) + 1
    result: dict[Connect, PresenceRef | None] = dict.fromkeys(connects)
    if not counts:
        return result
    table = PointPresence._meta.db_table
    session_table = LiveSession._meta.db_table
    when = connection.ops.adapt_datetimefield_value(at)
    row = "(%s::bigint, %s::bigint, %s::integer)" if connection.vendor == "postgresql" else "(%s, %s, %s)"
    at_sql = "%s::timestamptz" if connection.vendor == "postgresql" else "%s"
    params: list = []
    for c, n in counts.items():
        params += [c.session_id, c.point_id, n]
    params += [when, when, SessionStatus.OPEN]
    sql = (
        f"WITH v(session_id, point_id, n) AS (VALUES {', '.join([row] * len(counts))})"  # noqa: S608
        f" INSERT INTO {table} (session_id, point_id, first_seen_at, last_seen_at, connected_seconds, connections,"
        " high_seq, last_headcount, peak_headcount)"
        f" SELECT v.session_id, v.point_id, {at_sql}, {at_sql}, 0, v.n, -1, 0, 0"
        f" FROM v JOIN {session_table} s ON s.id = v.session_id WHERE s.status = %s"
        f" ON CONFLICT (session_id, point_id) DO UPDATE SET connections = {table}.connections + excluded.connections,"
        " last_seen_at = excluded.last_seen_at,"
        f" first_seen_at = COALESCE({table}.first_seen_at, excluded.first_seen_at)"
        " RETURNING id, session_id, point_id, high_seq, last_headcount"
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        signals.points_connected.send(
            sender=PointPresence, pairs=[(session_id, point_id) for _id, session_id, point_id, *_rest in rows]
        )
    for presence_id, session_id, point_id, high_seq, headcount in rows:
        result[Connect(session_id, point_id)] = PresenceRef(presence_id, high_seq, headcount)
    for session_id in {session_id for _id, session_id, *_rest in rows}:
        broadcast.session_changed_on_commit(session_id)
    return result


def heartbeats_apply(*, beats: list[Heartbeat]) -> list[str]:
    """Apply a batch of heartbeats; returns APPLIED, DUPLICATE or CLOSED for each, in order.

    A heartbeat with a seq at or below the presence's `high_seq` was already counted (a replay after a
    reconnect, or a duplicate): it changes nothing. Otherwise it sets the last head count, raises the peak,
    adds its connected seconds and moves `high_seq`. Rows are locked (FOR UPDATE) so two Daphne processes
    writing the same point never lose an update. Heartbeats of a session that is not open are CLOSED.
    """
    if not beats:
        return []
    if connection.vendor == "postgresql":
        return _heartbeats_apply_one_statement(beats)
    return _heartbeats_apply_locked(beats)


def _heartbeats_apply_one_statement(beats: list[Heartbeat]) -> list[str]:
    """PostgreSQL: the whole batch in ONE statement (one round trip, autocommit).

    The CTE locks the batch's rows of open sessions and reads their current `high_seq` (FOR UPDATE waits
    for, and then sees, a concurrent writer's commit); only heartbeats above it are aggregated and applied.
    """
    results = [CLOSED] * len(beats)
    first: dict[tuple[int, int], int] = {}
    copies: dict[int, int] = {}
    for i, beat in enumerate(beats):
        key = (beat.presence_id, beat.seq)
        if key in first:
            copies[i] = first[key]  # the same heartbeat twice in one batch: counted once
        else:
            first[key] = i
    unique = list(first.values())
    presence_table = PointPresence._meta.db_table
    session_table = LiveSession._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    values = ", ".join(["(%s::bigint, %s::bigint, %s::integer, %s::integer, %s::timestamptz)"] * len(unique))
    params: list = []
    for i in unique:
        beat = beats[i]
        params += [beat.presence_id, beat.seq, beat.headcount, beat.seconds, adapt(beat.at)]
    params.append(SessionStatus.OPEN)
    sql = (
        f"WITH v(id, seq, hc, secs, at) AS (VALUES {values}),"  # noqa: S608
        f" locked AS (SELECT p.id, p.high_seq FROM {presence_table} p JOIN {session_table} s ON s.id = p.session_id"
        "   WHERE p.id IN (SELECT id FROM v) AND s.status = %s ORDER BY p.id FOR UPDATE OF p),"
        " fresh AS (SELECT v.* FROM v JOIN locked l ON l.id = v.id WHERE v.seq > l.high_seq),"
        " agg AS (SELECT id, max(seq) AS seq, max(hc) AS peak, sum(secs) AS secs, max(at) AS at,"
        "   (array_agg(hc ORDER BY seq DESC))[1] AS last FROM fresh GROUP BY id),"
        f" upd AS (UPDATE {presence_table} p SET high_seq = agg.seq, last_headcount = agg.last,"
        "   peak_headcount = GREATEST(p.peak_headcount, agg.peak), connected_seconds = p.connected_seconds + agg.secs,"
        "   last_seen_at = agg.at, first_seen_at = COALESCE(p.first_seen_at, agg.at) FROM agg WHERE p.id = agg.id"
        "   RETURNING p.id)"
        " SELECT id, high_seq FROM locked"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        high_seq_before = dict(cursor.fetchall())
    changed_sessions = set()
    for i in unique:
        beat = beats[i]
        before = high_seq_before.get(beat.presence_id)
        if before is not None:
            results[i] = APPLIED if beat.seq > before else DUPLICATE
            if results[i] == APPLIED:
                changed_sessions.add(beat.session_id)
    for i, original in copies.items():
        results[i] = CLOSED if results[original] == CLOSED else DUPLICATE
    for session_id in changed_sessions:
        broadcast.session_changed_on_commit(session_id)
    return results


@transaction.atomic
def _heartbeats_apply_locked(beats: list[Heartbeat]) -> list[str]:
    """Three statements in a transaction: which sessions are open, lock the rows, update them."""
    results = [CLOSED] * len(beats)
    if not beats:
        return results
    open_ids = _open_sessions({b.session_id for b in beats})
    live = [i for i, b in enumerate(beats) if b.session_id in open_ids]
    if not live:
        return results
    presence_ids = {beats[i].presence_id for i in live}
    state = {
        pk: [high_seq, last, peak, 0, None]
        for pk, high_seq, last, peak in PointPresence.objects.select_for_update()
        .filter(pk__in=presence_ids)
        .order_by("pk")
        .values_list("pk", "high_seq", "last_headcount", "peak_headcount")
    }
    for i in sorted(live, key=lambda i: (beats[i].presence_id, beats[i].seq)):
        beat = beats[i]
        row = state.get(beat.presence_id)
        if row is None:
            continue  # the session was deleted under us: CLOSED
        if beat.seq <= row[0]:
            results[i] = DUPLICATE
            continue
        row[0], row[1], row[2] = beat.seq, beat.headcount, max(row[2], beat.headcount)
        row[3] += beat.seconds
        row[4] = beat.at if row[4] is None or beat.at > row[4] else row[4]
        results[i] = APPLIED
    changed = {pk: row for pk, row in state.items() if row[4] is not None}
    if changed:
        _presences_update(changed)
        for session_id in {beats[i].session_id for i in live if results[i] == APPLIED}:
            broadcast.session_changed_on_commit(session_id)
    return results


def _presences_update(changed: dict[int, list]) -> None:
    table = PointPresence._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One UPDATE … FROM (VALUES …) for the whole batch.
            values = ", ".join(
                ["(%s::bigint, %s::bigint, %s::integer, %s::integer, %s::integer, %s::timestamptz)"] * len(changed)
            )
            params = []
            for pk, (high_seq, last, peak, seconds, at) in changed.items():
                params += [pk, high_seq, last, peak, seconds, adapt(at)]
            cursor.execute(
                f"UPDATE {table} AS p SET high_seq = v.high_seq, last_headcount = v.last, peak_headcount = v.peak,"  # noqa: S608
                " connected_seconds = p.connected_seconds + v.seconds, last_seen_at = v.at,"
                " first_seen_at = COALESCE(p.first_seen_at, v.at)"
                f" FROM (VALUES {values}) AS v(id, high_seq, last, peak, seconds, at) WHERE p.id = v.id",
                params,
            )
        else:
            # SQLite is the one-process demo: one statement per point is fast enough there.
            cursor.executemany(
                f"UPDATE {table} SET high_seq = %s, last_headcount = %s, peak_headcount = %s,"  # noqa: S608
                " connected_seconds = connected_seconds + %s, last_seen_at = %s,"
                " first_seen_at = COALESCE(first_seen_at, %s) WHERE id = %s",
                [
                    (high_seq, last, peak, seconds, adapt(at), adapt(at), pk)
                    for pk, (high_seq, last, peak, seconds, at) in changed.items()
                ],
            )


# --- Check-ins -------------------------------------------------------------------------------------------


def checkin_record(*, session_id: int, learner, point_id: int | None = None) -> tuple[datetime, bool]:
    """Count `learner` as attending: at most once per session, however often they press the button.

    Returns when the learner's check-in was recorded and whether it is new. The caller checks that the
    session is open. One INSERT … ON CONFLICT DO NOTHING on the unique (session, learner) settles races
    between two requests of the same learner; a repeat costs one more SELECT. Raw SQL because this is the
    hot path of a class start (hundreds per second), on PostgreSQL and SQLite alike.
    """
    table = CheckIn._meta.db_table
    at = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (session_id, learner_id, village_id, point_id, created_at)"  # noqa: S608
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (session_id, learner_id) DO NOTHING RETURNING id",
            [session_id, learner.pk, learner.village_id, point_id, connection.ops.adapt_datetimefield_value(at)],
        )
        if cursor.fetchone() is not None:
            signals.checkin_recorded.send(
                sender=CheckIn, session_id=session_id, learner_id=learner.pk, village_id=learner.village_id
            )
            broadcast.session_changed_on_commit(session_id)
            return at, True
    earlier = CheckIn.objects.filter(session_id=session_id, learner=learner).values_list("created_at", flat=True)
    return earlier[0], False


# --- Per-minute snapshots ----------------------------------------------------------------------------------


def snapshot_record(*, session_id: int, at: datetime, points_online: int, headcount: int, checkins: int) -> None:
    """Keep the current minute's totals (idempotent: the minute's row is overwritten with the latest)."""
    # One upsert: several Daphne processes may write the same minute at once.
    AttendanceSnapshot.objects.bulk_create(
        [
            AttendanceSnapshot(
                session_id=session_id,
                minute=at.replace(second=0, microsecond=0),
                points_online=points_online,
                headcount=headcount,
                checkins=checkins,
            )
        ],
        update_conflicts=True,
        unique_fields=["session", "minute"],
        update_fields=["points_online", "headcount", "checkins"],
    )


def now() -> datetime:
    return timezone.now()
