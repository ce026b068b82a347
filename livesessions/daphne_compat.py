"""Let the point socket close with 1009 ("message too big") under Daphne, as the live protocol promises.

Autobahn, under Daphne, accepts only 1000 and 3000–4999 from an application's `websocket.close`, although
1009 is the standard code for an oversized message (RFC 6455 §7.4.1). For that one code we send the close
frame the way autobahn itself does when it refuses a message. Applied once, when the WebSocket routes load.
"""

import logging

log = logging.getLogger(__name__)

MESSAGE_TOO_BIG = 1009


def allow_message_too_big_close() -> None:
    try:
        from daphne.ws_protocol import WebSocketProtocol
    except ImportError:  # another ASGI server: nothing to adapt
        return
    if getattr(WebSocketProtocol.serverClose, "allows_1009", False):
        return
    original = WebSocketProtocol.serverClose

    def serverClose(self, code=None):
        if code == MESSAGE_TOO_BIG and hasattr(self, "sendCloseFrame"):
            if self.state == self.STATE_OPEN:
                self.sendCloseFrame(code=MESSAGE_TOO_BIG, isReply=False)
            return
        original(self, code=code)

    serverClose.allows_1009 = True
    WebSocketProtocol.serverClose = serverClose


def skip_eager_debug_formatting() -> None:
    """Autobahn pretty-prints its whole configuration for a debug log line on every new connection, even
    with debug logging off: ~1 ms of CPU per connect, which is most of a class-start burst. The line still
    logs (unformatted) when debug logging is on."""
    try:
        from autobahn.websocket import protocol
    except ImportError:
        return
    if getattr(protocol, "pformat", None) is not None and protocol.pformat.__module__ == "pprint":
        protocol.pformat = _unformatted


def _unformatted(value):
    return value
