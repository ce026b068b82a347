"""Live-class fixtures: an open class in Phường Phố Hiến with two invited points and their secret tokens."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from asgiref.sync import SyncToAsync
from django.conf import settings
from django.db import connections
from django.http import HttpResponse
from django.utils import timezone

from learners.identity import remember_learner
from learners.services import learner_join
from livesessions import hub, presence
from livesessions.models import ConnectionPoint, LiveSession
from livesessions.scheduling import point_create, session_open, session_schedule

ORIGIN = [(b"origin", b"http://127.0.0.1:8000")]


@dataclass
class Point:
    obj: ConnectionPoint
    code: str
    token: str


@pytest.fixture(autouse=True)
def _fresh_live_state():
    """Each test gets its own hub (threads, caches) and presence store, and leaves no DB connection behind.

    Worker threads (ours, asgiref's) would otherwise keep PostgreSQL connections open for CONN_MAX_AGE,
    and the test database could not be dropped at the end.
    """
    database = connections.settings["default"]
    max_age = database.get("CONN_MAX_AGE", 0)
    database["CONN_MAX_AGE"] = 0
    hub.shutdown_all()
    presence.reset_for_tests()
    yield
    hub.shutdown_all()
    presence.reset_for_tests()
    # sync_to_async's shared worker thread (used by async tests and Channels) keeps its own connection;
    # forget it (SQLite's in-memory test database ignores close()), or a later test without database
    # access would find it there.
    SyncToAsync.single_thread_executor.submit(_forget_thread_connections).result()
    database["CONN_MAX_AGE"] = max_age


def _forget_thread_connections():
    for alias in list(connections.settings):
        connections[alias].close()
        del connections[alias]


def make_point(commune, code: str, *, village=None, operator_name="Anh Tuấn", operator_phone="0912345678") -> Point:
    point, token = point_create(
        code=code,
        name=f"Nhà văn hoá {code}",
        commune=commune,
        village=village,
        operator_name=operator_name,
        operator_phone=operator_phone,
    )
    return Point(point, point.code, token)


def make_session(province, *, points, commune=None, open_it=True, interval=20, title="Nhận diện lừa đảo qua mạng"):
    start = timezone.now() - timedelta(minutes=5)
    session = session_schedule(
        title=title,
        province=province,
        commune=commune,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=2),
        stream_url="https://www.youtube.com/watch?v=demo",
        points=[p.obj for p in points],
    )
    if interval != 20:
        LiveSession.objects.filter(pk=session.pk).update(heartbeat_interval=interval)
        session.refresh_from_db()
    if open_it:
        session_open(session=session)
    return session


@pytest.fixture
def points(pho_hien, other_commune_in_hung_yen):
    village = pho_hien.villages.get(name="Thôn 3")
    return [
        make_point(pho_hien, "PH-01", village=village),
        make_point(pho_hien, "PH-02", operator_name="Chị Lan", operator_phone="0987654321"),
        make_point(other_commune_in_hung_yen, "AT-01"),
    ]


@pytest.fixture
def live_session(hung_yen, points):
    return make_session(hung_yen, points=points)


def learner_client(client, village, *, name="Bà Năm"):
    """Put a joined learner's signed cookie on the test client (as the join flow leaves it on a phone)."""
    learner = learner_join(village=village, display_name=name)
    response = HttpResponse()
    remember_learner(response, learner)
    client.cookies[settings.LEARNER_COOKIE_NAME] = response.cookies[settings.LEARNER_COOKIE_NAME].value
    return learner
