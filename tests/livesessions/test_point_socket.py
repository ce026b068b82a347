"""The point socket, message by message, as docs/live-protocol.md describes it: every close code and error."""

import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from config.asgi import application
from livesessions import consumers
from livesessions.models import PointPresence
from livesessions.scheduling import point_token_rotate, session_close

from .conftest import ORIGIN, make_point, make_session

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def socket(session_id) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, f"/ws/live/{session_id}/point/", headers=ORIGIN)


async def hello(session_id, code, token):
    ws = socket(session_id)
    connected, _ = await ws.connect()
    assert connected
    await ws.send_json_to({"type": "hello", "point": code, "token": token})
    return ws


async def welcomed(session_id, point):
    ws = await hello(session_id, point.code, point.token)
    message = await ws.receive_json_from(timeout=5)
    assert message["type"] == "welcome"
    return ws, message


async def closed_with(ws) -> int:
    output = await ws.receive_output(timeout=5)
    assert output["type"] == "websocket.close", output
    return output["code"]


async def beat(ws, seq, headcount):
    await ws.send_json_to({"type": "heartbeat", "seq": seq, "headcount": headcount})
    return await ws.receive_json_from(timeout=5)


def presence_of(session, point):
    return PointPresence.objects.get(session=session, point=point.obj)


async def test_a_point_with_its_token_is_welcomed_with_the_heartbeat_interval(hung_yen, points):
    session = await sync_to_async(make_session)(hung_yen, points=points, interval=7)
    ws, welcome = await welcomed(session.pk, points[0])
    assert welcome == {"type": "welcome", "session": str(session.pk), "point": "PH-01", "heartbeat_interval": 7}
    await ws.disconnect()


async def test_an_acknowledged_heartbeat_is_already_in_the_database(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    assert await beat(ws, 1, 42) == {"type": "ack", "seq": 1}
    presence = await sync_to_async(presence_of)(live_session, points[0])
    assert (presence.last_headcount, presence.peak_headcount, presence.high_seq) == (42, 42, 1)
    assert presence.connections == 1 and presence.first_seen_at and presence.last_seen_at
    await ws.disconnect()


async def test_the_point_code_is_matched_whatever_its_case(live_session, points):
    ws = await hello(live_session.pk, " ph-01 ", points[0].token)
    assert (await ws.receive_json_from(timeout=5))["type"] == "welcome"
    await ws.disconnect()


async def test_a_wrong_token_is_refused_with_4401(live_session, points):
    ws = await hello(live_session.pk, "PH-01", "not-the-secret")
    assert await closed_with(ws) == 4401


async def test_another_points_token_is_refused_with_4401(live_session, points):
    ws = await hello(live_session.pk, "PH-01", points[1].token)
    assert await closed_with(ws) == 4401


async def test_a_rotated_token_stops_working(live_session, points):
    await sync_to_async(point_token_rotate)(point=points[0].obj)
    ws = await hello(live_session.pk, "PH-01", points[0].token)
    assert await closed_with(ws) == 4401


async def test_an_unknown_session_is_refused_with_4404(live_session, points):
    ws = await hello(live_session.pk + 1000, "PH-01", points[0].token)
    assert await closed_with(ws) == 4404


async def test_a_point_not_invited_to_the_session_is_refused_with_4404(live_session, pho_hien):
    stranger = await sync_to_async(make_point)(pho_hien, "PH-99")
    ws = await hello(live_session.pk, stranger.code, stranger.token)
    assert await closed_with(ws) == 4404


async def test_an_inactive_point_is_refused_with_4404(live_session, points):
    points[0].obj.is_active = False
    await sync_to_async(points[0].obj.save)()
    ws = await hello(live_session.pk, "PH-01", points[0].token)
    assert await closed_with(ws) == 4404


async def test_a_scheduled_session_is_refused_with_4409(hung_yen, points):
    session = await sync_to_async(make_session)(hung_yen, points=points, open_it=False)
    ws = await hello(session.pk, "PH-01", points[0].token)
    assert await closed_with(ws) == 4409


async def test_a_closed_session_is_refused_with_4409(live_session, points):
    await sync_to_async(session_close)(session=live_session)
    ws = await hello(live_session.pk, "PH-01", points[0].token)
    assert await closed_with(ws) == 4409


async def test_closing_the_session_mid_class_closes_the_point_sockets_with_4409(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    await sync_to_async(session_close)(session=live_session)
    assert await closed_with(ws) == 4409


async def test_a_heartbeat_to_a_session_closed_meanwhile_is_not_acknowledged_but_closed_with_4409(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    await sync_to_async(session_close)(session=live_session)
    await ws.send_json_to({"type": "heartbeat", "seq": 1, "headcount": 5})
    assert await closed_with(ws) == 4409
    presence = await sync_to_async(presence_of)(live_session, points[0])
    assert presence.high_seq == -1


async def test_a_frame_over_4_kb_closes_with_1009(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    await ws.send_to(text_data=json.dumps({"type": "heartbeat", "seq": 1, "headcount": 1, "pad": "x" * 5000}))
    assert await closed_with(ws) == 1009


async def test_500_kb_of_garbage_closes_with_1009_and_the_server_keeps_serving(live_session, points):
    ws = socket(live_session.pk)
    await ws.connect()
    await ws.send_to(text_data="\x00{" * 250_000)
    assert await closed_with(ws) == 1009
    ws, _ = await welcomed(live_session.pk, points[0])
    assert await beat(ws, 1, 3) == {"type": "ack", "seq": 1}
    await ws.disconnect()


async def test_a_big_binary_frame_closes_with_1009(live_session, points):
    ws = socket(live_session.pk)
    await ws.connect()
    await ws.send_to(bytes_data=b"\xff" * 500_000)
    assert await closed_with(ws) == 1009


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("this is not json", "not_json"),
        ("[1, 2, 3]", "not_object"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"point": "PH-01"}', "unknown_type"),
        ('{"type": "hello", "token": "x"}', "missing_field"),
        ('{"type": "hello", "point": 12, "token": "x"}', "invalid_field"),
        ('{"type": "heartbeat", "seq": 1, "headcount": 1}', "hello_first"),
    ],
)
async def test_a_bad_message_before_hello_gets_an_error_and_changes_nothing(live_session, points, frame, code):
    ws = socket(live_session.pk)
    await ws.connect()
    await ws.send_to(text_data=frame)
    error = await ws.receive_json_from(timeout=5)
    assert error["type"] == "error" and error["code"] == code
    assert error["detail"]
    # still usable: the point can say hello after a mistake
    await ws.send_json_to({"type": "hello", "point": "PH-01", "token": points[0].token})
    assert (await ws.receive_json_from(timeout=5))["type"] == "welcome"
    await ws.disconnect()


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"type": "heartbeat", "headcount": 3}, "missing_field"),
        ({"type": "heartbeat", "seq": 2}, "missing_field"),
        ({"type": "heartbeat", "seq": "2", "headcount": 3}, "invalid_field"),
        ({"type": "heartbeat", "seq": 2.5, "headcount": 3}, "invalid_field"),
        ({"type": "heartbeat", "seq": True, "headcount": 3}, "invalid_field"),
        ({"type": "heartbeat", "seq": -1, "headcount": 3}, "invalid_field"),
        ({"type": "heartbeat", "seq": 2, "headcount": 5001}, "headcount_out_of_range"),
        ({"type": "heartbeat", "seq": 2, "headcount": -4}, "headcount_out_of_range"),
        ({"type": "heartbeat", "seq": 2, "headcount": "nhiều"}, "invalid_field"),
        ({"type": "hello", "point": "PH-01", "token": "again"}, "already_welcomed"),
    ],
)
async def test_a_bad_heartbeat_gets_an_error_and_changes_nothing(live_session, points, message, code):
    ws, _ = await welcomed(live_session.pk, points[0])
    assert await beat(ws, 1, 10) == {"type": "ack", "seq": 1}
    await ws.send_json_to(message)
    error = await ws.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", code)
    presence = await sync_to_async(presence_of)(live_session, points[0])
    assert (presence.high_seq, presence.last_headcount, presence.peak_headcount) == (1, 10, 10)
    await ws.disconnect()


async def test_a_binary_frame_gets_an_error(live_session, points):
    ws = socket(live_session.pk)
    await ws.connect()
    await ws.send_to(bytes_data=b'{"type": "hello"}')
    error = await ws.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", "not_text")
    await ws.disconnect()


async def test_five_bad_messages_close_the_socket_with_4400(live_session, points):
    ws = socket(live_session.pk)
    await ws.connect()
    for _ in range(4):
        await ws.send_to(text_data="nope")
        assert (await ws.receive_json_from(timeout=5))["code"] == "not_json"
    await ws.send_to(text_data="nope")
    assert await closed_with(ws) == 4400


async def test_a_socket_that_never_says_hello_is_closed_with_4400(live_session, monkeypatch):
    monkeypatch.setattr(consumers, "HELLO_TIMEOUT_SECONDS", 0.2)
    ws = socket(live_session.pk)
    await ws.connect()
    assert await closed_with(ws) == 4400


async def test_duplicated_and_replayed_heartbeats_are_acknowledged_but_counted_once(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    assert await beat(ws, 1, 10) == {"type": "ack", "seq": 1}
    assert await beat(ws, 2, 40) == {"type": "ack", "seq": 2}
    before = await sync_to_async(presence_of)(live_session, points[0])
    assert await beat(ws, 2, 40) == {"type": "ack", "seq": 2}  # duplicate
    assert await beat(ws, 1, 900) == {"type": "ack", "seq": 1}  # a replay with a different count
    await ws.disconnect()

    # After a reconnect the page resends what it had not seen acknowledged.
    ws, _ = await welcomed(live_session.pk, points[0])
    assert await beat(ws, 1, 700) == {"type": "ack", "seq": 1}
    assert await beat(ws, 2, 40) == {"type": "ack", "seq": 2}
    after = await sync_to_async(presence_of)(live_session, points[0])
    assert (after.high_seq, after.last_headcount, after.peak_headcount) == (2, 40, 40)
    assert after.connected_seconds == before.connected_seconds
    assert after.connections == 2 and after.reconnects == 1

    assert await beat(ws, 3, 55) == {"type": "ack", "seq": 3}
    latest = await sync_to_async(presence_of)(live_session, points[0])
    assert (latest.high_seq, latest.last_headcount, latest.peak_headcount) == (3, 55, 55)
    await ws.disconnect()


async def test_the_peak_head_count_stays_when_the_count_goes_down(live_session, points):
    ws, _ = await welcomed(live_session.pk, points[0])
    for seq, headcount in enumerate([30, 120, 80, 0], start=1):
        assert await beat(ws, seq, headcount) == {"type": "ack", "seq": seq}
    presence = await sync_to_async(presence_of)(live_session, points[0])
    assert (presence.last_headcount, presence.peak_headcount) == (0, 120)
    await ws.disconnect()


async def test_two_points_of_one_session_are_counted_separately(live_session, points):
    first, _ = await welcomed(live_session.pk, points[0])
    second, _ = await welcomed(live_session.pk, points[1])
    assert await beat(first, 5, 11) == {"type": "ack", "seq": 5}
    assert await beat(second, 5, 22) == {"type": "ack", "seq": 5}
    assert (await sync_to_async(presence_of)(live_session, points[0])).last_headcount == 11
    assert (await sync_to_async(presence_of)(live_session, points[1])).last_headcount == 22
    await first.disconnect()
    await second.disconnect()
