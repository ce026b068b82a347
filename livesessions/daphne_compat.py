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
