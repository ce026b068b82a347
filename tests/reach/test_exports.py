"""CSV and XLSX exports of the reach dashboard: the screen's figures under the screen's Vietnamese headings, for
the filter in force, one audit entry each, never a villager's name."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from places.models import AuditAction, StaffAuditEntry, Village
from places.text import fold_diacritics
from tests.reach.conftest import SECRET_NAME, number, tables_of

pytestmark = pytest.mark.django_db

WHOLE = {"tu": "2026-01-01", "den": "2026-02-28"}


def read_csv(response) -> list[list]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads the Vietnamese letters as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response) -> list[list]:
    body = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    # openpyxl leaves out a row's empty cells at its end: put them back, as a spreadsheet shows them.
    return [row + [None] * (len(rows[0]) - len(row)) for row in rows]


def export(client, url, fmt, table, **params):
    response = client.get(url, {**WHOLE, **params, "export": fmt, "bang": table})
    assert response.status_code == 200
    return response, (read_csv if fmt == "csv" else read_xlsx)(response)


def as_figures(row: list) -> list:
    """Name first, then each figure as a number (or None), whether from the screen, a CSV or an XLSX."""
    return [row[0], *(number(str(cell)) if cell not in (None, "") else None for cell in row[1:])]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_province_table_export_equals_the_screen(client, reach_world, provincial_admin, fmt):
    client.force_login(provincial_admin)
    url = reverse("reach:province", args=[reach_world.province.pk])
    screen = tables_of(client.get(url, WHOLE))["figures"]
    response, rows = export(client, url, fmt, "xa")
    assert rows[0] == screen[0]  # the same Vietnamese headings, "Xã/phường" first
    assert rows[0][0] == "Xã/phường"
    assert [as_figures(row) for row in rows[1:]] == [as_figures(row) for row in screen[1:]]
    assert rows[-1][0] == "Tổng cộng"  # the total row last
    if fmt == "xlsx":
        ph = next(row for row in rows if row[0] == "Phường Phố Hiến")
        assert ph[3] == 40 and isinstance(ph[1], int)  # per cent as a number, counts as numbers
    filename = f"do-phu-hung-yen-xa-2026-01-01-2026-02-28.{fmt}"
    assert filename in response["Content-Disposition"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_commune_and_village_exports_equal_their_screens(client, reach_world, commune_trainer, fmt):
    client.force_login(commune_trainer)
    url = reverse("reach:commune", args=[reach_world.pho_hien.pk])
    screen = tables_of(client.get(url, {**WHOLE, "chu_de": "lua-dao"}))["figures"]
    _response, rows = export(client, url, fmt, "thon", chu_de="lua-dao")
    assert rows[0] == screen[0] and rows[0][0] == "Thôn/tổ dân phố"
    assert [as_figures(row) for row in rows[1:]] == [as_figures(row) for row in screen[1:]]

    village = reverse("reach:village", args=[reach_world.villages["Thôn 3"].pk])
    screen = tables_of(client.get(village, WHOLE))["figures"]
    _response, rows = export(client, village, fmt, "tong")
    assert rows[0] == screen[0]
    assert [as_figures(row) for row in rows[1:]] == [as_figures(row) for row in screen[1:]]
    assert rows[1][0] == "Thôn 3"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_activity_export_equals_the_table_under_the_line(client, reach_world, provincial_admin, fmt):
    client.force_login(provincial_admin)
    url = reverse("reach:province", args=[reach_world.province.pk])
    screen = tables_of(client.get(url, WHOLE))["activity"]
    _response, rows = export(client, url, fmt, "hoat-dong")
    assert rows[0][2:] == screen[0][1:]  # after "Từ ngày", "Đến ngày": the same figure headings
    assert len(rows) == len(screen) == 60  # 59 days and the headings
    for exported, shown in zip(rows[1:], screen[1:], strict=True):
        start = date.fromisoformat(exported[0]) if fmt == "csv" else exported[0]
        assert start.strftime("%d/%m/%Y") == shown[0]
        assert [number(str(cell)) for cell in exported[2:]] == [number(cell) for cell in shown[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_not_reached_export_holds_the_whole_list_the_screen_cuts_at_200(client, reach_world, provincial_admin, fmt):
    more = [f"Xóm mới {n}" for n in range(1, 206)]
    Village.objects.bulk_create(
        Village(commune=reach_world.an_thi, name=name, search_name=fold_diacritics(name)) for name in more
    )
    client.force_login(provincial_admin)
    url = reverse("reach:province", args=[reach_world.province.pk])
    page = client.get(url, WHOLE)
    shown = tables_of(page)["not-reached"]
    assert len(shown) == 201  # the headings and 200 villages
    assert "208" in page.content.decode()  # 205 new villages and three of Phố Hiến
    _response, rows = export(client, url, fmt, "chua-den")
    assert rows[0] == ["Xã/phường", "Thôn/tổ dân phố"] and len(rows) == 209
    assert rows[1 : len(shown)] == shown[1:]
    assert ["Phường Phố Hiến", "Thôn 3"] not in rows  # reached: not on the to-do list


def test_each_export_writes_one_audit_entry_with_the_area_and_the_filter(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    url = reverse("reach:commune", args=[reach_world.pho_hien.pk])
    client.get(url, WHOLE)
    assert not StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).exists()  # viewing is not exporting
    export(client, url, "xlsx", "chua-den", chu_de="lua-dao")
    entry = StaffAuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.user == provincial_admin and entry.province == reach_world.province
    detail = entry.detail
    assert (detail["format"], detail["table"], detail["level"]) == ("xlsx", "chua-den", "commune")
    assert (detail["commune"], detail["commune_name"]) == (reach_world.pho_hien.pk, "Phường Phố Hiến")
    assert (detail["province"], detail["province_name"]) == (reach_world.province.pk, "Hưng Yên")
    assert (detail["start"], detail["end"], detail["theme"]) == ("2026-01-01", "2026-02-28", "lua-dao")
    assert detail["filters"] == {"bang": "chua-den", "chu_de": "lua-dao", "den": "2026-02-28", "tu": "2026-01-01"}
    export(client, url, "csv", "thon")
    assert StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_the_default_range_is_written_to_the_audit_log_even_when_none_was_chosen(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    response = client.get(reverse("reach:province", args=[reach_world.province.pk]), {"export": "csv"})
    assert response.status_code == 200
    detail = StaffAuditEntry.objects.get(action=AuditAction.EXPORT).detail
    assert detail["start"].endswith("-01-01") and detail["table"] == "xa" and detail["theme"] == ""


def test_no_export_names_a_villager(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    areas = [
        (reverse("reach:province", args=[reach_world.province.pk]), ["xa", "hoat-dong", "chua-den"]),
        (reverse("reach:commune", args=[reach_world.pho_hien.pk]), ["thon", "hoat-dong", "chua-den"]),
        (reverse("reach:village", args=[reach_world.villages["Thôn 3"].pk]), ["tong", "hoat-dong"]),
    ]
    for url, tables in areas:
        for table in tables:
            _response, rows = export(client, url, "csv", table)
            text = repr(rows)
            assert SECRET_NAME not in text and "1961" not in text, (url, table)
