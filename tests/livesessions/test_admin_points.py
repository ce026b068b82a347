"""Trainers keep their connection points in the admin; a point's secret code is shown once and printed on cards."""

import re

import pytest
from django.utils.translation import gettext

from livesessions.models import ConnectionPoint
from livesessions.scheduling import point_create
from places.models import StaffRole

INDEX = "/admin/livesessions_point/"
CARD_LINK = re.compile(r"/live/diem-cau/#diem=([A-Z0-9-]+)&amp;khoa=([A-Za-z0-9_-]{20,})")


def _new_point(client, home, **extra):
    data = {
        "code": "ph-01",
        "name": "Nhà văn hoá Thôn 1",
        "commune": home.pk,
        "village": home.villages.get(name="Thôn 1").pk,
        "operator_name": "Người Thử Nghiệm",
        "operator_phone": "0900000001",
        "is_active": "on",
        **extra,
    }
    return client.post(f"{INDEX}new/", data)


@pytest.fixture
def points(pho_hien, other_commune_in_hung_yen):
    mine, mine_token = point_create(code="PH-01", name="Nhà văn hoá Thôn 1", commune=pho_hien)
    theirs, _ = point_create(code="AT-01", name="Hội trường Ân Thi", commune=other_commune_in_hung_yen)
    return mine, mine_token, theirs


def test_creating_a_point_shows_its_secret_code_once_and_stores_only_its_hash(client, commune_trainer, pho_hien):
    client.force_login(commune_trainer)
    response = _new_point(client, pho_hien)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert gettext("The secret code is shown only once.") in html
    code, token = CARD_LINK.search(html).groups()
    assert code == "PH-01"
    assert "<svg" in html and 'class="segno"' in html

    point = ConnectionPoint.objects.get(code="PH-01")
    assert token not in point.token_hash and point.token_matches(token)
    for page in (INDEX, f"{INDEX}edit/{point.pk}/"):
        assert token not in client.get(page).content.decode()


def test_a_trainer_cannot_put_a_point_in_another_commune(client, commune_trainer, pho_hien, other_commune_in_hung_yen):
    client.force_login(commune_trainer)
    form = client.get(f"{INDEX}new/").content.decode()
    assert "Phường Phố Hiến" in form and "Xã Ân Thi" not in form

    response = _new_point(client, pho_hien, commune=other_commune_in_hung_yen.pk, village="")
    assert response.status_code == 200 and not CARD_LINK.search(response.content.decode())
    assert not ConnectionPoint.objects.exists()


def test_a_code_already_taken_gets_a_plain_error(client, commune_trainer, pho_hien, points):
    client.force_login(commune_trainer)
    html = _new_point(client, pho_hien, code="at-01").content.decode()
    message = gettext("The code %(code)s is already used by another connection point. Please choose another.")
    assert message % {"code": "AT-01"} in html
    assert ConnectionPoint.objects.count() == 2


def test_a_trainer_sees_and_edits_only_their_communes_points(client, commune_trainer, points):
    _mine, _token, theirs = points
    client.force_login(commune_trainer)
    html = client.get(INDEX).content.decode()
    assert "Nhà văn hoá Thôn 1" in html and "Hội trường Ân Thi" not in html
    assert client.get(f"{INDEX}edit/{theirs.pk}/").status_code == 404
    assert client.post(f"{INDEX}{theirs.pk}/new-code/").status_code == 404


def test_an_admin_of_another_province_cannot_reach_the_points(client, make_staff, other_province_commune, points):
    mine, token, _theirs = points
    hanoi = make_staff("hanoi", StaffRole.PROVINCIAL_ADMIN, province=other_province_commune.province)
    client.force_login(hanoi)
    assert "Nhà văn hoá Thôn 1" not in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}edit/{mine.pk}/").status_code == 404
    assert client.post(f"{INDEX}{mine.pk}/new-code/").status_code == 404
    mine.refresh_from_db()
    assert mine.token_matches(token)


def test_a_new_code_stops_the_old_card_working(client, commune_trainer, points):
    point, old_token, _theirs = points
    client.force_login(commune_trainer)

    confirm = client.get(f"{INDEX}{point.pk}/new-code/")
    assert confirm.status_code == 200
    point.refresh_from_db()
    assert point.token_matches(old_token)  # looking at the question changes nothing

    response = client.post(f"{INDEX}{point.pk}/new-code/")
    assert "no-store" in response["Cache-Control"]
    _code, new_token = CARD_LINK.search(response.content.decode()).groups()
    point.refresh_from_db()
    assert point.token_matches(new_token) and not point.token_matches(old_token)


def test_operator_cards_issue_new_codes_only_after_a_confirmed_post(client, provincial_admin, points):
    mine, old_token, theirs = points
    client.force_login(provincial_admin)

    chooser = client.get(f"{INDEX}print/")
    assert chooser.status_code == 200 and not CARD_LINK.search(chooser.content.decode())

    unconfirmed = client.post(f"{INDEX}print/", {"sheet": "cards", "points": [mine.pk, theirs.pk]})
    assert gettext("Tick the box to confirm: new cards are issued and the old cards stop working.") in (
        unconfirmed.content.decode()
    )
    mine.refresh_from_db()
    assert mine.token_matches(old_token)

    response = client.post(
        f"{INDEX}print/", {"sheet": "cards", "points": [mine.pk, theirs.pk], "confirm_new_tokens": "1"}
    )
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    cards = dict(CARD_LINK.findall(html))
    assert set(cards) == {"PH-01", "AT-01"}
    assert html.count('<svg viewBox="') == 2  # one QR per card
    assert "@page { size: A4; margin: 12mm; }" in html
    for point in (mine, theirs):
        point.refresh_from_db()
        assert point.token_matches(cards[point.code])
    assert not mine.token_matches(old_token)


def test_operator_cards_cannot_be_printed_for_a_point_outside_the_scope(client, commune_trainer, points):
    _mine, _token, theirs = points
    client.force_login(commune_trainer)
    response = client.post(f"{INDEX}print/", {"sheet": "cards", "points": [theirs.pk], "confirm_new_tokens": "1"})
    assert not CARD_LINK.search(response.content.decode())
    theirs_before = theirs.token_hash
    theirs.refresh_from_db()
    assert theirs.token_hash == theirs_before


def test_check_in_posters_hold_no_secret(client, commune_trainer, points):
    point, token, _theirs = points
    client.force_login(commune_trainer)
    for response in (
        client.get(f"{INDEX}posters/"),
        client.post(f"{INDEX}print/", {"sheet": "posters", "points": [point.pk]}),
    ):
        html = response.content.decode()
        assert "/live/diem-danh/PH-01/" in html
        assert html.count('<svg viewBox="') == 1
        assert token not in html and "khoa=" not in html
        assert "Hội trường Ân Thi" not in html
    point.refresh_from_db()
    assert point.token_matches(token)


def test_the_demo_has_one_point_per_village_and_prints_no_secret(pho_hien):
    from io import StringIO

    from django.core.management import call_command

    for _run in range(2):
        out = StringIO()
        call_command("demo_points", stdout=out)
    points = ConnectionPoint.objects.filter(commune=pho_hien)
    assert points.count() == pho_hien.villages.count() + 1
    assert points.get(code="PH-00").village is None
    assert all(point.token_hash for point in points)
    assert "khoa=" not in out.getvalue() and "0 " in out.getvalue()


def test_the_provincial_union_filters_points_by_commune(client, provincial_admin, other_commune_in_hung_yen, points):
    client.force_login(provincial_admin)
    everything = client.get(INDEX).content.decode()
    assert "Nhà văn hoá Thôn 1" in everything and "Hội trường Ân Thi" in everything
    filtered = client.get(INDEX, {"commune": other_commune_in_hung_yen.pk}).content.decode()
    assert "Hội trường Ân Thi" in filtered and "Nhà văn hoá Thôn 1" not in filtered
    assert "Hội trường Ân Thi" in client.get(INDEX, {"q": "AT-01"}).content.decode()
