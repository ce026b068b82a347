"""Reads about places that several views, commands and later apps share."""

import re

from django.db.models import Model, QuerySet

from places.models import Commune, Province, StaffRole, StaffScope, Village
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
    return sorted(villages, key=lambda village: _natural_key(village.search_name))


def _natural_key(text: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", text)]
