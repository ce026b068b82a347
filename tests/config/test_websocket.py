"""Every WebSocket route goes through config.websocket: foreign origins are refused before any consumer."""

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path

from config.asgi import application
from config.websocket import websocket_application


class _EchoConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content, **kwargs):
        await self.send_json(content)


_app = websocket_application(URLRouter([path("ws/echo/", _EchoConsumer.as_asgi())]))


@pytest.mark.asyncio
async def test_a_socket_from_a_foreign_origin_is_refused():
    communicator = WebsocketCommunicator(_app, "/ws/echo/", headers=[(b"origin", b"https://lua-dao.example")])
    connected, _ = await communicator.connect()
    assert not connected


@pytest.mark.asyncio
async def test_a_socket_from_our_own_origin_is_accepted():
    communicator = WebsocketCommunicator(_app, "/ws/echo/", headers=[(b"origin", b"http://127.0.0.1:8000")])
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "ping"}
    await communicator.disconnect()


@pytest.mark.asyncio
async def test_the_sites_own_websocket_entry_point_refuses_foreign_origins():
    communicator = WebsocketCommunicator(application, "/ws/anything/", headers=[(b"origin", b"https://evil.example")])
    connected, _ = await communicator.connect()
    assert not connected
