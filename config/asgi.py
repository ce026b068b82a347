"""ASGI entry point: Daphne serves HTTP and WebSockets from here."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Django first: it sets up the apps before any consumer module imports models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from config.websocket import websocket_application  # noqa: E402
from livesessions.routing import websocket_urlpatterns as live_urlpatterns  # noqa: E402

websocket_urlpatterns = [*live_urlpatterns]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": websocket_application(URLRouter(websocket_urlpatterns)),
    }
)
