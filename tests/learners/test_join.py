import re

from django.conf import settings

from learners.models import Learner
from learners.privacy import PRIVACY_NOTICE_VERSION

JOIN = "/tham-gia/"


def _final(client, pho_hien, **overrides):
    village = pho_hien.villages.get(name="Thôn 3")
    data = {
        "province": pho_hien.province_id,
        "commune": pho_hien.pk,
        "village": village.pk,
        "display_name": "Bà Năm",
        "birth_year": "1958",
        "consent": "on",
    }
    data.update(overrides)
    return client.post(JOIN, {k: v for k, v in data.items() if v is not None})


def test_the_join_page_is_vietnamese_and_lists_the_34_provinces(client, geography):
    page = client.get(JOIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # many phones are set to English
    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="vi">' in html
    assert "Bạn sống ở đâu?" in html
    assert len(re.findall(r'<option value="\d+"', html)) == 34  # provinces only, until one is chosen
    assert "Hưng Yên" in html


def test_joining_without_consent_is_refused_with_a_clear_message_and_records_nothing(client, pho_hien):
    response = _final(client, pho_hien, consent=None)
    assert response.status_code == 400
    assert "Vui lòng đánh dấu vào ô đồng ý trước khi tham gia." in response.content.decode()
    assert Learner.objects.count() == 0
    assert settings.LEARNER_COOKIE_NAME not in response.cookies


def test_joining_records_the_village_and_remembers_the_learner_in_a_signed_cookie(client, pho_hien):
    response = _final(client, pho_hien)
    assert response.status_code == 302
    learner = Learner.objects.get()
    assert learner.village.name == "Thôn 3"
    assert learner.village.commune == pho_hien
    assert (learner.display_name, learner.birth_year) == ("Bà Năm", 1958)
    assert learner.consent_version == PRIVACY_NOTICE_VERSION
    cookie = response.cookies[settings.LEARNER_COOKIE_NAME]
    assert cookie["httponly"] and cookie["max-age"] == settings.LEARNER_COOKIE_MAX_AGE
    assert str(learner.public_id) in cookie.value  # signed, not encrypted: the id is public, the signature is not

    home = client.get("/")
    assert "Chào mừng bạn! Bạn đã tham gia với tư cách học viên Thôn 3." in home.content.decode()
    assert "Dữ liệu của tôi" in home.content.decode()


def test_a_tampered_cookie_is_not_accepted_as_anyone(client, pho_hien):
    _final(client, pho_hien)
    other = Learner.objects.create(
        village=pho_hien.villages.get(name="Thôn 1"), consent_at="2026-01-01T00:00Z", consent_version="x"
    )
    value = client.cookies[settings.LEARNER_COOKIE_NAME].value
    forged = str(other.public_id) + value[value.index(":") :]
    client.cookies[settings.LEARNER_COOKIE_NAME] = forged
    page = client.get("/du-lieu-cua-toi/")
    assert page.status_code == 302 and page["Location"].startswith(JOIN)


def test_a_village_from_another_commune_is_refused(client, pho_hien, other_commune_in_hung_yen):
    stranger = other_commune_in_hung_yen.villages.get()
    response = _final(client, pho_hien, village=stranger.pk)
    assert response.status_code == 400
    assert "Vui lòng chọn thôn/tổ dân phố nơi bạn sống." in response.content.decode()
    assert Learner.objects.count() == 0


def test_an_impossible_birth_year_is_refused_in_vietnamese(client, pho_hien):
    response = _final(client, pho_hien, birth_year="1850")
    assert "Vui lòng ghi năm sinh từ 1900 đến" in response.content.decode()
    assert Learner.objects.count() == 0


def test_without_javascript_each_step_reveals_the_next_level(client, pho_hien):
    step1 = client.post(JOIN, {"step": "place", "province": pho_hien.province_id}).content.decode()
    assert "Phường Phố Hiến" in step1 and "Xã Ân Thi" in step1
    assert 'name="village"' not in step1
    assert "Vui lòng" not in step1  # moving a step forward shows no errors

    step2 = client.post(
        JOIN, {"step": "place", "province": pho_hien.province_id, "commune": pho_hien.pk}
    ).content.decode()
    assert step2.count('name="village"') == 5
    # natural order: Thôn 2 before Thôn 10
    assert step2.index("Thôn 2") < step2.index("Thôn 10")


def test_searching_the_village_list_ignores_diacritics(client, pho_hien):
    found = client.post(
        JOIN,
        {"step": "place", "province": pho_hien.province_id, "commune": pho_hien.pk, "village_search": "thon 3"},
    ).content.decode()
    assert found.count('name="village"') == 1 and "Thôn 3" in found
    dong = client.post(
        JOIN,
        {"step": "place", "province": pho_hien.province_id, "commune": pho_hien.pk, "village_search": "dong"},
    ).content.decode()
    assert "Tổ dân phố Đông" in dong and dong.count('name="village"') == 1


def test_htmx_gets_only_the_place_fields_back(client, pho_hien):
    response = client.post(
        JOIN,
        {"step": "place", "province": pho_hien.province_id},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert 'id="place-fields"' in html and "<html" not in html
    assert "Phường Phố Hiến" in html


def test_changing_the_province_drops_a_commune_from_another_province(client, pho_hien, other_province_commune):
    html = client.post(
        JOIN,
        {"step": "place", "province": other_province_commune.province_id, "commune": pho_hien.pk},
    ).content.decode()
    assert 'name="village"' not in html  # Phố Hiến's villages are not offered under Hà Nội


def test_after_joining_the_learner_goes_where_they_were_heading(client, pho_hien):
    village = pho_hien.villages.get(name="Thôn 3")
    data = {"province": pho_hien.province_id, "commune": pho_hien.pk, "village": village.pk, "consent": "on"}
    assert client.post(JOIN, {**data, "next": "/du-lieu-cua-toi/"})["Location"] == "/du-lieu-cua-toi/"
    client.cookies.clear()
    assert client.post(JOIN, {**data, "next": "https://lua-dao.example/"})["Location"] == "/"


def test_a_joined_learner_opening_join_again_is_told_who_this_phone_knows(client, pho_hien):
    _final(client, pho_hien)
    html = client.get(JOIN).content.decode()
    assert "Bạn đã tham gia rồi" in html
    assert "Thôn 3, Phường Phố Hiến" in html
