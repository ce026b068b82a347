"""The reach dashboard as staff use it: their own area only, filters by local days and theme, drill-down,
the villages not reached yet, pictures with the same numbers as their tables, and no villager named."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext

from livesessions.models import CheckIn, PointPresence
from livesessions.scheduling import point_create
from places.models import AuditAction, StaffAuditEntry
from reach import charts, rollups
from reach.selectors import DayActivity
from tests.html_tables import Tables
from tests.reach.conftest import SECRET_NAME, by_name, tables_of
from tests.security.conftest import shows

pytestmark = pytest.mark.django_db

WHOLE = {"tu": "2026-01-01", "den": "2026-02-28"}
JANUARY = {"tu": "2026-01-01", "den": "2026-01-31"}
FEBRUARY = {"tu": "2026-02-01", "den": "2026-02-28"}
# villages reached, in all, coverage, classes, connections, head count, learners, check-ins, completions,
# quiz attempts, pass rate — the columns of reach.selectors.FIGURES


def province_url(world) -> str:
    return reverse("reach:province", args=[world.province.pk])


def commune_url(commune) -> str:
    return reverse("reach:commune", args=[commune.pk])


def village_url(village) -> str:
    return reverse("reach:village", args=[village.pk])


def test_staff_are_sent_to_their_own_area(client, reach_world, provincial_admin, commune_trainer):
    client.force_login(provincial_admin)
    response = client.get(reverse("reach:index"))
    assert (response.status_code, response.url) == (302, province_url(reach_world))
    client.force_login(commune_trainer)
    response = client.get(reverse("reach:index"), JANUARY)
    assert response.status_code == 302
    assert response.url.startswith(commune_url(reach_world.pho_hien) + "?") and "tu=2026-01-01" in response.url


def test_a_superuser_chooses_a_province_with_its_villages_counted(client, reach_world):
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    page = client.get(reverse("reach:index"))
    provinces = by_name(tables_of(page)["provinces"])
    assert provinces["Hưng Yên"] == ["6"] and len(provinces) == 34
    assert province_url(reach_world) in page.content.decode()


def test_the_menu_shows_reach_to_staff_with_a_scope_only(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    assert reverse("reach:index") in client.get(reverse("wagtailadmin_home")).content.decode()
    no_scope = get_user_model().objects.create_user(username="khongphamvi", password="x", is_staff=True)
    no_scope.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(no_scope)
    # Wagtail's admin answers a refused permission with a message and a redirect to its home.
    for url in (reverse("reach:index"), province_url(reach_world)):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert reverse("reach:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_province_shows_each_commune_and_the_province_total(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    page = client.get(province_url(reach_world), WHOLE)
    communes = by_name(tables_of(page)["figures"])
    assert communes["Phường Phố Hiến"] == ["2", "5", "40 %", "2", "1", "30", "2", "2", "1", "1", "100 %"]
    assert communes["Xã Ân Thi"] == ["1", "1", "100 %", "1", "1", "12", "1", "1", "0", "0", "—"]
    assert communes["Tổng cộng"] == ["3", "6", "50 %", "2", "2", "42", "3", "3", "1", "1", "100 %"]
    content = page.content.decode()
    assert shows(content, "Villages reached") and "3 / 6" in content  # the first card


def test_a_trainer_sees_their_commune_and_cannot_read_the_province_or_another_commune(
    client, reach_world, commune_trainer
):
    client.force_login(commune_trainer)  # Phường Phố Hiến
    page = client.get(commune_url(reach_world.pho_hien), WHOLE)
    villages = by_name(tables_of(page)["figures"])
    assert set(villages) == {"Thôn 1", "Thôn 2", "Thôn 3", "Thôn 10", "Tổ dân phố Đông", "Tổng cộng"}
    assert villages["Thôn 3"][:7] == ["1", "1", "100 %", "1", "1", "30", "1"]
    assert "Xã Ân Thi" not in page.content.decode()
    forbidden = [
        province_url(reach_world),
        commune_url(reach_world.an_thi),
        village_url(reach_world.villages["Thôn Ân Thi 1"]),
    ]
    for url in forbidden:
        assert client.get(url, WHOLE).status_code == 404, url
        for table in ("xa", "thon", "tong", "hoat-dong", "chua-den"):
            assert client.get(url, {**WHOLE, "export": "csv", "bang": table}).status_code == 404, url
    assert not StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_provincial_admin_sees_only_their_own_province(client, reach_world, ha_noi_admin, other_province_commune):
    client.force_login(ha_noi_admin)
    assert client.get(province_url(reach_world)).status_code == 404
    assert client.get(commune_url(reach_world.pho_hien)).status_code == 404
    assert client.get(village_url(reach_world.villages["Thôn 3"])).status_code == 404
    assert client.get(province_url(reach_world), {"export": "xlsx"}).status_code == 404
    assert not StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
    own = client.get(reverse("reach:province", args=[other_province_commune.province_id]))
    assert own.status_code == 200 and "Phường Hoàn Kiếm" in own.content.decode()


def test_a_class_at_2330_on_31_january_counts_in_january_only(client, reach_world, provincial_admin):
    # Its check-in was recorded after midnight, on 1 February: the class still counts on the day it started.
    CheckIn.objects.filter(session=reach_world.night_class).update(created_at=reach_world.night_class.scheduled_end)
    client.force_login(provincial_admin)
    january = by_name(tables_of(client.get(province_url(reach_world), JANUARY))["figures"])
    february = by_name(tables_of(client.get(province_url(reach_world), FEBRUARY))["figures"])
    assert january["Phường Phố Hiến"][:8] == ["1", "5", "20 %", "1", "1", "30", "1", "1"]
    assert february["Phường Phố Hiến"][:8] == ["1", "5", "20 %", "1", "0", "0", "1", "1"]
    last_day = tables_of(client.get(province_url(reach_world), {"tu": "2026-01-31", "den": "2026-01-31"}))
    first_day = tables_of(client.get(province_url(reach_world), {"tu": "2026-02-01", "den": "2026-02-01"}))
    assert by_name(last_day["figures"])["Tổng cộng"][:3] == ["1", "6", "16,7 %"]
    assert by_name(first_day["figures"])["Tổng cộng"][:3] == ["0", "6", "0 %"]
    assert by_name(last_day["activity"]) == {"31/01/2026": ["1", "0", "30"]}


def test_the_theme_filter_keeps_only_that_theme(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    scams = by_name(tables_of(client.get(province_url(reach_world), {**WHOLE, "chu_de": "lua-dao"}))["figures"])
    assert scams["Phường Phố Hiến"] == ["2", "5", "40 %", "1", "1", "30", "2", "1", "1", "1", "100 %"]
    assert scams["Xã Ân Thi"][:8] == ["0", "1", "0 %", "0", "0", "0", "0", "0"]
    services = by_name(tables_of(client.get(province_url(reach_world), {**WHOLE, "chu_de": "dich-vu-cong"}))["figures"])
    assert services["Phường Phố Hiến"] == ["1", "5", "20 %", "1", "0", "0", "1", "1", "0", "0", "—"]
    assert services["Xã Ân Thi"][:6] == ["1", "1", "100 %", "1", "1", "12"]


def test_from_after_to_is_refused_in_vietnamese_and_the_figures_stay_the_usual_ones(
    client, reach_world, provincial_admin
):
    client.force_login(provincial_admin)
    usual = tables_of(client.get(province_url(reach_world)))["figures"]
    response = client.get(province_url(reach_world), {"tu": "2026-02-28", "den": "2026-01-01"})
    content = response.content.decode()
    assert shows(content, "The start date must be on or before the end date.")
    assert tables_of(response)["figures"] == usual
    export = client.get(province_url(reach_world), {"tu": "2026-02-28", "den": "2026-01-01", "export": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/html")  # the screen, not a file
    assert not StaffAuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
    typo = client.get(province_url(reach_world), {"tu": "0001-01-01", "den": "2026-01-01"})
    assert shows(typo.content, "Choose a range of at most ten years.")


def test_the_villages_not_reached_yet_are_listed_with_their_commune(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    rows = tables_of(client.get(province_url(reach_world), WHOLE))["not-reached"][1:]
    assert sorted(rows) == [
        ["Phường Phố Hiến", "Thôn 10"],
        ["Phường Phố Hiến", "Thôn 2"],
        ["Phường Phố Hiến", "Tổ dân phố Đông"],
    ]
    january = tables_of(client.get(province_url(reach_world), JANUARY))["not-reached"][1:]
    assert ["Xã Ân Thi", "Thôn Ân Thi 1"] in january and ["Phường Phố Hiến", "Thôn 3"] not in january


def test_commune_names_drill_down_with_the_same_filter(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    page = Tables(client.get(province_url(reach_world), JANUARY).content.decode())
    rows = dict(zip([row[0] for row in page.tables["figures"]], page.links["figures"], strict=True))
    assert rows["Phường Phố Hiến"] == f"{commune_url(reach_world.pho_hien)}?tu=2026-01-01&den=2026-01-31"
    commune_page = client.get(rows["Phường Phố Hiến"])
    commune = Tables(commune_page.content.decode())
    links = dict(zip([row[0] for row in commune.tables["figures"]], commune.links["figures"], strict=True))
    assert links["Thôn 3"] == f"{village_url(reach_world.villages['Thôn 3'])}?tu=2026-01-01&den=2026-01-31"
    assert f'href="{province_url(reach_world)}?tu=2026-01-01&amp;den=2026-01-31"' in commune_page.content.decode()
    village_page = client.get(links["Thôn 3"])
    assert by_name(tables_of(village_page)["figures"])["Thôn 3"][:7] == ["1", "1", "100 %", "1", "1", "30", "1"]


def test_a_trainer_gets_no_link_to_the_province(client, reach_world, commune_trainer):
    client.force_login(commune_trainer)
    for url in (commune_url(reach_world.pho_hien), village_url(reach_world.villages["Thôn 3"])):
        content = client.get(url).content.decode()
        assert province_url(reach_world) not in content


def test_a_village_with_nothing_says_it_is_not_reached_yet(client, reach_world, commune_trainer):
    client.force_login(commune_trainer)
    quiet = client.get(village_url(reach_world.villages["Thôn 2"]), WHOLE)
    assert shows(quiet.content, "Not reached yet: nothing happened in this village in the chosen range.")
    busy = client.get(village_url(reach_world.villages["Thôn 3"]), WHOLE)
    assert not shows(busy.content, "Not reached yet: nothing happened in this village in the chosen range.")


def test_each_picture_has_a_title_a_description_and_a_table_of_its_numbers(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    response = client.get(province_url(reach_world), WHOLE)
    content = response.content.decode()
    assert content.count("<svg") >= 2 and content.count("<desc") >= 2
    assert 'aria-labelledby="reach-bars-title reach-bars-desc"' in content
    bars = by_name(tables_of(response)["bars-table"])
    assert bars == {"Phường Phố Hiến": ["2", "5", "40 %"], "Xã Ân Thi": ["1", "1", "100 %"]}  # least covered first
    activity = by_name(tables_of(response)["activity"])  # 59 days: drawn day by day
    assert len(activity) == 59
    assert activity["31/01/2026"] == ["1", "0", "30"]
    assert activity["10/02/2026"] == ["2", "0", "12"] and activity["11/02/2026"] == ["0", "1", "0"]


def _days(start: date, count: int) -> list[DayActivity]:
    return [DayActivity(date.fromordinal(start.toordinal() + i), 1, 0, 2) for i in range(count)]


def test_long_ranges_are_drawn_by_week_then_by_month():
    assert len(charts.activity_periods(_days(date(2026, 1, 1), 62))) == 62
    weeks = charts.activity_periods(_days(date(2026, 1, 1), 63))  # a Thursday: the first week is cut short
    assert (weeks[0].start, weeks[0].end, weeks[0].checkins) == (date(2026, 1, 1), date(2026, 1, 4), 4)
    assert (weeks[1].start, weeks[1].end, weeks[1].headcount) == (date(2026, 1, 5), date(2026, 1, 11), 14)
    assert sum(week.checkins for week in weeks) == 63
    assert len(charts.activity_periods(_days(date(2026, 1, 1), 400))) == 58
    months = charts.activity_periods(_days(date(2025, 1, 1), 401))
    assert [m.label for m in months[:2]] == ["01/2025", "02/2025"] and months[1].checkins == 28
    assert sum(m.checkins for m in months) == 401
    svg = charts.activity_line_svg(_days(date(2025, 1, 1), 401))
    assert "<title" in svg and "<desc" in svg and "<script" not in svg


def test_no_villager_is_named_on_any_screen(client, reach_world, provincial_admin):
    client.force_login(provincial_admin)
    urls = [
        province_url(reach_world),
        commune_url(reach_world.pho_hien),
        village_url(reach_world.villages["Thôn 3"]),
    ]
    for url in urls:
        content = client.get(url, WHOLE).content.decode()
        assert SECRET_NAME not in content and "1961" not in content, url


def test_the_province_screen_costs_the_same_few_queries_however_many_communes_it_lists(
    client, reach_world, provincial_admin, django_assert_max_num_queries
):
    client.force_login(provincial_admin)
    # 36 today: the admin's own (session, user, permissions, menu), about a dozen for the figures and the
    # settling of learner counts and closed classes; none per row of its hundred-odd communes or of the 59 days.
    with django_assert_max_num_queries(40):
        assert client.get(province_url(reach_world), WHOLE).status_code == 200


def test_a_point_serving_the_whole_commune_has_its_own_row_so_the_columns_add_up(client, reach_world, commune_trainer):
    hall, _token = point_create(code="PH-XA", name="Hội trường phường", commune=reach_world.pho_hien, village=None)
    start = reach_world.day_class.scheduled_start
    PointPresence.objects.create(
        session=reach_world.day_class, point=hall, first_seen_at=start, connections=1, peak_headcount=50
    )
    rollups.rebuild()
    client.force_login(commune_trainer)
    page = Tables(client.get(commune_url(reach_world.pho_hien), WHOLE).content.decode())
    rows = by_name(page.tables["figures"])
    hall_row = rows[gettext("Points serving the whole commune")]
    assert hall_row[:6] == ["0", "0", "—", "1", "1", "50"]
    assert rows["Tổng cộng"][3:6] == ["2", "2", "80"]  # two classes, two points, 30 + 50 people
    links = dict(zip([row[0] for row in page.tables["figures"]], page.links["figures"], strict=True))
    assert links[gettext("Points serving the whole commune")] is None  # not a village: nothing to open
