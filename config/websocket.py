"""The one wrapper every WebSocket route goes through."""

from channels.auth import AuthMiddlewareStack
from channels.security.websocket import AllowedHostsOriginValidator


def websocket_application(router):
    """Refuse sockets from foreign origins, then attach the logged-in staff user to the scope."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(router))
