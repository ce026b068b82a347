from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from places.forms import VillageCsvForm
from places.models import Commune
from places.selectors import in_scope
from places.services import villages_import_csv


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
