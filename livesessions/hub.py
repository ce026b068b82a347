"""The per-process engine behind the live sockets: group commit, cached rosters, dashboard ticks.

One `LiveHub` per event loop (Daphne runs one). It keeps the consumers thin and the database calm:

- Group commit: point connects and heartbeats are queued in memory; a flusher hands each batch to one
  dedicated writer thread, which applies it in one transaction (`services.heartbeats_apply`), then resolves
  every heartbeat's future so its consumer sends the `ack`. Hundreds of heartbeats a second cost a few
  statements a second, and an `ack` still means "in the database".
- Rosters: a session's status, interval and invited points (with token hashes) are loaded in one go and
  kept for two seconds, so a `hello` or a check-in costs no query; a closed session stops accepting within
  that time, and its point sockets are closed with 4409 by the watcher.
- Totals: computed once per session per second per process, whatever the number of dashboards, from the
  presence store (Redis or memory; the database when that is away), and pushed to this process's
  dashboards only when something changed.

Nothing here imports Channels: consumers register themselves as objects with `send_json` and `close`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import close_old_connections, connections

from livesessions import presence, selectors, services
from livesessions.presence import Beat

log = logging.getLogger(__name__)

ROSTER_TTL_SECONDS = 2.0
FLUSH_DELAY_SECONDS = 0.005  # gather what arrives meanwhile; the writer's own round trip batches the rest
MAX_BATCH = 500
DASHBOARD_PERIOD_SECONDS = 1.0
WATCH_PERIOD_SECONDS = 1.0
SNAPSHOT_PERIOD_SECONDS = 20.0
SCOPE_CHECK_TTL_SECONDS = 10.0
SNAPSHOT_WRITE_SECONDS = 10.0  # unchanged figures rewrite the minute's row only this often


# --- Rosters: shared by the sockets (async) and the check-in view (sync), per process ------------------

_rosters: dict[int, tuple[float, selectors.Roster | None]] = {}
_rosters_lock = threading.Lock()


def roster_cached(session_id: int) -> selectors.Roster | None:
    """The session's roster, at most two seconds old (sync: for views and worker threads)."""
    now = time.monotonic()
    hit = _rosters.get(session_id)
    if hit is not None and now - hit[0] < ROSTER_TTL_SECONDS:
        return hit[1]
    roster = selectors.session_roster(session_id)
    with _rosters_lock:
        _rosters[session_id] = (now, roster)
    return roster


def roster_forget(session_id: int | None = None) -> None:
    """Drop cached rosters (tests, and anyone who just changed a session in this process)."""
    with _rosters_lock:
        if session_id is None:
            _rosters.clear()
        else:
            _rosters.pop(session_id, None)


def _in_thread(fn: Callable, *args, **kwargs):
    """Run a database function in one of our worker threads, keeping its connection between calls.

    Django's usual hygiene (close_old_connections before and after) would add a health-check query to every
    batch; here the connection is only looked at again after an error, and replaced if it is broken.
    """
    try:
        return fn(*args, **kwargs)
    except Exception:
        close_old_connections()
        raise


class _Batcher:
    """Queue items, apply them in batches on the writer thread, resolve each item's future."""

    def __init__(self, hub: LiveHub, apply: Callable[[list], list]):
        self.hub = hub
        self.apply = apply
        self.items: list[tuple[Any, asyncio.Future]] = []
        self.wake = asyncio.Event()
        self.task = hub.loop.create_task(self._run())

    async def submit(self, item) -> Any:
        future = self.hub.loop.create_future()
        self.items.append((item, future))
        self.wake.set()
        return await future

    async def _run(self) -> None:
        while True:
            await self.wake.wait()
            if len(self.items) < MAX_BATCH:
                await asyncio.sleep(FLUSH_DELAY_SECONDS)
            batch, self.items = self.items[:MAX_BATCH], self.items[MAX_BATCH:]
            if not self.items:
                self.wake.clear()
            if not batch:
                continue
            try:
                results = await self.hub.loop.run_in_executor(
                    self.hub.writer, _in_thread, self.apply, [item for item, _ in batch]
                )
            except Exception as error:
                log.exception("live writer: a batch of %s could not be written", len(batch))
                for _item, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_item, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


class _SessionWatch:
    """One session's dashboards in this process: a loop that recomputes totals at most once a second."""

    def __init__(self, hub: LiveHub, session_id: int):
        self.hub = hub
        self.session_id = session_id
        self.dashboards: set = set()
        self.last: dict[Any, tuple[str, str]] = {}  # dashboard → (totals, points) it last received
        self.poked = asyncio.Event()
        self.task: asyncio.Task | None = None

    def start(self) -> None:
        if self.task is None or self.task.done():
            self.task = self.hub.loop.create_task(self._run())

    async def _run(self) -> None:
        while self.dashboards:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.poked.wait(), DASHBOARD_PERIOD_SECONDS)
            self.poked.clear()
            started = time.monotonic()
            try:
                await self.push()
            except Exception:
                log.exception("live dashboard: totals of session %s failed", self.session_id)
            # At most one push a second, however many "changed" notices arrive.
            await asyncio.sleep(max(0.0, DASHBOARD_PERIOD_SECONDS - (time.monotonic() - started)))

    async def push(self, only=None) -> None:
        state = await self.hub.totals(self.session_id)
        if state is None:
            return
        # Serialised once per push, whatever the number of dashboards.
        totals_key = _fingerprint(state["totals"])
        points_key = _fingerprint(state["points"])
        totals_text = points_text = None
        for dashboard in [only] if only is not None else list(self.dashboards):
            sent = self.last.get(dashboard)
            try:
                if sent is None or sent[0] != totals_key:
                    totals_text = totals_text or json.dumps(state["totals"], ensure_ascii=False)
                    await dashboard.send(text_data=totals_text)
                if sent is None or sent[1] != points_key:
                    points_text = points_text or json.dumps(state["points"], ensure_ascii=False)
                    await dashboard.send(text_data=points_text)
                self.last[dashboard] = (totals_key, points_key)
            except Exception:
                log.info("live dashboard: a dashboard of session %s went away", self.session_id)


def _fingerprint(message: dict) -> str:
    return json.dumps({key: value for key, value in message.items() if key != "at"}, sort_keys=True)


class LiveHub:
    """Everything live in one process. Get it with `hub()` from inside the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        from livesessions import broadcast

        self.loop = loop
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-writer")
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-reader")
        self.connects = _Batcher(self, self._apply_connects)
        self.heartbeats = _Batcher(self, lambda beats: services.heartbeats_apply(beats=beats))
        self.points: dict[int, set] = {}  # session id → point consumers in this process
        self.watches: dict[int, _SessionWatch] = {}
        self._loading: dict[int, asyncio.Future] = {}
        self._totals: dict[int, tuple[float, dict | None]] = {}
        self._totals_loading: dict[int, asyncio.Future] = {}
        self._snapshot_at: dict[int, float] = {}
        self._scope_checks: dict[tuple[int, int], tuple[float, bool]] = {}
        self._presence_pending: dict[int, dict[int, Beat]] = {}
        self._presence_task: asyncio.Task | None = None
        self.watcher = loop.create_task(self._watch_points())
        broadcast.bind_loop(loop)

    # --- rosters ---

    async def roster(self, session_id: int, *, fresh: bool = False) -> selectors.Roster | None:
        hit = _rosters.get(session_id)
        if not fresh and hit is not None and time.monotonic() - hit[0] < ROSTER_TTL_SECONDS:
            return hit[1]
        # Single flight: a connect burst of 2,000 hellos loads the roster once.
        loading = self._loading.get(session_id)
        if loading is None:
            loading = self._loading[session_id] = self.loop.create_future()
            try:
                roster_forget(session_id)
                roster = await self.loop.run_in_executor(self.reader, _in_thread, roster_cached, session_id)
                loading.set_result(roster)
            except Exception as error:
                loading.set_exception(error)
                loading.exception()  # retrieved: the awaiting callers raise it
            finally:
                del self._loading[session_id]
        return await asyncio.shield(loading)

    # --- durable writes ---

    @staticmethod
    def _apply_connects(connects: list[services.Connect]) -> list:
        refs = services.presences_connect(connects=connects, at=services.now())
        return [refs.get(c) for c in connects]

    async def connect(self, *, session_id: int, point_id: int) -> services.PresenceRef | None:
        """Record a (re)connection; None when the session is not open."""
        ref = await self.connects.submit(services.Connect(session_id, point_id))
        if ref is not None:
            self.presence_later(session_id, point_id, Beat(time.time(), ref.headcount))
        return ref

    async def heartbeat(self, beat: services.Heartbeat, *, point_id: int) -> str:
        """Apply a heartbeat durably; returns services.APPLIED, DUPLICATE or CLOSED."""
        result = await self.heartbeats.submit(beat)
        if result == services.APPLIED:
            self.presence_later(beat.session_id, point_id, Beat(beat.at.timestamp(), beat.headcount))
        return result

    def presence_later(self, session_id: int, point_id: int, beat: Beat) -> None:
        """Queue a presence update: one writer task sends them in batches, and the ack never waits for it."""
        self._presence_pending.setdefault(session_id, {})[point_id] = beat
        if self._presence_task is None or self._presence_task.done():
            self._presence_task = self.loop.create_task(self._write_presence())

    async def _write_presence(self) -> None:
        while self._presence_pending:
            pending, self._presence_pending = self._presence_pending, {}
            for session_id, beats in pending.items():
                await presence.presence_record(session_id=session_id, beats=beats)

    # --- point sockets ---

    def point_joined(self, session_id: int, consumer) -> None:
        self.points.setdefault(session_id, set()).add(consumer)

    def point_left(self, session_id: int, consumer) -> None:
        consumers = self.points.get(session_id)
        if consumers is not None:
            consumers.discard(consumer)
            if not consumers:
                del self.points[session_id]

    async def _watch_points(self) -> None:
        """Close point sockets whose session closed, whose point left the session or whose token changed."""
        while True:
            await asyncio.sleep(WATCH_PERIOD_SECONDS)
            for session_id, consumers in list(self.points.items()):
                try:
                    roster = await self.roster(session_id)
                except Exception:
                    log.warning("live watcher: roster of session %s unavailable", session_id, exc_info=True)
                    continue
                if roster is not None and roster.is_open and session_id not in self.watches:
                    await self._snapshot_now_and_then(session_id)
                for consumer in list(consumers):
                    code = consumer.still_allowed(roster)
                    if code is not None:
                        self.point_left(session_id, consumer)
                        try:
                            await consumer.close(code=code)
                        except Exception:
                            log.info("live watcher: closing a point socket failed", exc_info=True)

    async def _snapshot_now_and_then(self, session_id: int) -> None:
        """With points connected but no dashboard open here, still write the minute's snapshot now and then."""
        if time.monotonic() - self._snapshot_at.get(session_id, 0.0) < SNAPSHOT_PERIOD_SECONDS:
            return
        self._snapshot_at[session_id] = time.monotonic()
        try:
            await self.totals(session_id)
        except Exception:
            log.warning("live watcher: snapshot of session %s failed", session_id, exc_info=True)

    # --- dashboards ---

    async def may_watch(self, user, session_id: int) -> bool:
        """Whether a staff user may watch the session: checked on our reader thread, not Channels' one shared
        database thread, and remembered briefly, so a burst of dashboards does not queue handshakes."""
        key = (user.pk, session_id)
        hit = self._scope_checks.get(key)
        if hit is not None and time.monotonic() - hit[0] < SCOPE_CHECK_TTL_SECONDS:
            return hit[1]
        allowed = await self.loop.run_in_executor(self.reader, _in_thread, _in_scope, user, session_id)
        self._scope_checks[key] = (time.monotonic(), allowed)
        return allowed

    def dashboard_joined(self, session_id: int, dashboard) -> _SessionWatch:
        watch = self.watches.get(session_id)
        if watch is None:
            watch = self.watches[session_id] = _SessionWatch(self, session_id)
        watch.dashboards.add(dashboard)
        watch.start()
        return watch

    def dashboard_left(self, session_id: int, dashboard) -> None:
        watch = self.watches.get(session_id)
        if watch is not None:
            watch.dashboards.discard(dashboard)
            watch.last.pop(dashboard, None)
            if not watch.dashboards:
                del self.watches[session_id]

    def session_changed(self, session_id: int) -> None:
        watch = self.watches.get(session_id)
        if watch is not None:
            watch.poked.set()

    async def send_full_state(self, session_id: int, dashboard) -> None:
        watch = self.watches.get(session_id)
        if watch is not None:
            watch.last.pop(dashboard, None)
            await watch.push(only=dashboard)

    async def totals(self, session_id: int) -> dict | None:
        """The session's totals and dropped points, computed at most once a second in this process."""
        hit = self._totals.get(session_id)
        if hit is not None and time.monotonic() - hit[0] < DASHBOARD_PERIOD_SECONDS * 0.9:
            return hit[1]
        loading = self._totals_loading.get(session_id)
        if loading is None:
            loading = self._totals_loading[session_id] = self.loop.create_future()
            try:
                state = await self._compute_totals(session_id)
                self._totals[session_id] = (time.monotonic(), state)
                loading.set_result(state)
            except Exception as error:
                loading.set_exception(error)
                loading.exception()
            finally:
                del self._totals_loading[session_id]
        return await asyncio.shield(loading)

    async def _compute_totals(self, session_id: int) -> dict | None:
        roster = await self.roster(session_id)
        if roster is None:
            return None
        beats = await presence.presence_points(session_id=session_id)
        from_store = beats is not None
        if not beats:
            # The store is away or empty (Redis restarted): the database has the same facts.
            rows = await self.loop.run_in_executor(
                self.reader, _in_thread, selectors.presence_beats_from_db, session_id
            )
            beats = {pid: Beat(seen.timestamp(), headcount) for pid, (seen, headcount) in rows.items()}
            if from_store and beats:
                await presence.presence_record(session_id=session_id, beats=beats)
        now = time.time()
        return await self.loop.run_in_executor(self.reader, _in_thread, _totals_in_thread, roster, beats, now)

    # --- shutdown (tests) ---

    def shutdown(self) -> None:
        tasks = [self.watcher, self.connects.task, self.heartbeats.task]
        tasks += [watch.task for watch in self.watches.values() if watch.task]
        for task in tasks:
            with contextlib.suppress(RuntimeError):  # its loop may be closed already
                task.cancel()
        for executor in (self.writer, self.reader):
            executor.submit(connections.close_all)
            executor.shutdown(wait=True)


_snapshot_written: dict[int, tuple[float, tuple | None]] = {}


def _in_scope(user, session_id: int) -> bool:
    return selectors.sessions_in_scope(user).filter(pk=session_id).exists()


def _totals_in_thread(roster: selectors.Roster, beats: dict, now: float) -> dict:
    from django.utils import timezone

    counts = selectors.checkin_counts_by_commune(roster.session_id)
    unknown = set(counts) - {point.commune_id for point in roster.points_by_id.values()}
    names = selectors.commune_names(unknown) if unknown else {}
    state = selectors.live_totals(roster, beats, counts, now=now, names=names)
    totals = state["totals"]
    figures = (totals["points_online"], totals["headcount"], totals["checkins"])
    last_at, last_figures = _snapshot_written.get(roster.session_id, (0.0, None))
    if roster.is_open and (figures != last_figures or time.monotonic() - last_at >= SNAPSHOT_WRITE_SECONDS):
        _snapshot_written[roster.session_id] = (time.monotonic(), figures)
        services.snapshot_record(
            session_id=roster.session_id,
            at=timezone.now(),
            points_online=figures[0],
            headcount=figures[1],
            checkins=figures[2],
        )
    return state


_hubs: dict[int, LiveHub] = {}


def hub() -> LiveHub:
    """This event loop's hub, created on first use."""
    loop = asyncio.get_running_loop()
    current = _hubs.get(id(loop))
    if current is None or current.loop is not loop:
        current = _hubs[id(loop)] = LiveHub(loop)
    return current


def shutdown_all() -> None:
    """Stop every hub's threads and close their database connections (tests call this between tests)."""
    for key, live in list(_hubs.items()):
        try:
            live.shutdown()
        finally:
            _hubs.pop(key, None)
    roster_forget()
    _snapshot_written.clear()
