from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from places.forms import VillageForm
from places.models import Village
from places.selectors import in_scope
from places.text import fold_diacritics
from places.views import VillageImportView


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
