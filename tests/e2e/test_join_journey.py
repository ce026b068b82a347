"""A villager joins on a 360-px phone, with JavaScript and without it."""

import pytest

from learners.models import Learner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_villager_joins_on_a_phone_with_javascript(live_server, phone, pho_hien):
    phone.goto(f"{live_server.url}/tham-gia/")
    assert phone.locator("h1").inner_text() == "Tham gia học"
    assert _no_horizontal_scroll(phone)

    phone.select_option("#id_province", label="Hưng Yên")
    phone.wait_for_selector("#id_commune")  # htmx swapped the place fields in
    phone.select_option("#id_commune", label="Phường Phố Hiến")
    phone.wait_for_selector("#id_village_search")
    assert phone.locator("input[name=village]").count() == 5

    phone.fill("#id_village_search", "thon 3")
    phone.wait_for_function("() => document.querySelectorAll('input[name=village]').length === 1")
    phone.get_by_label("Thôn 3").check()
    phone.fill("#id_display_name", "Bà Năm")
    phone.get_by_label("Tôi đã đọc thông báo trên và đồng ý.").check()
    phone.get_by_role("button", name="Tham gia", exact=True).click()

    phone.wait_for_url(f"{live_server.url}/")
    assert "Bạn đã tham gia với tư cách học viên Thôn 3" in phone.locator(".messages").inner_text()
    assert _no_horizontal_scroll(phone)
    learner = Learner.objects.get()
    assert (learner.display_name, learner.village.name, learner.village.commune) == ("Bà Năm", "Thôn 3", pho_hien)


@pytest.mark.parametrize("phone", [False], indirect=True)
def test_a_villager_joins_on_a_phone_without_javascript(live_server, phone, pho_hien):
    phone.goto(f"{live_server.url}/tham-gia/")
    phone.select_option("#id_province", label="Hưng Yên")
    phone.get_by_role("button", name="Tiếp: chọn xã/phường").click()
    phone.select_option("#id_commune", label="Phường Phố Hiến")
    phone.get_by_role("button", name="Tiếp: chọn thôn/tổ dân phố").click()
    phone.fill("#id_village_search", "dong")
    phone.get_by_role("button", name="Tìm", exact=True).click()
    assert phone.locator("input[name=village]").count() == 1
    phone.get_by_label("Tổ dân phố Đông").check()

    # Forgetting consent is explained in Vietnamese and nothing is recorded.
    phone.get_by_role("button", name="Tham gia", exact=True).click()
    assert "Vui lòng đánh dấu vào ô đồng ý trước khi tham gia." in phone.locator(".error-summary").inner_text()
    assert Learner.objects.count() == 0
    assert _no_horizontal_scroll(phone)

    phone.get_by_label("Tôi đã đọc thông báo trên và đồng ý.").check()
    phone.get_by_role("button", name="Tham gia", exact=True).click()
    phone.wait_for_url(f"{live_server.url}/")
    assert Learner.objects.get().village.name == "Tổ dân phố Đông"


def _join_in_pho_hien(phone, base_url: str, village: str) -> None:
    phone.goto(f"{base_url}/tham-gia/")
    phone.select_option("#id_province", label="Hưng Yên")
    phone.wait_for_selector("#id_commune")
    phone.select_option("#id_commune", label="Phường Phố Hiến")
    phone.get_by_label(village, exact=True).check()
    phone.get_by_label("Tôi đã đọc thông báo trên và đồng ý.").check()
    phone.get_by_role("button", name="Tham gia", exact=True).click()
    phone.wait_for_url(f"{base_url}/")


def test_my_data_reads_well_on_a_phone(live_server, phone, pho_hien):
    _join_in_pho_hien(phone, live_server.url, "Thôn 1")
    phone.get_by_role("link", name="Dữ liệu của tôi").click()
    assert phone.locator("h1").inner_text() == "Dữ liệu của tôi"
    assert _no_horizontal_scroll(phone)
    # Tap targets a finger can hit: every button and link in the page body is at least 44 px tall.
    heights = phone.eval_on_selector_all("main a.button, main button", "els => els.map(e => e.offsetHeight)")
    assert heights and min(heights) >= 44


def test_a_villager_who_moved_corrects_their_village_on_a_phone(
    live_server, phone, pho_hien, other_commune_in_hung_yen
):
    _join_in_pho_hien(phone, live_server.url, "Thôn 2")
    phone.goto(f"{live_server.url}/du-lieu-cua-toi/")
    phone.get_by_role("link", name="Sửa thông tin của tôi").click()
    phone.select_option("#id_commune", label="Xã Ân Thi")
    phone.wait_for_selector("text=Thôn Ân Thi 1")  # htmx brought the new commune's villages
    phone.get_by_label("Thôn Ân Thi 1").check()
    phone.get_by_role("button", name="Lưu").click()
    phone.wait_for_url(f"{live_server.url}/du-lieu-cua-toi/")
    assert "Thông tin của bạn đã được cập nhật." in phone.locator(".messages").inner_text()
    assert Learner.objects.get().village.commune == other_commune_in_hung_yen
