"""WebSocket routes of live classes; config/asgi.py mounts them."""

from django.urls import path

from livesessions import consumers
from livesessions.daphne_compat import allow_message_too_big_close, skip_eager_debug_formatting

allow_message_too_big_close()
skip_eager_debug_formatting()

websocket_urlpatterns = [
    path("ws/live/<int:session_id>/point/", consumers.PointConsumer.as_asgi()),
    path("ws/live/<int:session_id>/dashboard/", consumers.DashboardConsumer.as_asgi()),
]
