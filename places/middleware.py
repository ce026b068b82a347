"""Staff security on every request: idle sessions end, two-factor sign-in is enforced, the admin's CSP.

Learners are untouched: they have no session and no staff account (a signed cookie identifies them).
"""

import time
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from places.selectors import two_factor_step_missing

LAST_SEEN_KEY = "staff_last_seen"
# Writing the session once a minute is enough to measure half an hour of idleness, and spares a write
# per request.
LAST_SEEN_GRANULARITY = 60

# What a staff member who still owes the second factor may reach in the admin.
TWO_FACTOR_OPEN_URL_NAMES = frozenset(
    {
        "places_two_factor",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class StaffIdleTimeoutMiddleware:
    """Signs a staff member out after `STAFF_IDLE_TIMEOUT` seconds without a request, with a message.

    Put it after the authentication and message middleware. Every request of a signed-in session renews the
    clock (the session is written at most once a minute).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_KEY):
            now = time.time()
            last_seen = session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity. Please sign in again.")
                    % {"minutes": settings.STAFF_IDLE_TIMEOUT // 60},
                )
                if request.path_info.startswith(admin_prefix()):
                    login = reverse("wagtailadmin_login")
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            elif last_seen is None or now - last_seen >= LAST_SEEN_GRANULARITY:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware(MiddlewareMixin):
    """Staff who set up a code app must give a code in each session; staff of a province that requires
    two-factor sign-in must set one up first.

    Until then, every admin page sends them to the two-factor page (logout stays open), and outside the admin
    they count as signed out (the live dashboard, for instance, asks them to sign in). Needs django-otp's
    OTPMiddleware before it.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        missing = two_factor_step_missing(user)
        if missing is None:
            return None
        if not request.path_info.startswith(admin_prefix()):
            request.user = AnonymousUser()
            request.auser = _anonymous
            return None
        match = request.resolver_match
        if match is not None and match.url_name in TWO_FACTOR_OPEN_URL_NAMES:
            return None
        if missing == "enrol":
            messages.warning(
                request,
                _(
                    "Your province requires two-factor sign-in for all staff. Set up a code app on your phone "
                    "to continue."
                ),
            )
        else:
            messages.warning(request, _("Enter the 6-digit code from your authenticator app to continue."))
        return redirect("places_two_factor")


async def _anonymous():
    return AnonymousUser()


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's own policy: the public site gets CONTENT_SECURITY_POLICY, and
    every URL under the Wagtail admin (and Wagtail's previews) gets it with CSP_ADMIN_OVERRIDES replacing some
    directives (Wagtail's widgets carry inline scripts and styles; see settings)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # Wagtail renders a page's preview through a dummy request for the page's public path, shown in the
        # editor's frame: it gets the admin's policy too.
        if request.path_info.startswith(admin_prefix()) or getattr(request, "is_dummy", False):
            parts.replace = {**settings.CSP_ADMIN_OVERRIDES, **(parts.replace or {})}
        return parts


def staff_lockout_response(request, original_response=None, credentials=None):
    """What django-axes answers once a username has failed too often from one address (AXES_LOCKOUT_CALLABLE)."""
    from django.template.response import TemplateResponse

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request,
        "places/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT, "login_url": reverse("wagtailadmin_login")},
        status=429,
    )
    return response.render()
