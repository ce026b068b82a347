"""The staff services behind the admin screens: invitations, new codes, head counts reported late."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from livesessions.models import ConnectionPoint, PointPresence
from livesessions.scheduling import (
    point_create,
    points_invite,
    points_token_rotate,
    presence_report_late,
    session_close,
    session_open,
    session_schedule,
)


@pytest.fixture
def point(pho_hien):
    return point_create(code="PH-01", name="Nhà văn hoá Thôn 1", commune=pho_hien)[0]


@pytest.fixture
def session(pho_hien, point):
    start = timezone.now()
    return session_schedule(
        title="Lớp thử",
        province=pho_hien.province,
        commune=pho_hien,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=1),
    )


def test_a_late_head_count_never_overwrites_what_a_heartbeat_saved_meanwhile(session, point, commune_trainer):
    session_open(session=session)
    presence = PointPresence.objects.create(session=session, point=point, peak_headcount=40, last_headcount=38)
    # A heartbeat lands between the trainer opening the form and saving it.
    PointPresence.objects.filter(pk=presence.pk).update(peak_headcount=44, last_headcount=44, connected_seconds=600)

    presence_report_late(session=session, point=point, headcount=50, reported_by=commune_trainer)

    presence.refresh_from_db()
    assert (presence.peak_headcount, presence.last_headcount, presence.connected_seconds) == (44, 44, 600)
    assert (presence.late_headcount, presence.late_reported_by) == (50, commune_trainer)


def test_a_late_head_count_for_a_point_that_never_connected_leaves_it_unconnected(session, point, commune_trainer):
    session_open(session=session)
    session_close(session=session)
    presence = presence_report_late(session=session, point=point, headcount=0, reported_by=commune_trainer)
    assert presence.first_seen_at is None and presence.late_headcount == 0 and presence.peak_headcount == 0


def test_a_late_head_count_is_refused_for_a_point_not_invited(session, point, pho_hien, commune_trainer):
    session_open(session=session)
    stranger = point_create(code="PH-77", name="Điểm không mời", commune=pho_hien)[0]
    session.invited_points.remove(stranger)
    with pytest.raises(ValidationError):
        presence_report_late(session=session, point=stranger, headcount=5, reported_by=commune_trainer)
    with pytest.raises(ValidationError):
        presence_report_late(session=session, point=point, headcount=5001, reported_by=commune_trainer)
    assert not PointPresence.objects.exists()


def test_inviting_sets_exactly_the_chosen_points(session, point, pho_hien):
    other = point_create(code="PH-02", name="Nhà văn hoá Thôn 2", commune=pho_hien)[0]
    points_invite(session=session, points=[other])
    assert list(session.invited_points.all()) == [other]


def test_new_codes_for_several_points_each_work_only_for_their_own_point(point, pho_hien):
    other, old = point_create(code="PH-02", name="Nhà văn hoá Thôn 2", commune=pho_hien)
    issued = dict(points_token_rotate(points=[point, other]))
    point, other = ConnectionPoint.objects.get(code="PH-01"), ConnectionPoint.objects.get(code="PH-02")
    assert point.token_matches(issued[point]) and other.token_matches(issued[other])
    assert not point.token_matches(issued[other]) and not other.token_matches(old)
