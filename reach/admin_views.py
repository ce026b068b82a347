"""The reach dashboard in the Wagtail admin: a province, a commune or a village, within the user's own scope.

A provincial admin sees their province and its communes and villages; a commune trainer their commune and
its villages, never the province's screen. Anything else answers 404, as if it did not exist. The figures
are counts only (reach.selectors); each screen offers three CSV/XLSX exports — its table, the activity
series, the villages not reached yet — holding the same numbers as the screen, each written to the staff
audit log with the area and the filter.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from places.audit import AuditedExportMixin
from places.models import Commune, Province, StaffRole, Village
from places.selectors import in_scope, staff_scope_of
from places.text import fold_diacritics
from reach import charts
from reach.forms import ReachFilterForm
from reach.selectors import FIGURES, ReachReport, reach_for_commune, reach_for_province, reach_for_village

NOT_REACHED_SHOWN = 200  # the rest are counted on the screen and all of them are in the export
PERCENT_FIGURES = {"coverage", "pass_rate"}


def may_see_reach(user) -> bool:
    """Superusers, and staff with a province or a commune: the people the figures are for."""
    return bool(getattr(user, "is_superuser", False) or staff_scope_of(user))


def may_see_province(user, province_id: int) -> bool:
    """A commune trainer sees their commune, not their province's other communes."""
    if getattr(user, "is_superuser", False):
        return True
    scope = staff_scope_of(user)
    return scope is not None and scope.role == StaffRole.PROVINCIAL_ADMIN and scope.province_id == province_id


def area_url(level: str, pk: int, query: str = "") -> str:
    url = reverse(f"reach:{level}", args=[pk])
    return f"{url}?{query}" if query else url


class ReachScreen(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reach(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReachIndexView(ReachScreen):
    """Sends staff to their own area; a superuser chooses a province."""

    template_name = "reach/admin/index.html"
    page_title = gettext_lazy("Reach")

    def get(self, request, *args, **kwargs):
        scope = staff_scope_of(request.user)
        if scope is not None and not request.user.is_superuser:
            if scope.role == StaffRole.PROVINCIAL_ADMIN:
                return redirect(area_url("province", scope.province_id, request.GET.urlencode()))
            return redirect(area_url("commune", scope.commune_id, request.GET.urlencode()))
        provinces = Province.objects.annotate(villages=Count("communes__villages")).order_by("search_name")
        return self.render_to_response(self.get_context_data(provinces=provinces))

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


@dataclasses.dataclass(frozen=True)
class Export:
    table: str  # the `bang` parameter
    label: str
    links: list[tuple[str, str]]


class AreaReachView(AuditedExportMixin, SpreadsheetExportMixin, ReachScreen):
    """The figures of one area for a date range and a theme: cards, bars, a line, tables and exports."""

    template_name = "reach/admin/report.html"
    show_export_buttons = False  # one pair of buttons per table
    level = ""  # "province", "commune" or "village"
    rows_table = ""  # the `bang` of the screen's main table

    def dispatch(self, request, pk, *args, **kwargs):
        if not may_see_reach(request.user):
            raise PermissionDenied
        self.area = self.get_area(pk)  # 404 outside the user's scope, before anything is counted or logged
        return super().dispatch(request, pk, *args, **kwargs)

    def get_area(self, pk):
        raise NotImplementedError

    def build_report(self) -> ReachReport:
        raise NotImplementedError

    # ── The filter ──

    @cached_property
    def form(self) -> ReachFilterForm:
        return ReachFilterForm(self.request.GET)

    @cached_property
    def report(self) -> ReachReport:
        return self.build_report()

    @cached_property
    def filter_query(self) -> str:
        """The filter as sent, for links that keep it (drill-down, exports); nothing when it was refused."""
        if not self.form.is_bound or self.form.refused:
            return ""
        return urlencode({key: value for key, value in self.form.data.items() if value})

    def link(self, level: str, pk: int) -> str:
        return area_url(level, pk, self.filter_query)

    # ── Page furniture ──

    def get_page_title(self):
        return self.area.name

    def get_page_subtitle(self):
        return _("Reach")

    def parent_crumbs(self) -> list[dict]:
        return []

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.request.user.is_superuser:
            items.append({"url": reverse("reach:index"), "label": _("Reach")})
        return [*items, *self.parent_crumbs(), {"url": "", "label": self.get_page_title()}]

    # ── Exports ──

    @cached_property
    def table(self) -> str:
        table = self.request.GET.get("bang", self.rows_table)
        return table if table in self.export_tables() else self.rows_table

    def export_tables(self) -> dict[str, str]:
        tables = {self.rows_table: self.rows_label(), "hoat-dong": _("Activity over time")}
        if self.level != "village":
            tables["chua-den"] = _("Villages not reached yet")
        return tables

    def rows_label(self) -> str:
        return {"province": _("By commune"), "commune": _("By village"), "village": _("Figures")}[self.level]

    def name_heading(self) -> str:
        return {"province": _("Commune"), "commune": _("Village"), "village": _("Village")}[self.level]

    @property
    def export_headings(self):
        return {
            "name": self.name_heading(),
            **{attr: label for attr, label in FIGURES},
            "start": _("From"),
            "end": _("To"),
            "checkins": _("Check-ins"),
            "attempts": _("Quiz attempts"),
            "headcount": _("Head count (people)"),
            "commune": _("Commune"),
            "village": _("Village"),
        }

    def export_columns(self) -> list[str]:
        if self.table == "hoat-dong":
            return ["start", "end", "checkins", "attempts", "headcount"]
        if self.table == "chua-den":
            return ["commune", "village"]
        return ["name", *(attr for attr, _label in FIGURES)]

    def export_rows(self) -> list:
        report = self.report
        if self.table == "hoat-dong":
            return charts.activity_periods(report.activity)
        if self.table == "chua-den":
            return report.not_reached
        return [*report.rows, self.total_row()]

    def total_row(self):
        if self.level == "village":
            return self.report.total
        return dataclasses.replace(self.report.total, name=_("Total"))

    def get_filename(self):
        flt = self.form.reach_filter()
        slug = "-".join(fold_diacritics(self.area.name).replace("/", " ").split())
        return f"do-phu-{slug}-{self.table}-{flt.start.isoformat()}-{flt.end.isoformat()}"

    def get_audit_detail(self):
        # Which area, which table and which filter left the system; the rows are counts, never people.
        flt = self.form.reach_filter()
        detail = {
            "level": self.level,
            "table": self.table,
            "start": flt.start.isoformat(),
            "end": flt.end.isoformat(),
            "theme": flt.theme,
        }
        area = self.area
        if isinstance(area, Village):
            detail.update(village=area.pk, village_name=area.name)
            area = area.commune
        if isinstance(area, Commune):
            detail.update(commune=area.pk, commune_name=area.name)
            area = area.province
        detail.update(province=area.pk, province_name=area.name)
        return detail

    def stream_csv(self, queryset):
        yield "\ufeff"  # a byte-order mark, so Excel reads the Vietnamese letters as UTF-8
        yield from super().stream_csv(queryset)

    def exports(self) -> list[Export]:
        base = f"{self.filter_query}&" if self.filter_query else ""
        return [
            Export(table, label, [(fmt.upper(), f"?{base}export={fmt}&bang={table}") for fmt in ("xlsx", "csv")])
            for table, label in self.export_tables().items()
        ]

    # ── The screen ──

    def get(self, request, *args, **kwargs):
        if self.is_export and not self.form.refused:
            self.list_export = self.export_columns()
            return self.as_spreadsheet(self.export_rows(), request.GET["export"])
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        report = self.report
        total = report.total
        periods = charts.activity_periods(report.activity)
        not_reached = report.not_reached
        return super().get_context_data(
            level=self.level,
            form=self.form,
            flt=report.filter,
            total=total,
            cards=self.cards(total),
            headings=[label for _attr, label in FIGURES],
            name_heading=self.name_heading(),
            table_rows=[(row, self.row_link(row), self.cells(row)) for row in report.rows],
            total_cells=self.cells(total),
            bars=charts.coverage_bars_svg(report.rows, id_prefix="reach-bars") if report.rows else "",
            bar_rows=[(row, charts.percent_label(row.coverage)) for row in charts.coverage_bars(report.rows)],
            line=charts.activity_line_svg(report.activity, id_prefix="reach-line"),
            periods=periods,
            period_unit=charts.period_unit(len(report.activity)),
            not_reached=not_reached[:NOT_REACHED_SHOWN],
            not_reached_more=max(len(not_reached) - NOT_REACHED_SHOWN, 0),
            not_reached_count=len(not_reached),
            exports={
                ("rows" if export.table == self.rows_table else export.table.replace("-", "_")): export
                for export in self.exports()
            },
            rows_table=self.rows_table,
            commune_links=self.level == "province",
            **kwargs,
        )

    def cards(self, total) -> list[tuple[str, str, str]]:
        """(label, big figure, small print) for the totals at the top."""
        if self.level == "village":
            state = _("Reached") if total.villages_reached else _("Not reached yet")
            reached = (_("Reach"), state, "")
        else:
            reached = (
                _("Villages reached"),
                f"{charts.count_label(total.villages_reached)} / {charts.count_label(total.villages_total)}",
                charts.percent_label(total.coverage),
            )
        attempts = ngettext("%(n)s attempt", "%(n)s attempts", total.attempts) % {"n": total.attempts}
        quiz = (_("Quiz pass rate (%)"), charts.percent_label(total.pass_rate), attempts)
        return [
            reached,
            *((label, charts.count_label(getattr(total, attr)), "") for attr, label in FIGURES if attr in CARD_FIGURES),
            quiz,
        ]

    def cells(self, row) -> list[str]:
        return [
            charts.percent_label(row.figure(attr)) if attr in PERCENT_FIGURES else charts.count_label(row.figure(attr))
            for attr, _label in FIGURES
        ]

    def row_link(self, row) -> str:
        if row.place_id is None:
            return ""
        return self.link("commune" if self.level == "province" else "village", row.place_id)


CARD_FIGURES = ("classes", "connections", "headcount", "learners", "checkins", "completions")


class ProvinceReachView(AreaReachView):
    level = "province"
    rows_table = "xa"

    def get_area(self, pk):
        if not may_see_province(self.request.user, pk):
            raise Http404
        return get_object_or_404(in_scope(Province.objects.all(), self.request.user), pk=pk)

    def build_report(self):
        return reach_for_province(self.area, self.form.reach_filter())


class CommuneReachView(AreaReachView):
    level = "commune"
    rows_table = "thon"

    def get_area(self, pk):
        communes = in_scope(Commune.objects.select_related("province"), self.request.user)
        return get_object_or_404(communes, pk=pk)

    def parent_crumbs(self):
        province = self.area.province
        if not may_see_province(self.request.user, province.pk):
            return []
        return [{"url": self.link("province", province.pk), "label": province.name}]

    def build_report(self):
        return reach_for_commune(self.area, self.form.reach_filter())


class VillageReachView(AreaReachView):
    level = "village"
    rows_table = "tong"

    def get_area(self, pk):
        villages = in_scope(Village.objects.select_related("commune__province"), self.request.user)
        return get_object_or_404(villages, pk=pk)

    def parent_crumbs(self):
        commune = self.area.commune
        crumbs = []
        if may_see_province(self.request.user, commune.province_id):
            crumbs.append({"url": self.link("province", commune.province_id), "label": commune.province.name})
        return [*crumbs, {"url": self.link("commune", commune.pk), "label": commune.name}]

    def build_report(self):
        return reach_for_village(self.area, self.form.reach_filter())
