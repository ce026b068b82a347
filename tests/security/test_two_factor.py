"""Two-factor sign-in for staff: set up a code app, sign in with its code, and the province's policy."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.utils.translation import override
from django_otp.plugins.otp_totp.models import TOTPDevice

from places.models import StaffRole, TwoFactorPolicy
from places.services import two_factor_policy_set

from .conftest import PASSWORD, code_for, shows

LOGIN = "/admin/login/"
TWO_FACTOR = "/admin/xac-thuc-hai-buoc/"
POLICY = "/admin/xac-thuc-hai-buoc/chinh-sach/"


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_a_trainer_sets_up_a_code_app_from_the_qr_page_and_is_asked_for_its_code_at_the_next_sign_in(
    client, commune_trainer, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code below
    client.force_login(commune_trainer)
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn in the page
    secret = re.search(r'<code class="two-factor-secret">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=commune_trainer, confirmed=False)
    assert secret.replace(" ", "") in device.config_url  # the written-out key is the QR code's key

    not_the_code = "000000" if code_for(device) != "000000" else "111111"
    wrong = client.post(TWO_FACTOR, {"action": "confirm", "code": not_the_code})
    assert wrong.status_code == 200 and not TOTPDevice.objects.filter(user=commune_trainer, confirmed=True).exists()

    done = client.post(TWO_FACTOR, {"action": "confirm", "code": code_for(device)})
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=commune_trainer, confirmed=True).count() == 1
    client.post("/admin/logout/")

    # Password first: not signed in yet, the form now asks for the code only.
    step_one = client.post(LOGIN, {"username": "giangvien", "password": PASSWORD})
    assert step_one.status_code == 200 and not _signed_in(client)
    html = step_one.content.decode()
    assert 'name="otp_token"' in html and 'name="password"' not in html

    # The code just used to confirm cannot be replayed; the app's next one signs in.
    device.refresh_from_db()
    step_two = client.post(LOGIN, {"step": "code", "otp_token": code_for(device, steps_ahead=1), "next": "/admin/"})
    assert step_two.status_code == 302 and step_two.url == "/admin/"
    assert _signed_in(client)
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_does_not_sign_in(client, commune_trainer, enrolled):
    device = enrolled(commune_trainer)
    client.post(LOGIN, {"username": "giangvien", "password": PASSWORD})
    right = code_for(device, steps_ahead=1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    with override("en"):
        response = client.post(LOGIN, {"step": "code", "otp_token": wrong})
    assert response.status_code == 200 and not _signed_in(client)
    assert shows(response.content, "That code is not right. Type the 6 digits your app shows now.")


def test_the_code_step_cannot_be_reached_without_the_password(client, commune_trainer, enrolled):
    device = enrolled(commune_trainer)
    response = client.post(LOGIN, {"step": "code", "otp_token": code_for(device, steps_ahead=1)})
    assert response.status_code == 200 and not _signed_in(client)


def test_the_password_alone_still_signs_in_staff_without_a_code_app(client, commune_trainer):
    response = client.post(LOGIN, {"username": "giangvien", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302 and _signed_in(client)


def test_password_and_code_in_one_post_sign_in(client, commune_trainer, enrolled):
    device = enrolled(commune_trainer)
    response = client.post(
        LOGIN, {"username": "giangvien", "password": PASSWORD, "otp_token": code_for(device, steps_ahead=1)}
    )
    assert response.status_code == 302 and _signed_in(client)


def test_a_session_without_the_code_only_reaches_the_two_factor_page(client, commune_trainer, enrolled):
    device = enrolled(commune_trainer)
    client.force_login(commune_trainer)  # signed in, but no code given in this session
    assert client.get("/admin/").url == TWO_FACTOR
    assert client.get(TWO_FACTOR).status_code == 200
    client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device, steps_ahead=1)})
    assert client.get("/admin/").status_code == 200


def test_a_province_that_requires_two_factor_sends_its_staff_to_set_it_up(
    client, provincial_admin, commune_trainer, make_staff, other_province_commune
):
    two_factor_policy_set(province=provincial_admin.staff_scope.province, required=True)
    hanoi = make_staff("hanoi", StaffRole.COMMUNE_TRAINER, commune=other_province_commune)

    client.force_login(commune_trainer)  # Hưng Yên: required
    for path in ["/admin/", "/admin/pages/", "/admin/places_village/"]:
        response = client.get(path)
        assert response.status_code == 302 and response.url == TWO_FACTOR, path
    with override("en"):
        page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    assert shows(page.content, "Your province requires two-factor sign-in for all its staff.")
    assert client.post("/admin/logout/").status_code == 302  # logging out stays open

    client.force_login(hanoi)  # Hà Nội: not required
    assert client.get("/admin/").status_code == 200


def test_outside_the_admin_a_session_owing_the_code_counts_as_signed_out(client, commune_trainer, enrolled):
    enrolled(commune_trainer)
    client.force_login(commune_trainer)
    response = client.get("/live/1/bang-dieu-khien/")  # the staff dashboard asks to sign in
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_a_provincial_admin_sets_the_policy_for_their_province_only(client, provincial_admin, other_province_commune):
    hung_yen = provincial_admin.staff_scope.province
    client.force_login(provincial_admin)
    page = client.get(POLICY)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hưng Yên" in html and "Hà Nội" not in html
    client.post(POLICY, {"required": [str(hung_yen.pk), str(other_province_commune.province_id)]})
    assert TwoFactorPolicy.objects.get(province=hung_yen).required
    assert not TwoFactorPolicy.objects.filter(province=other_province_commune.province).exists()


def test_a_trainer_cannot_change_the_policy(client, commune_trainer):
    hung_yen = commune_trainer.staff_scope.commune.province
    client.force_login(commune_trainer)
    # Wagtail answers a refused admin page by sending the user home with "you do not have permission".
    assert client.get(POLICY).url == "/admin/"
    assert client.post(POLICY, {"required": [str(hung_yen.pk)]}).url == "/admin/"
    assert POLICY not in client.get("/admin/").content.decode()  # not in the menu either
    assert not TwoFactorPolicy.objects.filter(province=hung_yen, required=True).exists()


def test_a_superuser_sets_the_policy_for_any_province(client, django_user_model, hung_yen, other_province_commune):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    client.post(POLICY, {"required": [str(other_province_commune.province_id)]})
    assert TwoFactorPolicy.objects.get(province=other_province_commune.province).required
    assert not TwoFactorPolicy.objects.filter(province=hung_yen, required=True).exists()


@pytest.mark.parametrize("action", ["remove"])
def test_turning_it_off_needs_a_current_code(client, commune_trainer, enrolled, action, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = enrolled(commune_trainer)
    client.force_login(commune_trainer)
    client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device, steps_ahead=1)})
    client.post(TWO_FACTOR, {"action": action, "code": "12345x"})
    assert TOTPDevice.objects.filter(user=commune_trainer, confirmed=True).exists()
    client.post(TWO_FACTOR, {"action": action, "code": code_for(device, steps_ahead=-1)})  # already past
    assert TOTPDevice.objects.filter(user=commune_trainer, confirmed=True).exists()


def test_a_session_owes_its_code_until_it_gives_one(client, commune_trainer, enrolled):
    from places.selectors import two_factor_owed_by_session

    device = enrolled(commune_trainer)
    client.force_login(commune_trainer)
    assert two_factor_owed_by_session(commune_trainer, client.session)  # e.g. for the dashboard socket
    client.post(TWO_FACTOR, {"action": "verify", "code": code_for(device, steps_ahead=1)})
    assert not two_factor_owed_by_session(commune_trainer, client.session)
