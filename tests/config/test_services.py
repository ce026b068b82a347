"""The real services behind the settings: Redis carries the channel layer and the cache when REDIS_URL is set."""

import uuid

import pytest
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache


@pytest.mark.redis
@pytest.mark.asyncio
async def test_the_channel_layer_carries_a_group_message_through_redis():
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    group = f"test-{uuid.uuid4().hex}"
    channel = await layer.new_channel()
    await layer.group_add(group, channel)
    await layer.group_send(group, {"type": "totals", "headcount": 42})
    assert (await layer.receive(channel))["headcount"] == 42
    await layer.group_discard(group, channel)


@pytest.mark.redis
def test_the_redis_layer_does_not_time_out_idle_reads():
    # redis-py 8 defaults to a 5 s read timeout, the same as the layer's blocking read: idle sockets would
    # be closed. The hosts entry must lift it.
    host = settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]
    assert host["socket_timeout"] is None
    assert host["max_connections"] >= 1000


@pytest.mark.redis
def test_the_cache_is_shared_through_redis():
    import redis

    key = f"test-{uuid.uuid4().hex}"
    cache.set(key, "thôn 3", 30)
    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in k.decode() for k in raw.keys(f"*{key}*"))
    assert cache.get(key) == "thôn 3"
