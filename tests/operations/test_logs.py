"""No log line and no error report carries a learner's name, a phone number, a point token or a cookie."""

import contextlib
import logging

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.views.debug import get_exception_reporter_class

from config.asgi import application
from config.logging import redact
from learners.identity import remember_learner
from learners.models import Learner
from livesessions.models import CheckIn
from tests.livesessions.conftest import ORIGIN, _fresh_live_state, make_point, make_session  # noqa: F401

NAME = "Bà Năm Thử Nghiệm"
PHONE = "0912 345 678"


@pytest.fixture
def sql_logged():
    """Every SQL statement logged with its parameters (as DEBUG=True does): the easiest way for a name to leak."""
    connection.force_debug_cursor = True
    yield
    connection.force_debug_cursor = False


def _join(client, village):
    return client.post(
        "/tham-gia/",
        {
            "province": village.commune.province_id,
            "commune": village.commune_id,
            "village": village.pk,
            "display_name": NAME,
            "birth_year": "1958",
            "consent": "on",
        },
    )


@contextlib.contextmanager
def everything_logged(caplog):
    """DEBUG on the root logger and on Django's own (which stays at INFO otherwise)."""
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="django"):
        yield


def _assert_clean(text: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked into the log"


@pytest.mark.django_db
def test_joining_and_checking_in_from_a_point_log_no_name_and_no_cookie(client, pho_hien, caplog, sql_logged):
    point = make_point(pho_hien, "PH-01")
    session = make_session(pho_hien.province, points=[point])
    with everything_logged(caplog):
        assert _join(client, pho_hien.villages.get(name="Thôn 3")).status_code == 302
        cookie = client.cookies[settings.LEARNER_COOKIE_NAME].value
        client.get("/du-lieu-cua-toi/")
        client.get(f"/live/diem-danh/{point.code}/")
        assert client.post(f"/live/{session.pk}/checkin/", {"point": point.code}).status_code == 302
    assert CheckIn.objects.get().point == point.obj
    assert "INSERT INTO" in caplog.text  # the statements were logged …
    _assert_clean(caplog.text, NAME, cookie, cookie.partition(":")[2])  # … without the name or the cookie


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_point_hello_with_a_wrong_token_logs_no_token(hung_yen, pho_hien, caplog):
    point = await sync_to_async(make_point)(pho_hien, "PH-01")
    session = await sync_to_async(make_session)(hung_yen, points=[point])
    wrong = "Xk3" + point.token[3:]
    with everything_logged(caplog):
        ws = WebsocketCommunicator(application, f"/ws/live/{session.pk}/point/", headers=ORIGIN)
        assert (await ws.connect())[0]
        await ws.send_json_to({"type": "hello", "point": "PH-01", "token": wrong})
        assert (await ws.receive_output(timeout=5))["code"] == 4401
        logging.getLogger("livesessions.consumers").debug("hello %s", {"type": "hello", "token": wrong})
    assert "hello" in caplog.text
    _assert_clean(caplog.text, wrong, point.token)


@pytest.mark.django_db
@pytest.mark.urls("tests.operations.boom_urls")
def test_a_500_error_log_and_its_report_carry_no_name_token_phone_or_cookie(pho_hien, caplog, sql_logged):
    learner = Learner.objects.create(
        village=pho_hien.villages.get(name="Thôn 1"),
        display_name=NAME,
        consent_at="2026-11-01T00:00Z",
        consent_version="x",
    )
    client = Client(raise_request_exception=False)
    response = HttpResponse()
    remember_learner(response, learner)
    cookie = response.cookies[settings.LEARNER_COOKIE_NAME].value
    client.cookies[settings.LEARNER_COOKIE_NAME] = cookie
    client.cookies["sessionid"] = "s3ssion0value0that0must0never0be0logged"
    client.cookies["csrftoken"] = "csrf0value0that0must0never0be0logged00"
    token = "pT0ken-Secret_1234567890abcdefghijklmnopq"

    with everything_logged(caplog):
        assert client.get("/boom/", {"khoa": token, "diem": "PH-01"}).status_code == 500

    [error] = [r for r in caplog.records if r.name == "django.request"]
    assert "Internal Server Error: /boom/" in caplog.text
    assert "RuntimeError: could not greet" in caplog.text  # the traceback is there, for the developer …
    secrets = [NAME, token, PHONE, "0912345678", cookie, "s3ssion0value", "csrf0value"]
    _assert_clean(caplog.text, *secrets)  # … without what the villager would not want kept

    # What Django's error mail would carry: the request's cookies, parameters and the exception value.
    reporter = get_exception_reporter_class(error.request)(error.request, *error.exc_info)
    _assert_clean(reporter.get_traceback_text(), *secrets)
    _assert_clean(reporter.get_traceback_html(), *secrets)


def test_the_usual_shapes_of_secrets_are_redacted():
    line = (
        'GET /live/diem-cau/?khoa=abc123 Cookie: bdhvs_hocvien=1b2c:sig; sessionid=xyz {"token": "t0k"} '
        "gọi 0987654321 hoặc +84 912 345 678; duration 0.123456789 s; session 42"
    )
    text = redact(line)
    _assert_clean(text, "abc123", "1b2c:sig", "xyz", "t0k", "0987654321", "912 345 678")
    assert "duration 0.123456789 s; session 42" in text  # ordinary numbers stay readable
