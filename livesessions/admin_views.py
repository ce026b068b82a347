"""Staff screens for live classes and connection points, in the Wagtail admin's look.

Secret tokens: a point's token exists in clear only in the response that issued it — the page after
creating or rotating a point, or the operator-card sheet — always the answer to a POST, never cached
(`Cache-Control: no-store`), never in a URL's query (it travels in the card link's fragment).
"""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.widgets import HeaderButton

from livesessions.forms import InvitePointsForm, LateHeadcountForm, PrintPointsForm
from livesessions.models import SessionStatus
from livesessions.reports import (
    points_in_scope,
    points_invitable,
    report_by_commune,
    report_by_village,
    report_points,
    report_total,
    sessions_manageable,
)
from livesessions.scheduling import (
    point_create,
    point_token_rotate,
    points_invite,
    points_token_rotate,
    presence_report_late,
    session_close,
    session_open,
    session_schedule,
)
from livesessions.selectors import sessions_in_scope
from places.audit import AuditedExportMixin

POINTS = "livesessions_point"
CARDS_PER_PAGE = 4  # A4, two by two
SESSIONS = "livesessions_session"


def qr_svg(url: str) -> str:
    """An inline SVG QR code that the page's CSS sizes (viewBox, no fixed size): nothing fetched, prints sharp."""
    return mark_safe(segno.make(url, error="m").svg_inline(omitsize=True))  # noqa: S308 — segno markup, no user HTML


def operator_card_url(request, point, token: str) -> str:
    """The operator's link: the token only in the fragment, which browsers never send to a server."""
    return request.build_absolute_uri(reverse("livesessions:point_chooser")) + f"#diem={point.code}&khoa={token}"


def poster_url(request, point) -> str:
    return request.build_absolute_uri(reverse("livesessions:poster", args=[point.code]))


def _secret_response(response):
    """A response carrying a point token: never stored by a browser or a proxy."""
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def _require(request, permission: str):
    if not request.user.has_perm(permission):
        raise PermissionDenied


# ─── Connection points ──────────────────────────────────────────────────────────────────────────────────


class PointIndexView(generic.IndexView):
    def get_base_queryset(self):
        return points_in_scope(self.request.user)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(HeaderButton(_("Print QR codes"), url=reverse(f"{POINTS}:print"), icon_name="doc-full"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.request.user.has_perm("livesessions.change_connectionpoint"):
            buttons.append(
                MenuItem(
                    _("Issue a new secret code"),
                    url=reverse(f"{POINTS}:rotate", args=[instance.pk]),
                    icon_name="key",
                    priority=40,
                )
            )
        print_url = reverse(f"{POINTS}:print") + f"?point={instance.pk}"
        buttons.append(MenuItem(_("Print card or poster"), url=print_url, icon_name="doc-full", priority=50))
        return buttons


class ScopedPointsMixin:
    def get_queryset(self):
        return points_in_scope(self.request.user)


class PointCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        point, self.token = point_create(
            code=data["code"],
            name=data["name"],
            commune=data["commune"],
            village=data["village"],
            operator_name=data["operator_name"],
            operator_phone=data["operator_phone"],
        )
        if not data["is_active"]:
            point.is_active = False
            point.save(update_fields=["is_active"])
        return point

    def save_action(self):
        return token_page(self.request, self.object, self.token, created=True)


class PointEditView(ScopedPointsMixin, generic.EditView):
    pass


class PointDeleteView(ScopedPointsMixin, generic.DeleteView):
    pass


def token_page(request, point, token: str, *, created: bool):
    """The one page that ever shows a point's secret code, with the operator card to print."""
    card_url = operator_card_url(request, point, token)
    response = TemplateResponse(
        request,
        "livesessions/admin/point_token.html",
        {
            "header_title": _("Secret code of %(point)s") % {"point": point},
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse(f"{POINTS}:index"), "label": _("Connection points")},
                {"url": "", "label": str(point)},
            ],
            "header_icon": "key",
            "point": point,
            "token": token,
            "card_url": card_url,
            "qr": qr_svg(card_url),
            "created": created,
        },
    )
    return _secret_response(response)


class AdminTemplateView(WagtailAdminTemplateMixin, TemplateView):
    """A plain screen in the admin's look with breadcrumbs back to a viewset's list."""

    index_url_name = ""
    index_label = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]


class PointScreen(AdminTemplateView):
    """A screen about connection points, under "Điểm cầu" in the breadcrumbs."""

    index_url_name = f"{POINTS}:index"

    @property
    def index_label(self):
        return _("Connection points")


class PointRotateView(PointScreen):
    """Confirm, then issue a new secret code: the old card stops working at once."""

    template_name = "livesessions/admin/confirm.html"
    header_icon = "key"

    def dispatch(self, request, pk):
        _require(request, "livesessions.change_connectionpoint")
        self.point = get_object_or_404(points_in_scope(request.user), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("New secret code for %(point)s") % {"point": self.point}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            message=_(
                "A new secret code and a new operator card will be issued. The old card and the old code stop "
                "working at once: a hall still using them is disconnected and must scan the new card."
            ),
            confirm_label=_("Yes, issue a new code"),
            cancel_url=reverse(f"{POINTS}:index"),
            **kwargs,
        )

    def post(self, request, pk):
        token = point_token_rotate(point=self.point)
        return token_page(request, self.point, token, created=False)


class PointPrintView(PointScreen):
    """Choose points, then print villager posters (any time) or operator cards (issues new codes)."""

    template_name = "livesessions/admin/print_choose.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return _("Print QR codes")

    def dispatch(self, request, *args, **kwargs):
        _require(request, "livesessions.view_connectionpoint")
        self.points = points_in_scope(request.user).order_by("commune__name", "code")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        chosen = self.request.GET.getlist("point")
        form = form or PrintPointsForm(
            points=self.points,
            initial={"points": chosen or [point.pk for point in self.points if point.is_active]},
        )
        groups: dict[str, list] = {}
        for point in self.points:
            groups.setdefault(point.commune.name, []).append(point)
        selected = {str(value) for value in (form["points"].value() or [])}
        return super().get_context_data(form=form, groups=groups, selected=selected, **kwargs)

    def post(self, request, *args, **kwargs):
        form = PrintPointsForm(request.POST, points=self.points)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        points = list(form.cleaned_data["points"])
        if form.cleaned_data["sheet"] == "posters":
            return posters_sheet(request, points)
        if not request.user.has_perm("livesessions.change_connectionpoint"):
            raise PermissionDenied
        cards = [
            {"point": point, "url": (url := operator_card_url(request, point, token)), "qr": qr_svg(url)}
            for point, token in points_token_rotate(points=points)
        ]
        pages = [cards[start : start + CARDS_PER_PAGE] for start in range(0, len(cards), CARDS_PER_PAGE)]
        response = TemplateResponse(request, "livesessions/admin/sheet_cards.html", {"pages": pages})
        return _secret_response(response)


def posters_sheet(request, points):
    posters = [{"point": point, "url": (url := poster_url(request, point)), "qr": qr_svg(url)} for point in points]
    return TemplateResponse(request, "livesessions/admin/sheet_posters.html", {"posters": posters})


def point_posters(request):
    """Villager check-in posters (no secret in them): the chosen points, or every active point in scope."""
    _require(request, "livesessions.view_connectionpoint")
    points = points_in_scope(request.user).order_by("commune__name", "code")
    chosen = [value for value in request.GET.getlist("point") if value.isdigit()]
    points = points.filter(pk__in=chosen) if chosen else points.filter(is_active=True)
    return posters_sheet(request, points)


# ─── Live classes ───────────────────────────────────────────────────────────────────────────────────────


def organiser_label(session) -> str:
    if session.commune_id:
        return session.commune.name
    return _("Whole province: %(name)s") % {"name": session.province.name}


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            sessions_in_scope(self.request.user)
            .select_related("province", "commune")
            .annotate(points_invited=Count("invited_points"))
        )

    @cached_property
    def manageable_ids(self):
        return set(sessions_manageable(self.request.user).values_list("pk", flat=True))

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if instance.pk in self.manageable_ids else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if instance.pk in self.manageable_ids else None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if instance.pk in self.manageable_ids and user.has_perm("livesessions.change_livesession"):
            buttons.append(
                MenuItem(
                    _("Invited connection points"),
                    url=reverse(f"{SESSIONS}:invites", args=[instance.pk]),
                    icon_name="site",
                    priority=11,
                )
            )
            if instance.status == SessionStatus.OPEN:
                buttons.append(
                    MenuItem(
                        _("Close the class"),
                        url=reverse(f"{SESSIONS}:close", args=[instance.pk]),
                        icon_name="lock",
                        priority=12,
                    )
                )
            else:
                buttons.append(
                    MenuItem(
                        _("Open the class"),
                        url=reverse(f"{SESSIONS}:open", args=[instance.pk]),
                        icon_name="lock-open",
                        priority=12,
                    )
                )
        buttons.append(
            MenuItem(_("Report"), url=reverse(f"{SESSIONS}:report", args=[instance.pk]), icon_name="table", priority=13)
        )
        dashboard = reverse("livesessions:dashboard", args=[instance.pk])
        buttons.append(MenuItem(_("Live dashboard"), url=dashboard, icon_name="view", priority=14))
        villager = reverse("livesessions:session", args=[instance.pk])
        buttons.append(MenuItem(_("Villagers' page"), url=villager, icon_name="link-external", priority=15))
        return buttons


class SessionCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        province, commune = self.form.organiser_place()
        return session_schedule(
            title=data["title"],
            province=province,
            commune=commune,
            scheduled_start=data["scheduled_start"],
            scheduled_end=data["scheduled_end"],
            stream_url=data["stream_url"],
            lesson=data["lesson"],
            created_by=self.request.user,
        )

    def get_success_message(self, instance):
        return _("Class “%(title)s” scheduled; %(count)s connection points invited.") % {
            "title": instance.title,
            "count": instance.invited_points.count(),
        }


class ManageableSessionsMixin:
    def get_queryset(self):
        return sessions_manageable(self.request.user)


class SessionEditView(ManageableSessionsMixin, generic.EditView):
    pass


class SessionDeleteView(ManageableSessionsMixin, generic.DeleteView):
    pass


class SessionScreen(AdminTemplateView):
    """A screen about one class the user may manage (or, with `manage = False`, only see)."""

    index_url_name = f"{SESSIONS}:index"
    permission = "livesessions.change_livesession"
    manage = True

    @property
    def index_label(self):
        return _("Live classes")

    def dispatch(self, request, pk, *args, **kwargs):
        _require(request, self.permission)
        sessions = sessions_manageable(request.user) if self.manage else sessions_in_scope(request.user)
        self.session = get_object_or_404(sessions.select_related("province", "commune"), pk=pk)
        return super().dispatch(request, pk, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, organiser=organiser_label(self.session), **kwargs)


class SessionInvitesView(SessionScreen):
    """Tick which points are invited, grouped by commune; points outside the user's scope stay as they are."""

    template_name = "livesessions/admin/invites.html"
    header_icon = "site"

    def get_page_title(self):
        return _("Invited connection points")

    def get_page_subtitle(self):
        return self.session.title

    @cached_property
    def points(self):
        return points_invitable(self.request.user, self.session).order_by("commune__name", "code")

    def get_context_data(self, form=None, **kwargs):
        invited = set(self.session.invited_points.values_list("pk", flat=True))
        form = form or InvitePointsForm(points=self.points, initial={"points": list(invited)})
        selected = {str(value) for value in (form["points"].value() or [])}
        groups: dict[str, list] = {}
        for point in self.points:
            groups.setdefault(point.commune.name, []).append(point)
        return super().get_context_data(form=form, groups=groups, selected=selected, **kwargs)

    def post(self, request, pk):
        form = InvitePointsForm(request.POST, points=self.points)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        untouchable = self.session.invited_points.exclude(pk__in=self.points.values("pk"))
        points = [*untouchable, *form.cleaned_data["points"]]
        points_invite(session=self.session, points=points)
        messages.success(
            request,
            _("%(count)s connection points are invited to “%(title)s”.")
            % {"count": len(points), "title": self.session.title},
        )
        return redirect(f"{SESSIONS}:index")


class SessionStatusView(SessionScreen):
    """Confirm, then open or close the class."""

    template_name = "livesessions/admin/confirm.html"
    action = "open"

    def get_page_title(self):
        return _("Open the class") if self.action == "open" else _("Close the class")

    def get_page_subtitle(self):
        return self.session.title

    def get_context_data(self, **kwargs):
        if self.action == "open":
            message = _(
                "Once open, connection points can connect and villagers can check in. Open it shortly before "
                "the class starts."
            )
            label = _("Yes, open the class")
        else:
            message = _(
                "Once closed, nothing more is accepted from points or villagers. What was recorded stays for the "
                "report."
            )
            label = _("Yes, close the class")
        return super().get_context_data(
            message=message, confirm_label=label, cancel_url=reverse(f"{SESSIONS}:index"), **kwargs
        )

    def post(self, request, pk):
        if self.action == "open":
            session_open(session=self.session)
            messages.success(request, _("“%(title)s” is open.") % {"title": self.session.title})
        else:
            if self.session.status != SessionStatus.OPEN:
                messages.error(request, _("This class is not open."))
                return redirect(f"{SESSIONS}:index")
            session_close(session=self.session)
            messages.success(request, _("“%(title)s” is closed.") % {"title": self.session.title})
        return redirect(f"{SESSIONS}:index")


class SessionReportView(AuditedExportMixin, SpreadsheetExportMixin, SessionScreen):
    """The end-of-class report per commune, village and point, with CSV and XLSX exports (Wagtail's own)."""

    template_name = "livesessions/admin/report.html"
    header_icon = "table"
    permission = "livesessions.view_livesession"
    manage = False
    show_export_buttons = False  # the page offers both levels itself

    def get_page_title(self):
        return _("Report")

    def get_page_subtitle(self):
        return self.session.title

    @property
    def export_headings(self):
        return {
            "commune": _("Commune"),
            "village_label": _("Village"),
            "points_invited": _("Points invited"),
            "points_connected": _("Points connected"),
            "minutes_connected": _("Minutes connected"),
            "peak_headcount": _("Peak head count (connection)"),
            "late_headcount": _("Head count reported late"),
            "checkins": _("Check-ins"),
        }

    def get_filename(self):
        return f"bao-cao-lop-{self.session.pk}-{self.level}"

    def get_audit_detail(self):
        return {"session": self.session.pk, "title": self.session.title, "level": self.level}

    def stream_csv(self, queryset):
        yield "\ufeff"  # a byte-order mark, so Excel reads the Vietnamese letters as UTF-8
        yield from super().stream_csv(queryset)

    @cached_property
    def level(self):
        return "xa" if self.request.GET.get("level") == "xa" else "thon"

    def get(self, request, *args, **kwargs):
        villages = report_by_village(self.session, user=request.user)
        communes = report_by_commune(self.session, village_rows=villages)
        total = report_total(communes)
        total.commune = _("Total")
        if self.is_export:
            rows = communes if self.level == "xa" else villages
            self.list_export = [field for field in self.export_headings if field != "village_label"]
            if self.level == "thon":
                self.list_export.insert(1, "village_label")
            return self.as_spreadsheet([*rows, total], request.GET["export"])
        can_report_late = self.session.status != SessionStatus.SCHEDULED and request.user.has_perm(
            "livesessions.change_pointpresence"
        )
        context = self.get_context_data(
            villages=villages,
            communes=communes,
            total=total,
            points=report_points(self.session, user=request.user),
            can_report_late=can_report_late,
            exports=[
                (_("Download XLSX by village"), "?export=xlsx&level=thon"),
                (_("Download CSV by village"), "?export=csv&level=thon"),
                (_("Download XLSX by commune"), "?export=xlsx&level=xa"),
                (_("Download CSV by commune"), "?export=csv&level=xa"),
            ],
        )
        return self.render_to_response(context)


class LateHeadcountView(SessionScreen):
    """A point's head count from the hall's paper sheet, entered after the connection was lost."""

    template_name = "livesessions/admin/late_headcount.html"
    permission = "livesessions.change_pointpresence"
    manage = False
    header_icon = "edit"

    def dispatch(self, request, pk, point_pk):
        _require(request, self.permission)
        self.point = get_object_or_404(points_in_scope(request.user), pk=point_pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Head count reported late")

    def get_page_subtitle(self):
        return str(self.point)

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        report = {"url": reverse(f"{SESSIONS}:report", args=[self.session.pk]), "label": self.session.title}
        return [*items[:-1], report, items[-1]]

    def get_context_data(self, form=None, **kwargs):
        presence = self.session.presences.filter(point=self.point).select_related("late_reported_by").first()
        return super().get_context_data(form=form or LateHeadcountForm(), point=self.point, presence=presence, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        form = LateHeadcountForm(request.POST)
        if form.is_valid():
            try:
                presence_report_late(
                    session=self.session,
                    point=self.point,
                    headcount=form.cleaned_data["headcount"],
                    reported_by=request.user,
                )
            except ValidationError as error:
                form.add_error("headcount", error)
            else:
                messages.success(
                    request,
                    _("Head count of %(point)s saved, marked “reported late”.") % {"point": self.point.name},
                )
                return redirect(f"{SESSIONS}:report", self.session.pk)
        return self.render_to_response(self.get_context_data(form=form))
