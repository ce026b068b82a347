"""The reach dashboard in the Wagtail admin: a "Reach" menu entry for superusers and staff with a scope."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reach import admin_views


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_reach(request.user)


@hooks.register("register_admin_urls")
def register_reach_urls():
    urls = [
        path("", admin_views.ReachIndexView.as_view(), name="index"),
        path("tinh/<int:pk>/", admin_views.ProvinceReachView.as_view(), name="province"),
        path("xa/<int:pk>/", admin_views.CommuneReachView.as_view(), name="commune"),
        path("thon/<int:pk>/", admin_views.VillageReachView.as_view(), name="village"),
    ]
    return [path("reach/", include((urls, "reach"), namespace="reach"))]


@hooks.register("register_admin_menu_item")
def register_reach_menu_item():
    return ReachMenuItem(_("Reach"), reverse("reach:index"), icon_name="globe", order=220)
