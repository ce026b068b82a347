"""Reads about live classes that views, consumers and commands share."""

from django.db.models import Q, QuerySet

from livesessions.models import LiveSession
from places.models import StaffRole
from places.selectors import staff_scope_of


def sessions_in_scope(user) -> QuerySet[LiveSession]:
    """The classes a staff user may watch and manage.

    A provincial admin: every class of their province. A commune trainer: their commune's classes and the
    province-wide classes of their province (their points take part in them). Superusers: all.
    """
    sessions = LiveSession.objects.all()
    if getattr(user, "is_superuser", False):
        return sessions
    scope = staff_scope_of(user)
    if scope is None:
        return sessions.none()
    if scope.role == StaffRole.PROVINCIAL_ADMIN:
        return sessions.filter(province_id=scope.province_id)
    return sessions.filter(
        Q(commune_id=scope.commune_id) | Q(commune__isnull=True, province_id=scope.commune.province_id)
    )
