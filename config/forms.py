"""The staff sign-in form Wagtail's login view uses (WAGTAILADMIN_USER_LOGIN_FORM)."""

import time

from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from places.selectors import totp_device_confirmed

# Who has passed the password step and still owes a code: kept in the (server-side) session, never in the page.
PENDING_KEY = "staff_login_pending"
PENDING_SECONDS = 5 * 60


class StaffLoginForm(LoginForm):
    """Wagtail's login form, in two steps for staff who set up a code app (two-factor sign-in).

    Step one is the password, throttled by django-axes. If the user has a confirmed TOTP device, the form
    comes back asking for the 6-digit code only (`code_step`); the password is not sent again. A wrong code
    counts as a failed sign-in for the throttle too. The code may also come with the password in one post.
    """

    otp_token = forms.CharField(
        label=_("6-digit code"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
        help_text=_("The code your authenticator app shows now."),
    )

    error_messages = {
        **LoginForm.error_messages,
        "code_required": _("Enter the 6-digit code from your authenticator app."),
        "invalid_code": _("That code is not right. Type the 6 digits your app shows now."),
        "code_throttled": _("Too many wrong codes: wait a minute, then try again."),
        "code_expired": _("The sign-in took too long. Please enter your password again."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["password"].label = _("Password")
        self.code_step = bool(self.is_bound and self.data.get("step") == "code")
        if self.code_step:
            self.fields["username"].required = False
            self.fields["password"].required = False
            self.fields["otp_token"].widget.attrs["autofocus"] = ""

    @property
    def extra_fields(self):
        # The code field has its own place in our login template (step two), not after the password.
        for name, field in super().extra_fields:
            if name != "otp_token":
                yield name, field

    def clean(self):
        if self.code_step:
            return self._clean_code_step()
        cleaned = super().clean()
        device = totp_device_confirmed(self.user_cache)
        if device is None:
            return cleaned
        user = self.user_cache
        token = (cleaned.get("otp_token") or "").strip()
        if token:
            self._verify_code(user, device, token)
            return cleaned
        # Password right: remember only who passed it, then ask for the code on the next screen.
        self.user_cache = None
        self._session()[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", ""),
            "until": time.time() + PENDING_SECONDS,
        }
        self.code_step = True
        self.fields["otp_token"].widget.attrs["autofocus"] = ""
        raise forms.ValidationError(self.error_messages["code_required"], code="code_required")

    def _clean_code_step(self):
        pending = self._session().get(PENDING_KEY) or {}
        user = None
        if pending.get("until", 0) > time.time():
            user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
        device = totp_device_confirmed(user) if user is not None else None
        if device is None:
            self._session().pop(PENDING_KEY, None)
            self.code_step = False
            raise forms.ValidationError(self.error_messages["code_expired"], code="code_expired")
        token = (self.cleaned_data.get("otp_token") or "").strip()
        if not token:
            raise forms.ValidationError(self.error_messages["code_required"], code="code_required")
        self._verify_code(user, device, token)
        self._session().pop(PENDING_KEY, None)
        user.backend = pending["backend"]
        self.user_cache = user
        self.confirm_login_allowed(user)
        return self.cleaned_data

    def _verify_code(self, user, device, token: str) -> None:
        if not AxesProxyHandler.is_allowed(self.request, {"username": user.get_username()}):
            self.request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            raise forms.ValidationError(self.error_messages["code_throttled"], code="code_throttled")
        allowed, _extra = device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(self.error_messages["code_throttled"], code="code_throttled")
        if not device.verify_token(token):
            # Counted by django-axes like a wrong password for this username and address.
            user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=self.request)
            raise forms.ValidationError(self.error_messages["invalid_code"], code="invalid_code")
        user.otp_device = device  # django_otp marks the session verified when Django logs the user in

    def _session(self):
        return self.request.session
