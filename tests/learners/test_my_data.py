import json

from django.conf import settings

from learners.models import Learner
from learners.services import learner_join


def _join(client, village, name):
    return client.post(
        "/tham-gia/",
        {
            "province": village.commune.province_id,
            "commune": village.commune_id,
            "village": village.pk,
            "display_name": name,
            "consent": "on",
        },
    )


def test_my_data_shows_what_we_hold(client, pho_hien):
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    html = client.get("/du-lieu-cua-toi/").content.decode()
    for text in ["Ông Tư", "Thôn 2", "Phường Phố Hiến", "Hưng Yên", "(không cho biết)"]:
        assert text in html


def test_the_download_contains_exactly_the_learners_own_data(client, pho_hien):
    learner_join(village=pho_hien.villages.get(name="Thôn 1"), display_name="Người khác", birth_year=1970)
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    me = Learner.objects.get(display_name="Ông Tư")

    response = client.get("/du-lieu-cua-toi/tai-ve/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="du-lieu-cua-toi.json"'
    data = json.loads(response.content)
    assert data == {
        "ma_hoc_vien": str(me.public_id),
        "ten_hien_thi": "Ông Tư",
        "nam_sinh": None,
        "thon_to_dan_pho": "Thôn 2",
        "xa_phuong": "Phường Phố Hiến",
        "tinh_thanh_pho": "Hưng Yên",
        "ngay_tham_gia": me.created_at.isoformat(),
        "dong_y_luc": me.consent_at.isoformat(),
        "phien_ban_thong_bao_quyen_rieng_tu": me.consent_version,
        "bai_hoc_da_mo": [],
        "khoa_hoc_da_hoan_thanh": [],
    }
    assert "Người khác" not in response.content.decode()


def test_deleting_removes_the_learner_and_the_phone_forgets_them(client, pho_hien):
    learner_join(village=pho_hien.villages.get(name="Thôn 1"), display_name="Hàng xóm")
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    confirm = client.get("/du-lieu-cua-toi/xoa/")
    assert "Xoá dữ liệu của bạn?" in confirm.content.decode()
    assert Learner.objects.filter(display_name="Ông Tư").exists()  # looking at the question deletes nothing

    response = client.post("/du-lieu-cua-toi/xoa/")
    assert response.status_code == 302
    assert not Learner.objects.filter(display_name="Ông Tư").exists()
    assert Learner.objects.filter(display_name="Hàng xóm").exists()
    assert response.cookies[settings.LEARNER_COOKIE_NAME].value == ""
    assert "Dữ liệu của bạn đã được xoá khỏi hệ thống." in client.get("/").content.decode()


def test_leaving_a_shared_phone_keeps_the_data(client, pho_hien):
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    client.post("/du-lieu-cua-toi/roi-may/")
    assert Learner.objects.filter(display_name="Ông Tư").exists()
    assert client.get("/du-lieu-cua-toi/").status_code == 302  # the phone no longer knows anyone


def test_my_data_without_having_joined_leads_to_the_join_page(client, geography):
    response = client.get("/du-lieu-cua-toi/tai-ve/")
    assert response.status_code == 302
    assert response["Location"] == "/tham-gia/?next=%2Fdu-lieu-cua-toi%2Ftai-ve%2F"


def test_forms_refuse_a_post_without_the_csrf_token(pho_hien):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/tham-gia/", {"province": pho_hien.province_id, "consent": "on"})
    assert response.status_code == 403
    assert "Vui lòng thử lại" in response.content.decode()


def test_a_learner_corrects_their_village_and_name(client, pho_hien, other_commune_in_hung_yen):
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    form = client.get("/du-lieu-cua-toi/sua/").content.decode()
    assert 'value="Ông Tư"' in form
    thon_2 = pho_hien.villages.get(name="Thôn 2")
    assert f'name="village" value="{thon_2.pk}" checked' in form  # the current village is ticked

    new_village = other_commune_in_hung_yen.villages.get()
    response = client.post(
        "/du-lieu-cua-toi/sua/",
        {
            "province": other_commune_in_hung_yen.province_id,
            "commune": other_commune_in_hung_yen.pk,
            "village": new_village.pk,
            "display_name": "Bác Tư",
            "birth_year": "1961",
        },
        follow=True,
    )
    assert "Thông tin của bạn đã được cập nhật." in response.content.decode()
    learner = Learner.objects.get()
    assert (learner.village, learner.display_name, learner.birth_year) == (new_village, "Bác Tư", 1961)


def test_a_correction_with_a_village_outside_the_chosen_commune_changes_nothing(
    client, pho_hien, other_commune_in_hung_yen
):
    _join(client, pho_hien.villages.get(name="Thôn 2"), "Ông Tư")
    response = client.post(
        "/du-lieu-cua-toi/sua/",
        {
            "province": pho_hien.province_id,
            "commune": pho_hien.pk,
            "village": other_commune_in_hung_yen.villages.get().pk,
            "display_name": "Người lạ",
        },
    )
    assert response.status_code == 400
    assert "Vui lòng chọn thôn/tổ dân phố nơi bạn sống." in response.content.decode()
    learner = Learner.objects.get()
    assert (learner.village.name, learner.display_name) == ("Thôn 2", "Ông Tư")
