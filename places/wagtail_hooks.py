from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from places.audit import AuditedExportMixin, audit_entries_visible
from places.forms import VillageForm
from places.models import StaffAuditEntry, StaffRole, Village
from places.selectors import can_set_two_factor_policy, in_scope
from places.text import fold_diacritics
from places.views import TwoFactorPolicyView, TwoFactorView, VillageImportView


def villages_in_scope(request):
    """Staff reach only the villages of their own province or commune, in the list and by typed URL alike."""
    return in_scope(Village.objects.select_related("commune__province"), request.user)


class ScopedVillagesMixin:
    def get_queryset(self):
        return villages_in_scope(self.request)


class VillageIndexView(generic.IndexView):
    def get_base_queryset(self):
        return villages_in_scope(self.request)

    def search_queryset(self, queryset):
        # Typed with or without diacritics: "thon 3" finds "Thôn 3".
        if not self.is_searching:
            return queryset
        return queryset.filter(search_name__contains=fold_diacritics(self.search_query))

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("places.add_village"):
            buttons.append(
                HeaderButton(_("Import from CSV"), url=reverse("places_village:import_csv"), icon_name="upload")
            )
        return buttons


class VillageEditView(ScopedVillagesMixin, generic.EditView):
    pass


class VillageDeleteView(ScopedVillagesMixin, generic.DeleteView):
    pass


class VillageViewSet(ModelViewSet):
    model = Village
    index_view_class = VillageIndexView
    edit_view_class = VillageEditView
    delete_view_class = VillageDeleteView
    icon = "home"
    menu_label = _("Villages")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "kind", "commune", "households"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return VillageForm

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("import/", VillageImportView.as_view(), name="import_csv")]


@hooks.register("register_admin_viewset")
def register_village_viewset():
    return VillageViewSet("places_village")


# ─── Staff security: two-factor sign-in, its policy, the audit log ──────────────────────────────────────────


@hooks.register("register_admin_urls")
def register_security_urls():
    return [
        path("xac-thuc-hai-buoc/", TwoFactorView.as_view(), name="places_two_factor"),
        path("xac-thuc-hai-buoc/chinh-sach/", TwoFactorPolicyView.as_view(), name="places_two_factor_policy"),
    ]


class AuditLogPermissionPolicy(BasePermissionPolicy):
    """The audit log is read-only: superusers and provincial admins may view (and export) it, nobody edits."""

    def user_has_permission(self, user, action):
        return action == "view" and can_set_two_factor_policy(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(is_active=True).filter(
            Q(is_superuser=True) | Q(staff_scope__role=StaffRole.PROVINCIAL_ADMIN)
        )

    def instances_user_has_permission_for(self, user, action):
        if action != "view":
            return StaffAuditEntry.objects.none()
        return audit_entries_visible(user)


register_permission_policy(StaffAuditEntry, AuditLogPermissionPolicy(StaffAuditEntry))


class AuditLogIndexView(AuditedExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return audit_entries_visible(self.request.user)


class AuditLogViewSet(ModelViewSet):
    model = StaffAuditEntry
    index_view_class = AuditLogIndexView
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 912
    add_to_admin_menu = True
    inspect_view_enabled = False
    copy_view_enabled = False
    form_fields = ["action"]  # never shown: the permission policy allows no adding or editing
    list_per_page = 50
    list_display = [
        "at",
        "username",
        Column("action", label=_("action"), accessor="get_action_display"),
        "province",
        "commune",
        Column("detail", label=_("detail"), accessor="detail_text"),
    ]
    list_filter = ["action"]
    list_export = ["at", "username", "get_action_display", "province", "commune", "detail_text"]
    export_headings = {
        "get_action_display": _("action"),
        "detail_text": _("detail"),
    }
    export_filename = "nhat-ky-quan-tri"
    search_fields = ["username"]
    search_backend_name = None


@hooks.register("register_admin_viewset")
def register_security_viewsets():
    return AuditLogViewSet("places_audit")


@hooks.register("register_admin_menu_item")
def register_two_factor_menu_item():
    return MenuItem(_("Two-factor sign-in"), reverse("places_two_factor"), icon_name="key", order=910)


class PolicyMenuItem(MenuItem):
    def is_shown(self, request):
        return can_set_two_factor_policy(request.user)


@hooks.register("register_admin_menu_item")
def register_two_factor_policy_menu_item():
    return PolicyMenuItem(
        _("Two-factor sign-in policy"), reverse("places_two_factor_policy"), icon_name="lock", order=911
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("places_two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _("A code from an app on your phone, besides your password."),
    }
