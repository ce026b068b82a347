"""Live classes and connection points in the Wagtail admin, scoped to the staff member's province or commune."""

import django_filters
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from livesessions import admin_views
from livesessions.forms import ConnectionPointForm, LiveSessionForm
from livesessions.models import ConnectionPoint, LiveSession
from places.models import Commune
from places.selectors import in_scope


def communes_of_request(request):
    return in_scope(Commune.objects.all(), request.user) if request else Commune.objects.none()


class ConnectionPointFilterSet(WagtailFilterSet):
    commune = django_filters.ModelChoiceFilter(label=_("commune"), queryset=communes_of_request)

    class Meta:
        model = ConnectionPoint
        fields = ["commune", "is_active"]


class ConnectionPointViewSet(ModelViewSet):
    model = ConnectionPoint
    index_view_class = admin_views.PointIndexView
    add_view_class = admin_views.PointCreateView
    edit_view_class = admin_views.PointEditView
    delete_view_class = admin_views.PointDeleteView
    filterset_class = ConnectionPointFilterSet
    icon = "site"
    menu_label = _("Connection points")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "code",
        "name",
        "commune",
        "village",
        Column(
            "operator",
            label=_("Operator"),
            accessor=lambda p: " · ".join(filter(None, [p.operator_name, p.operator_phone])),
        ),
        BooleanColumn("is_active", label=capfirst(_("in use"))),
    ]
    search_fields = ["code", "name", "operator_name"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return ConnectionPointForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/new-code/", admin_views.PointRotateView.as_view(), name="rotate"),
            path("print/", admin_views.PointPrintView.as_view(), name="print"),
            path("posters/", admin_views.point_posters, name="posters"),
        ]


class LiveSessionViewSet(ModelViewSet):
    model = LiveSession
    index_view_class = admin_views.SessionIndexView
    add_view_class = admin_views.SessionCreateView
    edit_view_class = admin_views.SessionEditView
    delete_view_class = admin_views.SessionDeleteView
    icon = "media"
    menu_label = _("Live classes")
    menu_order = 205
    add_to_admin_menu = True
    list_display = [
        "title",
        "scheduled_start",
        Column("organiser", label=_("Organised by"), accessor=admin_views.organiser_label),
        "status",
        Column("points_invited", label=_("Points invited")),
    ]
    list_filter = ["status"]
    search_fields = ["title"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return LiveSessionForm

    def get_urlpatterns(self):
        views = admin_views
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/invites/", views.SessionInvitesView.as_view(), name="invites"),
            path("<int:pk>/open/", views.SessionStatusView.as_view(action="open"), name="open"),
            path("<int:pk>/close/", views.SessionStatusView.as_view(action="close"), name="close"),
            path("<int:pk>/report/", views.SessionReportView.as_view(), name="report"),
            path("<int:pk>/report/<int:point_pk>/late/", views.LateHeadcountView.as_view(), name="late"),
        ]


@hooks.register("register_admin_viewset")
def register_live_viewsets():
    return [LiveSessionViewSet(admin_views.SESSIONS), ConnectionPointViewSet(admin_views.POINTS)]
