"""Reads about places that several views, commands and later apps share."""

import re

from django.db.models import Model, QuerySet

from places.models import Commune, Province, StaffRole, StaffScope, TwoFactorPolicy, Village
from places.text import fold_diacritics


def staff_scope_of(user) -> StaffScope | None:
    """The user's scope, or None for anonymous users and staff without one."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff_scope
    except StaffScope.DoesNotExist:
        return None


def in_scope(queryset: QuerySet, user) -> QuerySet:
    """Only the rows of `queryset` inside the user's province or commune.

    Works on Province, Commune and any model that names its way to a commune in `scope_commune_path`
    (Village: "commune", Learner: "village__commune", …). Superusers see everything; staff without a
    scope see nothing.
    """
    if getattr(user, "is_superuser", False):
        return queryset
    scope = staff_scope_of(user)
    if scope is None:
        return queryset.none()
    model: type[Model] = queryset.model
    if model is Province:
        return queryset.filter(pk=scope.province_id_in_scope)
    path = model.scope_commune_path
    if scope.role == StaffRole.PROVINCIAL_ADMIN:
        return queryset.filter(**{f"{path}__province" if path else "province": scope.province_id})
    return queryset.filter(**{path or "pk": scope.commune_id})


def communes_of(province_id) -> QuerySet[Commune]:
    return Commune.objects.filter(province_id=province_id).order_by("search_name")


def villages_of(commune_id, *, search: str = "") -> list[Village]:
    """The commune's villages in natural order (Thôn 2 before Thôn 10).

    `search` matches with or without diacritics: "thon 3" finds "Thôn 3".
    """
    villages = Village.objects.filter(commune_id=commune_id)
    folded = fold_diacritics(search)
    if folded:
        villages = villages.filter(search_name__contains=folded)
    return sorted(villages, key=lambda village: natural_key(village.search_name))


def natural_key(text: str) -> list:
    """Sort key for place names with numbers: "Thôn 2" before "Thôn 10" (case ignored)."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text.lower())]


# --- Two-factor sign-in ----------------------------------------------------------------------------------


def totp_device_confirmed(user):
    """The user's confirmed TOTP device (the code app they set up), or None."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_required(user) -> bool:
    """Whether the user's province requires every staff member to sign in with a code app."""
    scope = staff_scope_of(user)
    if scope is None:
        return False
    return TwoFactorPolicy.objects.filter(province_id=scope.province_id_in_scope, required=True).exists()


def two_factor_step_missing(user) -> str | None:
    """What a signed-in staff member must still do before using the admin: "verify" (they have a code app
    but this session has not given a code), "enrol" (their province requires one and they have none), or
    None."""
    if not getattr(user, "is_authenticated", False):
        return None
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return None
    if totp_device_confirmed(user) is not None:
        return "verify"
    if two_factor_required(user):
        return "enrol"
    return None


def is_provincial_admin(user) -> bool:
    scope = staff_scope_of(user)
    return scope is not None and scope.role == StaffRole.PROVINCIAL_ADMIN


def can_set_two_factor_policy(user) -> bool:
    """Superusers (any province) and provincial admins (their own); never a commune trainer."""
    return bool(getattr(user, "is_active", False) and (user.is_superuser or is_provincial_admin(user)))


def two_factor_owed_by_session(user, session) -> bool:
    """Whether a signed-in session still owes the second factor — for code outside Django's middleware (the
    WebSocket stack), which has the session but not django-otp's `user.is_verified()`."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.models import Device

    if not getattr(user, "is_authenticated", False):
        return False
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is not None and device.user_id == user.pk and device.confirmed:
        return False
    return totp_device_confirmed(user) is not None or two_factor_required(user)
