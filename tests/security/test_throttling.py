"""Staff sign-in is throttled: five wrong passwords lock that username from that address for 15 minutes."""

from django.contrib.auth import SESSION_KEY
from django.utils.translation import override

from .conftest import PASSWORD, code_for, shows

LOGIN = "/admin/login/"


def _sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_after_five_wrong_passwords_the_right_one_is_refused_with_the_lockout_page(client, commune_trainer):
    for _attempt in range(4):
        assert _sign_in(client, "giangvien", "sai-mat-khau").status_code == 200
    assert _sign_in(client, "giangvien", "sai-mat-khau").status_code == 429  # the fifth failure locks
    with override("en"):
        response = _sign_in(client, "giangvien", PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    assert shows(
        response.content,
        "Too many failed sign-ins (%(limit)s) for this account from this address. To protect the account, "
        "signing in is paused for %(minutes)s minutes. Please try again later.",
        limit=5,
        minutes=15,
    )


def test_the_lockout_page_is_in_vietnamese(client, commune_trainer):
    for _attempt in range(5):
        _sign_in(client, "giangvien", "sai-mat-khau")
    html = _sign_in(client, "giangvien", PASSWORD).content.decode()
    assert '<html lang="vi"' in html or 'lang="vi"' in html


def test_another_user_from_the_same_address_is_not_affected(client, commune_trainer, provincial_admin):
    for _attempt in range(5):
        _sign_in(client, "giangvien", "sai-mat-khau")
    response = _sign_in(client, "tinhdoan", PASSWORD)
    assert response.status_code == 302 and SESSION_KEY in client.session


def test_the_lock_ends_after_the_cool_off(client, commune_trainer, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    for _attempt in range(5):
        _sign_in(client, "giangvien", "sai-mat-khau")
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert _sign_in(client, "giangvien", PASSWORD).status_code == 302


def test_wrong_two_factor_codes_count_towards_the_lock(client, commune_trainer, enrolled, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only the sign-in throttle here
    device = enrolled(commune_trainer)
    right = code_for(device, steps_ahead=1)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    _sign_in(client, "giangvien", PASSWORD)
    for _attempt in range(5):
        client.post(LOGIN, {"step": "code", "otp_token": wrong})
    response = client.post(LOGIN, {"step": "code", "otp_token": right})
    assert response.status_code == 429 and SESSION_KEY not in client.session
