"""Live state of connection points: when each point last sent a heartbeat and with which head count.

The one small module for it: a Redis hash per session when `REDIS_URL` is set (so every Daphne process sees
every point), a dict in memory otherwise (the one-process demo). It is a cache: the database's PointPresence
rows hold the same facts, and `session_points` rebuilds the cache from them after Redis lost it. Every
failure here is logged and swallowed; the heartbeat's acknowledgement never depends on it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from django.conf import settings

log = logging.getLogger(__name__)

KEY_TTL_SECONDS = 24 * 3600
REDIS_TIMEOUT_SECONDS = 1.0


@dataclass(frozen=True)
class Beat:
    """The last heartbeat of one point: epoch seconds and head count."""

    at: float
    headcount: int


def _key(session_id: int) -> str:
    return f"bdhvs:live:{session_id}:points"


class _MemoryPresence:
    def __init__(self):
        self._sessions: dict[int, dict[int, Beat]] = {}

    async def record(self, session_id: int, beats: dict[int, Beat]) -> None:
        self._sessions.setdefault(session_id, {}).update(beats)

    async def points(self, session_id: int) -> dict[int, Beat] | None:
        return dict(self._sessions.get(session_id, {}))

    async def forget(self, session_id: int) -> None:
        self._sessions.pop(session_id, None)


class _RedisPresence:
    """Hash `bdhvs:live:<session>:points`, field point id → "<epoch>|<headcount>"."""

    def __init__(self, url: str):
        self._url = url
        self._clients: dict[int, object] = {}  # one client per event loop: redis-py's asyncio pools are loop-bound

    def _client(self):
        import redis.asyncio as redis

        loop_id = id(asyncio.get_running_loop())
        client = self._clients.get(loop_id)
        if client is None:
            client = redis.Redis.from_url(
                self._url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
            )
            self._clients[loop_id] = client
        return client

    async def record(self, session_id: int, beats: dict[int, Beat]) -> None:
        if not beats:
            return
        key = _key(session_id)
        mapping = {str(point_id): f"{beat.at:.3f}|{beat.headcount}" for point_id, beat in beats.items()}
        pipe = self._client().pipeline(transaction=False)
        pipe.hset(key, mapping=mapping)
        pipe.expire(key, KEY_TTL_SECONDS)
        await asyncio.wait_for(pipe.execute(), REDIS_TIMEOUT_SECONDS * 2)

    async def points(self, session_id: int) -> dict[int, Beat] | None:
        raw = await asyncio.wait_for(self._client().hgetall(_key(session_id)), REDIS_TIMEOUT_SECONDS * 2)
        beats = {}
        for field, value in raw.items():
            at, _sep, headcount = value.decode().partition("|")
            beats[int(field)] = Beat(float(at), int(headcount))
        return beats

    async def forget(self, session_id: int) -> None:
        await self._client().delete(_key(session_id))


_backend: _MemoryPresence | _RedisPresence | None = None


def _presence():
    global _backend
    if _backend is None:
        _backend = _RedisPresence(settings.REDIS_URL) if settings.REDIS_URL else _MemoryPresence()
    return _backend


_last_warning = 0.0


def _warn(text: str, *args) -> None:
    """One log line (with the traceback) per 10 s at most: a Redis outage must not flood the log."""
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= 10:
        _last_warning = now
        log.warning(text, *args, exc_info=True)


async def presence_record(*, session_id: int, beats: dict[int, Beat]) -> bool:
    """Remember the latest heartbeat of these points. False (and a log line) when the store is away."""
    try:
        await _presence().record(session_id, beats)
        return True
    except Exception:
        _warn("live presence: could not record %s points of session %s", len(beats), session_id)
        return False


async def presence_points(*, session_id: int) -> dict[int, Beat] | None:
    """Point id → last heartbeat, or None when the store cannot be read (callers fall back to the database)."""
    try:
        return await _presence().points(session_id)
    except Exception:
        _warn("live presence: could not read session %s", session_id)
        return None


async def presence_forget(*, session_id: int) -> None:
    try:
        await _presence().forget(session_id)
    except Exception:
        log.warning("live presence: could not forget session %s", session_id, exc_info=True)


def is_online(beat: Beat | None, *, interval: int, now: float | None = None) -> bool:
    """A point is online while its last heartbeat is younger than two intervals."""
    if beat is None:
        return False
    return (now if now is not None else time.time()) - beat.at < 2 * interval


def reset_for_tests() -> None:
    """Drop the cached backend (tests switch event loops and settings)."""
    global _backend
    _backend = None
