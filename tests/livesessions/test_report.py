"""The end-of-class report, its CSV/XLSX exports and the head count a trainer enters late from the paper sheet."""

import csv
import io
from collections import defaultdict
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from django.utils.translation import gettext

from learners.services import learner_delete, learner_join, learner_update
from livesessions.models import CheckIn, PointPresence
from livesessions.reports import report_by_commune, report_by_village, report_points, report_total
from livesessions.scheduling import point_create, session_open, session_schedule
from places.models import StaffRole

INDEX = "/admin/livesessions_session/"
COLUMNS = ["invited", "connected", "minutes", "peak", "late", "checkins"]


@pytest.fixture
def points(pho_hien, other_commune_in_hung_yen):
    village = {v.name: v for v in [*pho_hien.villages.all(), *other_commune_in_hung_yen.villages.all()]}

    def make(code, commune, village_name=None):
        return point_create(
            code=code, name=f"Điểm {code}", commune=commune, village=village.get(village_name), operator_name="Thử"
        )[0]

    return {
        "PH-01": make("PH-01", pho_hien, "Thôn 1"),
        "PH-02": make("PH-02", pho_hien, "Thôn 1"),  # two halls in one village
        "PH-03": make("PH-03", pho_hien, "Thôn 2"),
        "PH-04": make("PH-04", pho_hien, "Thôn 3"),  # invited, never connected
        "PH-00": make("PH-00", pho_hien),  # the ward's own hall, no village
        "AT-01": make("AT-01", other_commune_in_hung_yen, "Thôn Ân Thi 1"),
    }


@pytest.fixture
def session(points, hung_yen, provincial_admin):
    start = timezone.now() - timedelta(hours=2)
    session = session_schedule(
        title="Lớp toàn tỉnh 1/11",
        province=hung_yen,
        commune=None,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=3),
        created_by=provincial_admin,
    )
    return session_open(session=session)


@pytest.fixture
def recorded(session, points, pho_hien, other_commune_in_hung_yen, provincial_admin):
    """Presences and check-ins as the sockets and phones would have left them."""
    seen = timezone.now() - timedelta(hours=1)
    for code, seconds, peak, last in [
        ("PH-01", 3_590, 48, 45),
        ("PH-02", 1_210, 30, 12),
        ("PH-03", 45, 7, 7),
        ("PH-00", 7_200, 120, 118),
        ("AT-01", 3_600, 61, 60),
    ]:
        PointPresence.objects.create(
            session=session,
            point=points[code],
            first_seen_at=seen,
            last_seen_at=seen + timedelta(seconds=seconds),
            connected_seconds=seconds,
            connections=2,
            high_seq=10,
            last_headcount=last,
            peak_headcount=peak,
        )
    # A row without a connection: the trainer entered the paper sheet's count for a hall that never connected.
    PointPresence.objects.create(
        session=session,
        point=points["PH-04"],
        late_headcount=25,
        late_reported_by=provincial_admin,
        late_reported_at=timezone.now(),
    )
    PointPresence.objects.filter(point=points["PH-01"]).update(
        late_headcount=52, late_reported_by=provincial_admin, late_reported_at=timezone.now()
    )

    village = {v.name: v for v in [*pho_hien.villages.all(), *other_commune_in_hung_yen.villages.all()]}
    for village_name, point_code, how_many in [
        ("Thôn 1", "PH-01", 3),
        ("Thôn 2", None, 2),
        ("Thôn 10", "PH-00", 1),
        ("Tổ dân phố Đông", None, 1),
        ("Thôn Ân Thi 1", "AT-01", 2),
    ]:
        for _ in range(how_many):
            learner = learner_join(village=village[village_name])
            CheckIn.objects.create(
                session=session, learner=learner, village=learner.village, point=points.get(point_code)
            )
    # Checked in from Thôn 2, then moved to Thôn 3: still counts in Thôn 2.
    mover = CheckIn.objects.filter(village=village["Thôn 2"]).first().learner
    learner_update(learner=mover, village=village["Thôn 3"])
    # Checked in from Thôn 1, then deleted their data: the check-in stays, without a person.
    learner_delete(learner=CheckIn.objects.filter(village=village["Thôn 1"]).first().learner)
    assert CheckIn.objects.filter(learner__isnull=True).count() == 1
    return session


def _recount(session, communes=None) -> dict[tuple[str, str], dict[str, int]]:
    """The report's figures counted the plain way, one raw row at a time."""
    whole_commune = gettext("(points serving the whole commune)")
    figures = defaultdict(lambda: dict.fromkeys(COLUMNS, 0) | {"late": None, "seconds": 0})

    def key(commune, village):
        return (commune.name, village.name if village else whole_commune)

    for point in session.invited_points.all():
        if communes is None or point.commune in communes:
            figures[key(point.commune, point.village)]["invited"] += 1
    for presence in PointPresence.objects.filter(session=session):
        point = presence.point
        if communes is not None and point.commune not in communes:
            continue
        row = figures[key(point.commune, point.village)]
        row["connected"] += presence.first_seen_at is not None
        row["seconds"] += presence.connected_seconds
        row["peak"] += presence.peak_headcount
        if presence.late_headcount is not None:
            row["late"] = (row["late"] or 0) + presence.late_headcount
    for checkin in CheckIn.objects.filter(session=session):
        if communes is None or checkin.village.commune in communes:
            figures[key(checkin.village.commune, checkin.village)]["checkins"] += 1
    for row in figures.values():
        row["minutes"] = round(row.pop("seconds") / 60 + 1e-9)
    return dict(figures)


def _as_figures(row) -> dict[str, int]:
    return {
        "invited": row.points_invited,
        "connected": row.points_connected,
        "minutes": row.minutes_connected,
        "peak": row.peak_headcount,
        "late": row.late_headcount,
        "checkins": row.checkins,
    }


def test_the_report_equals_a_recount_of_the_raw_rows(recorded):
    expected = _recount(recorded)
    villages = report_by_village(recorded)
    assert {(row.commune, row.village_label): _as_figures(row) for row in villages} == expected
    # Spot checks a trainer would make with the paper sheets in hand.
    assert expected[("Phường Phố Hiến", "Thôn 1")] == {
        "invited": 2, "connected": 2, "minutes": 80, "peak": 78, "late": 52, "checkins": 3
    }  # fmt: skip
    assert expected[("Phường Phố Hiến", "Thôn 2")]["checkins"] == 2  # the learner who moved still counts here
    assert expected[("Phường Phố Hiến", "Thôn 3")] == {
        "invited": 1, "connected": 0, "minutes": 0, "peak": 0, "late": 25, "checkins": 0
    }  # fmt: skip

    communes = report_by_commune(recorded)
    seconds = defaultdict(int)
    for presence in PointPresence.objects.filter(session=recorded).select_related("point__commune"):
        seconds[presence.point.commune.name] += presence.connected_seconds
    for row in communes:
        in_commune = [figures for (commune, _), figures in expected.items() if commune == row.commune]
        got = _as_figures(row)
        for column in ["invited", "connected", "peak", "checkins"]:
            assert got[column] == sum(figures[column] for figures in in_commune), (row.commune, column)
        assert got["minutes"] == round(seconds[row.commune] / 60)
        late = [figures["late"] for figures in in_commune if figures["late"] is not None]
        assert got["late"] == (sum(late) if late else None)
    total = report_total(communes)
    assert total.checkins == CheckIn.objects.filter(session=recorded).count() == 9
    assert total.peak_headcount == sum(
        PointPresence.objects.filter(session=recorded).values_list("peak_headcount", flat=True)
    )


def _download(client, session, export, level):
    response = client.get(f"{INDEX}{session.pk}/report/", {"export": export, "level": level})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _rows_from_csv(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())  # Excel needs it to read Vietnamese letters
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _rows_from_xlsx(body: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    return [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_the_exports_hold_the_same_figures_as_the_recount(client, provincial_admin, recorded):
    client.force_login(provincial_admin)
    expected = _recount(recorded)
    for export, parse in (("csv", _rows_from_csv), ("xlsx", _rows_from_xlsx)):
        rows = parse(_download(client, recorded, export, "thon"))
        header, *body, total = rows
        assert header == [
            gettext("Commune"), gettext("Village"), gettext("Points invited"), gettext("Points connected"),
            gettext("Minutes connected"), gettext("Peak head count (connection)"),
            gettext("Head count reported late"), gettext("Check-ins"),
        ]  # fmt: skip
        got = {}
        for commune, village, *numbers in body:
            got[(commune, village)] = {
                column: (None if value in ("", None) else int(value))
                for column, value in zip(COLUMNS, numbers, strict=True)
            }
        assert got == expected, export
        assert total[0] == gettext("Total") and int(total[-1]) == 9

        communes = parse(_download(client, recorded, export, "xa"))
        assert [row[0] for row in communes[1:-1]] == ["Phường Phố Hiến", "Xã Ân Thi"]
        ph = communes[1]
        assert int(ph[1]) == sum(f["invited"] for (c, _), f in expected.items() if c == "Phường Phố Hiến")
        assert int(ph[-1]) == sum(f["checkins"] for (c, _), f in expected.items() if c == "Phường Phố Hiến")


def test_a_trainer_sees_only_their_communes_rows(client, commune_trainer, pho_hien, recorded):
    client.force_login(commune_trainer)
    expected = _recount(recorded, communes=[pho_hien])
    rows = _rows_from_csv(_download(client, recorded, "csv", "thon"))
    assert {(row[0], row[1]) for row in rows[1:-1]} == set(expected)
    html = client.get(f"{INDEX}{recorded.pk}/report/").content.decode()
    assert "Thôn Ân Thi 1" not in html and "AT-01" not in html and "Thôn 10" in html


def test_the_report_takes_the_same_few_queries_however_much_was_recorded(recorded, django_assert_num_queries):
    with django_assert_num_queries(5):
        villages = report_by_village(recorded)
    with django_assert_num_queries(0):
        report_by_commune(recorded, village_rows=villages)
    with django_assert_num_queries(2):
        rows = report_points(recorded)
        [row.presence and row.presence.late_reported_by for row in rows]


def _late(client, session, point, headcount):
    return client.post(f"{INDEX}{session.pk}/report/{point.pk}/late/", {"headcount": headcount})


def test_a_late_head_count_is_kept_beside_the_sockets_figures(client, commune_trainer, session, points, recorded):
    client.force_login(commune_trainer)
    point = points["PH-02"]

    response = _late(client, session, point, "41")

    assert response.status_code == 302
    presence = PointPresence.objects.get(session=session, point=point)
    assert (presence.peak_headcount, presence.last_headcount, presence.connected_seconds) == (30, 12, 1_210)
    assert presence.late_headcount == 41 and presence.late_reported_by == commune_trainer
    assert timezone.now() - presence.late_reported_at < timedelta(minutes=1)
    html = client.get(f"{INDEX}{session.pk}/report/").content.decode()
    assert gettext("reported late") in html and "giangvien" in html
    row = next(row for row in report_points(session) if row.point == point)
    assert row.presence.peak_headcount == 30 and row.presence.late_headcount == 41


def test_a_late_head_count_is_refused_out_of_range_or_outside_the_area(
    client, commune_trainer, make_staff, other_province_commune, session, points, recorded
):
    client.force_login(commune_trainer)
    for bad in ("5001", "-1", "nhiều"):
        html = _late(client, session, points["PH-03"], bad).content.decode()
        assert (
            gettext("The head count must be between 0 and 5000.") in html
            or gettext("Please enter a whole number.") in html
        )
    assert _late(client, session, points["AT-01"], "10").status_code == 404  # another commune's point

    hanoi = make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)
    client.force_login(hanoi)
    assert _late(client, session, points["PH-03"], "10").status_code == 404
    assert not PointPresence.objects.filter(point=points["PH-03"], late_headcount__isnull=False).exists()


def test_a_late_head_count_waits_until_the_class_has_been_opened(client, commune_trainer, pho_hien, points):
    start = timezone.now() + timedelta(days=1)
    later = session_schedule(
        title="Lớp tuần sau", province=pho_hien.province, commune=pho_hien,
        scheduled_start=start, scheduled_end=start + timedelta(hours=1),
    )  # fmt: skip
    client.force_login(commune_trainer)
    html = _late(client, later, points["PH-01"], "10").content.decode()
    assert gettext("The class has not started yet: a head count can be entered once it is open.") in html
    assert not PointPresence.objects.filter(session=later).exists()
