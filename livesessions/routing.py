"""WebSocket routes of live classes; config/asgi.py mounts them."""

websocket_urlpatterns = []
