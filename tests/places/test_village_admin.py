"""Trainers keep their village lists in the Wagtail admin, within their own scope only."""

from django.core.files.uploadedfile import SimpleUploadedFile

from places.models import Village

INDEX = "/admin/places_village/"


def _upload(client, name: str, content: bytes, **kwargs):
    upload = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(f"{INDEX}import/", {"csv_file": upload}, **kwargs)


def test_a_trainer_lists_only_their_communes_villages(client, commune_trainer, other_commune_in_hung_yen):
    client.force_login(commune_trainer)
    html = client.get(INDEX).content.decode()
    assert "Tổ dân phố Đông" in html
    assert "Thôn Ân Thi 1" not in html


def test_the_admin_search_ignores_diacritics(client, commune_trainer):
    client.force_login(commune_trainer)
    html = client.get(INDEX, {"q": "to dan pho dong"}).content.decode()
    assert "Tổ dân phố Đông" in html and "Thôn 10" not in html


def test_a_trainer_cannot_open_another_communes_village_by_its_address(
    client, commune_trainer, other_commune_in_hung_yen
):
    client.force_login(commune_trainer)
    stranger = other_commune_in_hung_yen.villages.get()
    assert client.get(f"{INDEX}edit/{stranger.pk}/").status_code == 404
    response = client.post(f"{INDEX}edit/{stranger.pk}/", {"commune": stranger.commune_id, "name": "Đổi tên"})
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.name == "Thôn Ân Thi 1"


def test_a_trainer_adds_a_village_only_to_their_own_commune(
    client, commune_trainer, pho_hien, other_commune_in_hung_yen
):
    client.force_login(commune_trainer)
    form = client.get(f"{INDEX}new/").content.decode()
    assert "Phường Phố Hiến" in form and "Xã Ân Thi" not in form

    refused = client.post(f"{INDEX}new/", {"commune": other_commune_in_hung_yen.pk, "name": "Thôn Lạ", "kind": "thon"})
    assert refused.status_code == 200  # the form again, with the error
    assert not Village.objects.filter(name="Thôn Lạ").exists()

    client.post(f"{INDEX}new/", {"commune": pho_hien.pk, "name": "Thôn Mới", "kind": "thon", "households": "88"})
    assert Village.objects.get(name="Thôn Mới").commune == pho_hien


def test_a_csv_upload_with_a_row_outside_the_scope_imports_nothing(
    client, commune_trainer, pho_hien, other_commune_in_hung_yen
):
    client.force_login(commune_trainer)
    body = (
        "ma_tinh,ma_xa,ten,loai,so_ho\n"
        f"33,{pho_hien.code},Thôn Tải Lên,thôn,50\n"
        f"33,{other_commune_in_hung_yen.code},Thôn Ngoài,thôn,40\n"
    )
    html = _upload(client, "thon.csv", body.encode("utf-8-sig")).content.decode()  # Excel's BOM
    assert "Dòng 3: “Xã Ân Thi” nằm ngoài địa bàn bạn phụ trách." in html
    assert not Village.objects.filter(name__in=["Thôn Tải Lên", "Thôn Ngoài"]).exists()


def test_a_good_csv_upload_imports_and_says_how_many(client, provincial_admin, pho_hien, other_commune_in_hung_yen):
    client.force_login(provincial_admin)
    body = (
        "ma_tinh,ma_xa,ten,loai,so_ho\n"
        f"33,{pho_hien.code},Thôn Tải Lên,thôn,50\n"
        f"33,{other_commune_in_hung_yen.code},Thôn Ngoài,ấp,\n"
    )
    response = _upload(client, "thon.csv", body.encode("utf-8"), follow=True)
    assert "Đã nhập: thêm mới 2, cập nhật 0 thôn/tổ dân phố." in response.content.decode()
    assert Village.objects.filter(name__in=["Thôn Tải Lên", "Thôn Ngoài"]).count() == 2


def test_an_upload_that_is_not_a_csv_is_refused(client, provincial_admin):
    client.force_login(provincial_admin)
    html = _upload(client, "anh.jpg", b"\xff\xd8\xff").content.decode()
    assert "Vui lòng chọn tệp .csv." in html


def test_a_learner_or_visitor_cannot_reach_the_village_admin(client, pho_hien):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
