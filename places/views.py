from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_otp import login as otp_login
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from places.forms import TotpCodeForm, VillageCsvForm
from places.models import Commune, Province
from places.selectors import (
    can_set_two_factor_policy,
    in_scope,
    totp_device_confirmed,
    two_factor_required,
)
from places.services import (
    totp_device_confirm,
    totp_device_remove,
    totp_device_start,
    two_factor_policy_set,
    villages_import_csv,
)


class VillageImportView(WagtailAdminTemplateMixin, FormView):
    """Upload the province's village list; bad rows are listed and nothing is imported."""

    form_class = VillageCsvForm
    template_name = "places/village_import.html"
    page_title = gettext_lazy("Import villages from CSV")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("places.add_village"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("places_village:index"), "label": _("Villages")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        example = in_scope(Commune.objects.select_related("province"), self.request.user).first()
        return super().get_context_data(
            example=example,
            action_url=reverse("places_village:import_csv"),
            submit_button_label=_("Check and import"),
            form_is_multipart=True,
            **kwargs,
        )

    def form_valid(self, form):
        scope = in_scope(Commune.objects.all(), self.request.user)
        result = villages_import_csv(text=form.cleaned_data["csv_file"], communes=scope)
        if not result.ok:
            return self.render_to_response(self.get_context_data(form=form, errors=result.errors))
        messages.success(
            self.request,
            _("Imported: %(created)s new, %(updated)s updated villages.")
            % {"created": result.created, "updated": result.updated},
        )
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("places_village:index")


# ─── Two-factor sign-in ──────────────────────────────────────────────────────────────────────────────────


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorView(WagtailAdminTemplateMixin, TemplateView):
    """Set up a code app (QR code, or the secret typed in, then a first code), give this session's code, or
    turn two-factor sign-in off. The one admin page open to staff who still owe their second factor."""

    template_name = "places/two_factor.html"
    page_title = gettext_lazy("Two-factor sign-in")
    header_icon = "key"

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        device = totp_device_confirmed(user)
        context = {
            "required": two_factor_required(user),
            "form": form or TotpCodeForm(),
            "action_url": reverse("places_two_factor"),
        }
        if device is None:
            new = totp_device_start(user=user)
            secret = b32encode(new.bin_key).decode()
            context.update(
                state="enrol",
                qr=mark_safe(segno.make(new.config_url, error="m").svg_inline(scale=5, border=2)),  # noqa: S308 — segno markup
                secret=_grouped(secret),
                issuer=settings.OTP_TOTP_ISSUER,
            )
        elif not user.is_verified():
            context["state"] = "verify"
        else:
            context["state"] = "on"
        return super().get_context_data(**context, **kwargs)

    def post(self, request, *args, **kwargs):
        user = request.user
        action = request.POST.get("action")
        form = TotpCodeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        code = form.cleaned_data["code"]
        confirmed = totp_device_confirmed(user)
        device = confirmed if confirmed is not None else totp_device_start(user=user)
        if action not in {"confirm", "verify", "remove"} or (action == "confirm") != (confirmed is None):
            return redirect("places_two_factor")  # a stale page: show the current state
        if action == "remove" and not user.is_verified():
            return redirect("places_two_factor")
        if not device.verify_is_allowed()[0]:
            form.add_error("code", _("Too many wrong codes: wait a minute, then try again."))
            return self.render_to_response(self.get_context_data(form=form))
        if action == "confirm" and totp_device_confirm(device=device, token=code):
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on. From now on you will be asked for a code."))
            return redirect("wagtailadmin_home")
        if action == "verify" and device.verify_token(code):
            otp_login(request, device)
            return redirect("wagtailadmin_home")
        if action == "remove" and device.verify_token(code):
            totp_device_remove(user=user)
            messages.success(request, _("Two-factor sign-in is off for your account."))
            return redirect("places_two_factor")
        form.add_error("code", _("That code is not right. Type the 6 digits your app shows now."))
        return self.render_to_response(self.get_context_data(form=form))


class TwoFactorPolicyView(WagtailAdminTemplateMixin, TemplateView):
    """Require two-factor sign-in for every staff member of a province: its own admin, or a superuser for any."""

    template_name = "places/two_factor_policy.html"
    page_title = gettext_lazy("Two-factor sign-in policy")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_set_two_factor_policy(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def provinces(self):
        return in_scope(Province.objects.all(), self.request.user).select_related("two_factor_policy")

    def get_context_data(self, **kwargs):
        rows = []
        for province in self.provinces():
            policy = getattr(province, "two_factor_policy", None)
            rows.append((province, bool(policy and policy.required)))
        return super().get_context_data(rows=rows, action_url=reverse("places_two_factor_policy"), **kwargs)

    def post(self, request, *args, **kwargs):
        chosen = set(request.POST.getlist("required"))
        changed = 0
        for province in self.provinces():
            policy = getattr(province, "two_factor_policy", None)
            required = str(province.pk) in chosen
            if bool(policy and policy.required) != required:
                two_factor_policy_set(province=province, required=required)
                changed += 1
        messages.success(request, _("Saved: %(count)s province(s) changed.") % {"count": changed})
        return redirect("places_two_factor_policy")
