"""The two live sockets: a connection point's heartbeats, and a staff member's dashboard.

The protocol is the contract in docs/live-protocol.md (and design.md). Consumers stay thin: they parse and
validate, ask the hub (livesessions/hub.py) to do the work, and reply.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.translation import gettext as _

from livesessions import broadcast, services
from livesessions.hub import hub
from livesessions.models import ConnectionPoint
from livesessions.selectors import Roster

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 4096
MAX_BAD_MESSAGES = 5
HELLO_TIMEOUT_SECONDS = 10
MAX_HEADCOUNT = 5000
MAX_SEQ = 2**63 - 1

CLOSE_TOO_BIG = 1009
CLOSE_SERVER_ERROR = 1011
CLOSE_BAD_CLIENT = 4400
CLOSE_BAD_TOKEN = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_NOT_OPEN = 4409


class BadMessage(Exception):
    def __init__(self, code: str, detail: str):
        super().__init__(code)
        self.code = code
        self.detail = detail


def _int_field(message: dict, name: str, *, low: int, high: int, range_code: str, range_detail: str) -> int:
    if name not in message:
        raise BadMessage("missing_field", _("The message has no “%(field)s”.") % {"field": name})
    value = message[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadMessage("invalid_field", _("“%(field)s” must be a whole number.") % {"field": name})
    if not low <= value <= high:
        raise BadMessage(range_code, range_detail)
    return value


def _str_field(message: dict, name: str, *, max_length: int) -> str:
    value = message.get(name)
    if value is None:
        raise BadMessage("missing_field", _("The message has no “%(field)s”.") % {"field": name})
    if not isinstance(value, str) or not value or len(value) > max_length:
        raise BadMessage("invalid_field", _("“%(field)s” is not valid.") % {"field": name})
    return value


class _LeanConsumer(AsyncWebsocketConsumer):
    async def dispatch(self, message):
        # Channels closes stale DB connections before every message through the one shared sync thread;
        # these consumers never touch the ORM themselves (the hub's threads do), so skip that hop.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)


class PointConsumer(_LeanConsumer):
    """`ws/live/<session_id>/point/`: hello → welcome, then heartbeat → ack, for one connection point."""

    # No channel layer: a point socket must keep working (and acknowledging) while Redis is away.
    channel_layer_alias = "no-layer-for-point-sockets"

    async def connect(self):
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.point = None
        self.token_hash = ""
        self.presence_id = None
        self.interval = 20
        self.bad_messages = 0
        self.closing = False
        self.last_mark = 0.0
        self.carry = 0.0  # connected time not yet written (whole seconds are written, fractions carried)
        await self.accept()
        self.hello_timer = asyncio.get_running_loop().call_later(HELLO_TIMEOUT_SECONDS, self._hello_timeout)

    def _hello_timeout(self):
        if self.point is None and not self.closing:
            self.hello_closer = asyncio.ensure_future(self._close(CLOSE_BAD_CLIENT))

    async def _close(self, code: int) -> None:
        if self.closing:
            return
        self.closing = True
        if self.point is not None:
            hub().point_left(self.session_id, self)
        try:
            await self.close(code=code)
        except Exception:
            if code != CLOSE_TOO_BIG:
                raise
            # Daphne (autobahn) lets an application send only 1000 and 3000–4999; 1009 itself comes from
            # Daphne when started with --websocket-max-message-size 4096 (see docs/live-protocol.md).
            await self.close(code=CLOSE_BAD_CLIENT)

    async def disconnect(self, code):
        self.closing = True
        self.hello_timer.cancel()
        if self.point is not None:
            hub().point_left(self.session_id, self)

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        raw = text_data if text_data is not None else bytes_data or b""
        # Length first: a 500 KB frame is refused before anything tries to parse it.
        if len(raw) > MAX_FRAME_BYTES or (isinstance(raw, str) and len(raw.encode()) > MAX_FRAME_BYTES):
            await self._close(CLOSE_TOO_BIG)
            return
        try:
            if text_data is None:
                raise BadMessage("not_text", _("Send text messages in JSON, not binary data."))
            try:
                message = json.loads(text_data)
            except ValueError:
                raise BadMessage("not_json", _("The message is not valid JSON.")) from None
            if not isinstance(message, dict):
                raise BadMessage("not_object", _("The message must be a JSON object with a “type”."))
            kind = message.get("type")
            if kind == "hello":
                await self._hello(message)
            elif kind == "heartbeat":
                await self._heartbeat(message)
            else:
                raise BadMessage("unknown_type", _("Unknown message type. Send “hello” or “heartbeat”."))
        except BadMessage as bad:
            self.bad_messages += 1
            if self.bad_messages >= MAX_BAD_MESSAGES:
                await self._close(CLOSE_BAD_CLIENT)
            else:
                await self.send(text_data=json.dumps({"type": "error", "code": bad.code, "detail": bad.detail}))

    async def _hello(self, message: dict) -> None:
        if self.point is not None:
            raise BadMessage("already_welcomed", _("This connection has already said hello."))
        code = _str_field(message, "point", max_length=40).strip().upper()
        token = _str_field(message, "token", max_length=200)
        try:
            roster = await hub().roster(self.session_id)
        except Exception:
            log.exception("live point: roster of session %s unavailable", self.session_id)
            await self._close(CLOSE_SERVER_ERROR)
            return
        point = roster.points_by_code.get(code) if roster is not None else None
        if point is None:
            await self._close(CLOSE_NOT_FOUND)
            return
        token_hash = ConnectionPoint.hash_token(token)
        if not _same(point.token_hash, token_hash):
            await self._close(CLOSE_BAD_TOKEN)
            return
        if not roster.is_open:
            await self._close(CLOSE_NOT_OPEN)
            return
        try:
            ref = await hub().connect(session_id=self.session_id, point_id=point.id)
        except Exception:
            log.exception("live point: could not record the connection of %s", code)
            await self._close(CLOSE_SERVER_ERROR)
            return
        if ref is None:
            await self._close(CLOSE_NOT_OPEN)
            return
        if self.closing:
            return
        self.hello_timer.cancel()
        self.point, self.token_hash, self.presence_id = point, token_hash, ref.presence_id
        self.interval = roster.heartbeat_interval
        self.last_mark = time.monotonic()
        hub().point_joined(self.session_id, self)
        await self.send(
            text_data=json.dumps(
                {
                    "type": "welcome",
                    "session": str(self.session_id),
                    "point": point.code,
                    "heartbeat_interval": roster.heartbeat_interval,
                }
            )
        )

    async def _heartbeat(self, message: dict) -> None:
        if self.point is None:
            raise BadMessage("hello_first", _("Say hello with the point's code and secret before heartbeats."))
        seq = _int_field(
            message,
            "seq",
            low=0,
            high=MAX_SEQ,
            range_code="invalid_field",
            range_detail=_("“seq” must be a whole number from 0 up."),
        )
        headcount = _int_field(
            message,
            "headcount",
            low=0,
            high=MAX_HEADCOUNT,
            range_code="headcount_out_of_range",
            range_detail=_("The head count must be between 0 and %(max)s.") % {"max": MAX_HEADCOUNT},
        )
        # Connected time since this connection's previous message, capped at two intervals. Whole seconds
        # are written, rounded (the remainder, ±0.5 s, is carried), so nothing drifts low over a class.
        now = time.monotonic()
        self.carry += min(now - self.last_mark, 2 * self.interval)
        self.last_mark = now
        seconds = max(0, round(self.carry))
        self.carry -= seconds
        beat = services.Heartbeat(
            session_id=self.session_id,
            presence_id=self.presence_id,
            seq=seq,
            headcount=headcount,
            seconds=seconds,
            at=services.now(),
        )
        try:
            result = await hub().heartbeat(beat, point_id=self.point.id)
        except Exception:
            # Not in the database, so no ack: the client keeps it and resends after reconnecting.
            log.exception("live point: heartbeat %s of %s not written", seq, self.point.code)
            await self._close(CLOSE_SERVER_ERROR)
            return
        if result == services.CLOSED:
            await self._close(CLOSE_NOT_OPEN)
            return
        if result == services.DUPLICATE:
            self.carry += seconds  # counted once: the time goes with the next new heartbeat
        if not self.closing:
            await self.send(text_data=json.dumps({"type": "ack", "seq": seq}))

    def still_allowed(self, roster: Roster | None) -> int | None:
        """The close code if this socket may no longer stay (session closed, point removed, token rotated)."""
        if roster is None or self.point is None:
            return CLOSE_NOT_FOUND
        point = roster.points_by_id.get(self.point.id)
        if point is None:
            return CLOSE_NOT_FOUND
        if not _same(point.token_hash, self.token_hash):
            return CLOSE_BAD_TOKEN
        if not roster.is_open:
            return CLOSE_NOT_OPEN
        return None


def _same(a: str, b: str) -> bool:
    import hmac

    return bool(a) and hmac.compare_digest(a, b)


class DashboardConsumer(_LeanConsumer):
    """`ws/live/<session_id>/dashboard/`: `totals` (and `points`) pushed to staff in scope."""

    async def connect(self):
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.group = broadcast.dashboard_group(self.session_id)
        self.joined = False
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not await hub().may_watch(user, self.session_id):
            await self.close(code=CLOSE_FORBIDDEN)  # before accept: the handshake is refused
            return
        try:
            await broadcast.group_join(self.group, self.channel_name)
        except Exception:
            # Never look connected without the group: the client retries and gets a working socket.
            log.warning("live dashboard: group_add failed for session %s", self.session_id, exc_info=True)
            await self.close(code=CLOSE_SERVER_ERROR)
            return
        self.joined = True
        await self.accept()
        hub().dashboard_joined(self.session_id, self)
        await hub().send_full_state(self.session_id, self)

    async def disconnect(self, code):
        if self.joined:
            self.joined = False
            hub().dashboard_left(self.session_id, self)
            await broadcast.group_leave(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        pass  # dashboards only listen

    async def live_changed(self, event):
        hub().session_changed(self.session_id)
