"""The staff audit log: who exported what, and who changed who may do what.

One service writes every entry (`staff_audit_record`); exports call it through `AuditedExportMixin`, and
permission changes through the signal receivers below (connected in `PlacesConfig.ready`). The acting user
comes from the request being served (`AuditActorMiddleware`); outside a request — a management command, a
migration — the entry says "system".
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from places.models import AuditAction, Commune, Province, StaffAuditEntry, StaffRole, StaffScope, TwoFactorPolicy
from places.selectors import in_scope, staff_scope_of

SYSTEM = "system"
# Free-text search boxes may hold a villager's name or phone: the log keeps that a search was made, not what.
FREE_TEXT_FILTERS = frozenset({"q", "search", "query"})

_actor: ContextVar = ContextVar("staff_audit_actor", default=None)


class AuditActorMiddleware:
    """Remembers who is making the current request, so signal receivers can name them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(request)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


def current_actor():
    """The signed-in user of the request being served, or None (a command, a migration, a test's ORM call)."""
    request = _actor.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None


def _place_of(user) -> tuple[Province | None, Commune | None]:
    scope = staff_scope_of(user) if user is not None else None
    if scope is None:
        return None, None
    if scope.role == StaffRole.PROVINCIAL_ADMIN:
        return scope.province, None
    return scope.commune.province, scope.commune


@transaction.atomic
def staff_audit_record(
    *,
    user,
    action: str,
    detail: dict[str, Any] | None = None,
    province: Province | None = None,
    commune: Commune | None = None,
) -> StaffAuditEntry:
    """Append one entry to the audit log.

    `user` is who acted (None: "system"). The entry's area is `province`/`commune` when given — the area the
    action concerned, e.g. the scope of the staff member whose rights changed — else the acting user's own.
    `detail` must not carry villagers' personal data: filters, counts, names of staff, groups and places.
    """
    if province is None and commune is None:
        province, commune = _place_of(user)
    elif province is None and commune is not None:
        province = commune.province
    return StaffAuditEntry.objects.create(
        user=user if user is not None and user.pk else None,
        username=user.get_username() if user is not None else SYSTEM,
        action=action,
        province=province,
        commune=commune,
        detail=detail or {},
    )


def audit_entries_visible(user) -> QuerySet[StaffAuditEntry]:
    """The entries a staff user may read: superusers all, a provincial admin their province's, others none."""
    entries = StaffAuditEntry.objects.select_related("province", "commune")
    if getattr(user, "is_superuser", False):
        return entries
    scope = staff_scope_of(user)
    if scope is None or scope.role != StaffRole.PROVINCIAL_ADMIN:
        return entries.none()
    return entries.filter(province__in=in_scope(Province.objects.all(), user))


def export_filters(query) -> dict[str, Any]:
    """The filter in force for an export, from the request's query string (the export switch left out)."""
    filters: dict[str, Any] = {}
    for key in sorted(query):
        if key in {"export", "p"}:
            continue
        values = [value for value in query.getlist(key) if value != ""]
        if not values:
            continue
        if key in FREE_TEXT_FILTERS:
            filters[key] = "(searched text not logged)"
        else:
            filters[key] = values[0] if len(values) == 1 else values
    return filters


class AuditedExportMixin:
    """Records every CSV/XLSX download of a Wagtail view with `list_export` in the staff audit log.

    Put it before Wagtail's classes, on any report or listing that exports::

        class SessionReportView(AuditedExportMixin, SpreadsheetExportMixin, SessionScreen): ...

        class QuizResultsIndexView(AuditedExportMixin, generic.IndexView):  # a ModelViewSet's index_view_class
            def get_audit_detail(self):
                return {"quiz": self.quiz.pk}

    The entry holds the format, the view's URL name, the filter in force (the query string without the
    export switch; free-text search is noted but not kept) and whatever `get_audit_detail()` adds — ids and
    names of classes, quizzes or places, never a villager's personal data. It is written when the export
    response is built, before the rows stream out.
    """

    def get_audit_detail(self) -> dict[str, Any]:
        return {}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        request = self.request
        match = getattr(request, "resolver_match", None)
        detail = {
            "format": spreadsheet_format,
            "view": match.view_name if match else "",
            "path": request.path,
            "filters": export_filters(request.GET),
            **self.get_audit_detail(),
        }
        staff_audit_record(user=request.user, action=AuditAction.EXPORT, detail=detail)
        return super().as_spreadsheet(queryset, spreadsheet_format)


# ─── Permission changes, caught where they happen ────────────────────────────────────────────────────────


def _record_change(action: str, *, detail: dict[str, Any], province=None, commune=None) -> None:
    staff_audit_record(user=current_actor(), action=action, detail=detail, province=province, commune=commune)


def _user_area(user) -> dict[str, Any]:
    province, commune = _place_of(user)
    return {"province": province, "commune": commune}


def _scope_state(scope: StaffScope) -> dict[str, Any]:
    return {"role": scope.role, "province_id": scope.province_id, "commune_id": scope.commune_id}


def _remember_scope(sender, instance: StaffScope, **kwargs) -> None:
    instance._audit_before = _scope_state(instance) if instance.pk else None


def _scope_saved(sender, instance: StaffScope, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_before", None)
    after = _scope_state(instance)
    if not created and before == after:
        return
    detail = {"staff": instance.user.get_username(), "role": instance.role, "place": str(instance.place)}
    if not created and before:
        detail["before"] = before
    _record_change(
        AuditAction.SCOPE_CREATED if created else AuditAction.SCOPE_CHANGED,
        detail=detail,
        province=instance.province if instance.role == StaffRole.PROVINCIAL_ADMIN else None,
        commune=instance.commune if instance.role == StaffRole.COMMUNE_TRAINER else None,
    )
    instance._audit_before = after


def _scope_deleted(sender, instance: StaffScope, **kwargs) -> None:
    _record_change(
        AuditAction.SCOPE_DELETED,
        detail={"staff_id": instance.user_id, "role": instance.role, "place": str(instance.place)},
        province=instance.province if instance.role == StaffRole.PROVINCIAL_ADMIN else None,
        commune=instance.commune if instance.role == StaffRole.COMMUNE_TRAINER else None,
    )


USER_FLAGS = ("is_staff", "is_superuser", "is_active")


def _remember_user_flags(sender, instance, **kwargs) -> None:
    # __dict__, not getattr: a deferred field must not cost a query on every user loaded.
    instance._audit_flags = {flag: instance.__dict__.get(flag) for flag in USER_FLAGS} if instance.pk else None


def _user_saved(sender, instance, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_flags", None)
    after = {flag: instance.__dict__.get(flag) for flag in USER_FLAGS}
    instance._audit_flags = after
    if created:
        changed = {flag: value for flag, value in after.items() if flag != "is_active" and value}
    else:
        if not before:
            return
        changed = {
            flag: value
            for flag, value in after.items()
            if before.get(flag) is not None and value is not None and before[flag] != value
        }
    if changed:
        _record_change(
            AuditAction.USER_FLAGS_CHANGED,
            detail={"staff": instance.get_username(), "changed": changed},
            **_user_area(instance),
        )


def _user_groups_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    _m2m_change(instance, action, reverse, pk_set, AuditAction.USER_GROUPS_CHANGED, Group, "groups")


def _user_permissions_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    from django.contrib.auth.models import Permission

    _m2m_change(instance, action, reverse, pk_set, AuditAction.USER_PERMISSIONS_CHANGED, Permission, "permissions")


def _m2m_change(instance, action, reverse, pk_set, audit_action, related_model, label) -> None:
    User = get_user_model()
    if action == "pre_clear":
        # The cleared rows are gone by post_clear: note them now.
        if reverse:
            instance._audit_cleared = list(instance.user_set.values_list("pk", flat=True))
        else:
            instance._audit_cleared = list(getattr(instance, label).values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action == "post_clear":
        pk_set = set(getattr(instance, "_audit_cleared", []))
    if not pk_set:
        return
    verb = "added" if action == "post_add" else "removed"
    if not reverse:  # user.groups.add(group, ...)
        names = sorted(str(item) for item in related_model.objects.filter(pk__in=pk_set))
        users = [instance]
    else:  # group.user_set.add(user, ...)
        names = [str(instance)]
        users = list(User.objects.filter(pk__in=pk_set))
    for user in users:
        _record_change(audit_action, detail={"staff": user.get_username(), verb: names}, **_user_area(user))


def _group_permissions_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    from django.contrib.auth.models import Permission

    if action == "pre_clear":
        instance._audit_cleared = (
            list(instance.permissions.values_list("pk", flat=True)) if not reverse else [instance.pk]
        )
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if action == "post_clear":
        pk_set = set(getattr(instance, "_audit_cleared", []))
    if not pk_set:
        return
    verb = "added" if action == "post_add" else "removed"
    if not reverse:
        groups, permissions = (
            [instance],
            sorted(
                f"{p.content_type.app_label}.{p.codename}"
                for p in Permission.objects.filter(pk__in=pk_set).select_related("content_type")
            ),
        )
    else:
        groups = list(Group.objects.filter(pk__in=pk_set))
        permissions = [f"{instance.content_type.app_label}.{instance.codename}"]
    for group in groups:
        _record_change(AuditAction.GROUP_PERMISSIONS_CHANGED, detail={"group": group.name, verb: permissions})


def _remember_policy(sender, instance: TwoFactorPolicy, **kwargs) -> None:
    instance._audit_required = instance.__dict__.get("required") if instance.pk else None


def _policy_saved(sender, instance: TwoFactorPolicy, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_required", None)
    instance._audit_required = instance.required
    if not created and before == instance.required:
        return
    _record_change(
        AuditAction.TWO_FACTOR_POLICY_CHANGED,
        detail={"required": instance.required},
        province=instance.province,
    )


def _remember_device(sender, instance, **kwargs) -> None:
    instance._audit_confirmed = instance.__dict__.get("confirmed") if instance.pk else False


def _device_saved(sender, instance, created: bool, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    before = getattr(instance, "_audit_confirmed", False)
    instance._audit_confirmed = instance.confirmed
    if instance.confirmed and not before:  # a device counts once it is confirmed with a first code
        _record_change(
            AuditAction.TWO_FACTOR_DEVICE_ADDED,
            detail={"staff": instance.user.get_username(), "device": instance.name},
            **_user_area(instance.user),
        )


def _device_deleted(sender, instance, **kwargs) -> None:
    if not instance.confirmed:
        return
    User = get_user_model()
    user = User.objects.filter(pk=instance.user_id).first()
    _record_change(
        AuditAction.TWO_FACTOR_DEVICE_REMOVED,
        detail={"staff": user.get_username() if user else instance.user_id, "device": instance.name},
        **(_user_area(user) if user else {}),
    )


def connect_receivers() -> None:
    """Hook the permission-change receivers to the models they watch (called once, from AppConfig.ready)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    uid = "places.audit"
    post_init.connect(_remember_scope, sender=StaffScope, dispatch_uid=f"{uid}.scope_init")
    post_save.connect(_scope_saved, sender=StaffScope, dispatch_uid=f"{uid}.scope_saved")
    post_delete.connect(_scope_deleted, sender=StaffScope, dispatch_uid=f"{uid}.scope_deleted")
    post_init.connect(_remember_user_flags, sender=User, dispatch_uid=f"{uid}.user_init")
    post_save.connect(_user_saved, sender=User, dispatch_uid=f"{uid}.user_saved")
    m2m_changed.connect(_user_groups_changed, sender=User.groups.through, dispatch_uid=f"{uid}.user_groups")
    m2m_changed.connect(
        _user_permissions_changed, sender=User.user_permissions.through, dispatch_uid=f"{uid}.user_perms"
    )
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through, dispatch_uid=f"{uid}.group")
    post_init.connect(_remember_policy, sender=TwoFactorPolicy, dispatch_uid=f"{uid}.policy_init")
    post_save.connect(_policy_saved, sender=TwoFactorPolicy, dispatch_uid=f"{uid}.policy_saved")
    post_init.connect(_remember_device, sender=TOTPDevice, dispatch_uid=f"{uid}.device_init")
    post_save.connect(_device_saved, sender=TOTPDevice, dispatch_uid=f"{uid}.device_saved")
    post_delete.connect(_device_deleted, sender=TOTPDevice, dispatch_uid=f"{uid}.device_deleted")
