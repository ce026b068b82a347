"""What a real Daphne process writes (its access log on stdout, Django's log on stderr, at DEBUG) carries no
cookie and no point token, even when a token is sent in a query string."""

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
import websockets
from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpResponse

from config.serving import daphne_args
from learners.identity import remember_learner
from learners.services import learner_join
from tests.livesessions.conftest import _fresh_live_state, make_point, make_session  # noqa: F401
from tests.livesessions.daphne_process import _database_url, free_port

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.asyncio,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def daphne_with_access_log():
    """Daphne as production starts it (verbosity 1: the access log on stdout), Django logging at DEBUG."""
    port = free_port()
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
    env = {**os.environ, "DATABASE_URL": _database_url(), "LOG_LEVEL": "DEBUG"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    daphne = Path(sys.executable).with_name("daphne")
    process = subprocess.Popen(
        [str(daphne), *daphne_args(host="127.0.0.1", port=port)], cwd=ROOT, env=env, stdout=output, stderr=output
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/quyen-rieng-tu/", timeout=2).close()
            break
        except OSError:
            time.sleep(0.3)

    def written() -> str:
        output.seek(0)
        return output.read().decode(errors="replace")

    yield port, written
    process.terminate()
    process.wait(timeout=10)
    output.close()


async def test_daphnes_access_and_debug_logs_carry_no_cookie_and_no_token(daphne_with_access_log, hung_yen, pho_hien):
    port, written = daphne_with_access_log
    point = await sync_to_async(make_point)(pho_hien, "PH-01")
    session = await sync_to_async(make_session)(hung_yen, points=[point])
    learner = await sync_to_async(learner_join)(
        village=await sync_to_async(pho_hien.villages.first)(), display_name="Cô Ba"
    )
    response = HttpResponse()
    remember_learner(response, learner)
    cookie = response.cookies[settings.LEARNER_COOKIE_NAME].value

    # A point link pasted with its token in the query string instead of the fragment, with the learner's cookie.
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/live/diem-danh/PH-01/?khoa={point.token}",
        headers={"Cookie": f"{settings.LEARNER_COOKIE_NAME}={cookie}"},
    )
    await asyncio.to_thread(lambda: urllib.request.urlopen(request, timeout=10).close())  # noqa: S310
    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/ws/live/{session.pk}/point/?khoa={point.token}",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": f"{settings.LEARNER_COOKIE_NAME}={cookie}"},
    )
    await ws.send(json.dumps({"type": "hello", "point": "PH-01", "token": point.token[::-1]}))
    with pytest.raises(websockets.ConnectionClosed):
        await asyncio.wait_for(ws.recv(), 10)
    await asyncio.sleep(0.5)

    log = written()
    assert (
        "/live/diem-danh/PH-01/?khoa=[redacted]" in log and f"/ws/live/{session.pk}/point/" in log
    )  # the access lines are there
    for secret in (point.token, point.token[::-1], cookie, cookie.partition(":")[2], "Cô Ba"):
        assert secret not in log
