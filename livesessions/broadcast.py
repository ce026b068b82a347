"""The one domain-side module that talks to Channels' layer: "this session changed" to its dashboards.

Services call `session_changed_on_commit` inside their transaction; the event leaves after the commit. The
layer carries only these small notices (at-most-once): a dashboard that misses one still recomputes on its
one-second tick, and resyncs the full state whenever it reconnects. Each process sends at most a few notices
per session per second, however many heartbeats and check-ins arrive.
"""

from __future__ import annotations

import asyncio
import logging
import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)

MIN_GAP_SECONDS = 0.25
CHANGED = "live.changed"

_last_sent: dict[int, float] = {}
_loop: asyncio.AbstractEventLoop | None = None


def dashboard_group(session_id: int) -> str:
    """The group every dashboard socket of a session joins (the one place group names are made)."""
    return f"live-{int(session_id)}-dashboards"


def bind_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The server's event loop: notices from worker threads are handed to it instead of a new loop each."""
    global _loop
    _loop = loop


def session_changed_on_commit(session_id: int) -> None:
    transaction.on_commit(lambda: session_changed(session_id))


def session_changed(session_id: int) -> None:
    """Tell the session's dashboards (in every process) that its totals changed. Never raises."""
    now = time.monotonic()
    if now - _last_sent.get(session_id, 0.0) < MIN_GAP_SECONDS:
        return  # the dashboards' own tick picks this change up within a second
    _last_sent[session_id] = now
    loop = _loop
    try:
        if loop is not None and loop.is_running() and not loop.is_closed():
            loop.call_soon_threadsafe(lambda: loop.create_task(send_changed(session_id)))
        else:
            async_to_sync(send_changed)(session_id)
    except Exception:
        log.warning("live broadcast: could not notify session %s", session_id, exc_info=True)


async def send_changed(session_id: int) -> None:
    try:
        await get_channel_layer().group_send(dashboard_group(session_id), {"type": CHANGED, "session": session_id})
    except Exception:
        log.warning("live broadcast: layer refused the notice for session %s", session_id, exc_info=True)


async def group_join(group: str, channel_name: str) -> None:
    await get_channel_layer().group_add(group, channel_name)


async def group_leave(group: str, channel_name: str) -> None:
    try:
        await get_channel_layer().group_discard(group, channel_name)
    except Exception:
        log.warning("live broadcast: could not leave %s", group, exc_info=True)
