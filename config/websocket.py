"""The one wrapper every WebSocket route goes through."""

from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from django.contrib.auth.models import AnonymousUser

from places.selectors import two_factor_owed_by_session


class TwoFactorSocketMiddleware(BaseMiddleware):
    """A staff session that still owes its two-factor code counts as signed out on sockets, as on pages."""

    async def __call__(self, scope, receive, send):
        user = scope.get("user")
        owes_code = database_sync_to_async(two_factor_owed_by_session)
        if user is not None and user.is_authenticated and await owes_code(user, scope.get("session")):
            scope = dict(scope, user=AnonymousUser())
        return await super().__call__(scope, receive, send)


def websocket_application(router):
    """Refuse sockets from foreign origins, then attach the signed-in (and two-factor verified) staff user."""
    return AllowedHostsOriginValidator(AuthMiddlewareStack(TwoFactorSocketMiddleware(router)))
