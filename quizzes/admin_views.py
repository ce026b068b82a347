"""Quiz figures for trainers and the provincial union in the Wagtail admin, within their own scope.

A staff member sees the quizzes of their province's course section; every figure is narrowed to their
province or commune (`places.selectors.in_scope`), so a trainer of another commune sees nothing of this one.
CSV and XLSX come from Wagtail's own exporter, fed the same rows the screen shows; every download is written
to the staff audit log.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from places.audit import AuditedExportMixin
from places.selectors import staff_scope_of
from quizzes.selectors import (
    group_runs_by_village,
    most_wrong_questions,
    quiz_figures,
    quiz_rows,
    quizzes_in_scope,
    quizzes_overview,
)

INDEX_URL = "quizzes_report:index"


def may_see_quiz_figures(user) -> bool:
    """Staff with a province or commune (and superusers): the people the figures are for."""
    return bool(getattr(user, "is_superuser", False) or staff_scope_of(user))


class QuizScreen(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not may_see_quiz_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class QuizIndexView(QuizScreen):
    """The quizzes in the user's scope, with finished attempts and pass rate there."""

    template_name = "quizzes/admin/index.html"
    page_title = gettext_lazy("Quizzes")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=quizzes_overview(self.request.user), **kwargs)


# Which table an export holds: ?export=csv&table=thon (village), xa (commune), cau-hoi (questions), nhom (group).
EXPORT_TABLES = ("thon", "xa", "cau-hoi", "nhom")


class QuizReportView(AuditedExportMixin, SpreadsheetExportMixin, QuizScreen):
    """One quiz: attempts and pass rate per commune and village (the village at the time), course completions,
    the questions most often answered wrong, and group runs at connection points in a table of their own."""

    template_name = "quizzes/admin/report.html"
    show_export_buttons = False  # the page offers one pair of buttons per table

    def dispatch(self, request, pk, *args, **kwargs):
        if not may_see_quiz_figures(request.user):
            raise PermissionDenied
        # Another province's quiz: as if it did not exist.
        self.quiz = get_object_or_404(quizzes_in_scope(request.user), pk=pk)
        return super().dispatch(request, pk, *args, **kwargs)

    def get_page_title(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": _("Quizzes")},
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def table(self) -> str:
        table = self.request.GET.get("table", "thon")
        return table if table in EXPORT_TABLES else "thon"

    @property
    def export_headings(self):
        return {
            "commune": _("Commune"),
            "village": _("Village"),
            "attempts": _("Attempts finished"),
            "passed": _("Attempts passed"),
            "pass_rate": _("Pass rate (%)"),
            "learners": _("Learners"),
            "learners_passed": _("Learners who passed"),
            "completions": _("Course completions"),
            "number": _("Question no."),
            "text": _("Question"),
            "answers": _("Answers"),
            "wrong": _("Wrong answers"),
            "wrong_share": _("Share wrong (%)"),
            "runs": _("Group runs"),
            "people": _("People in the halls"),
            "runs_passed": _("Group runs passed"),
            "right_share": _("Share of hands on the right answer (%)"),
        }

    def _export_columns(self) -> list[str]:
        attempts = ["attempts", "passed", "pass_rate", "learners", "learners_passed", "completions"]
        return {
            "thon": ["commune", "village", *attempts],
            "xa": ["commune", *attempts],
            "cau-hoi": ["number", "text", "answers", "wrong", "wrong_share"],
            "nhom": ["commune", "village", "runs", "people", "runs_passed", "right_share"],
        }[self.table]

    def _export_rows(self) -> list:
        # Only the table asked for is counted: the same selectors, so the same figures as on the screen.
        user = self.request.user
        if self.table == "cau-hoi":
            return most_wrong_questions(self.quiz, user=user)
        if self.table == "nhom":
            groups, group_total = group_runs_by_village(self.quiz, user=user)
            return [*groups, group_total]
        villages, communes, total = quiz_rows(self.quiz, user=user)
        return [*(villages if self.table == "thon" else communes), total]

    def get_filename(self):
        return f"bai-kiem-tra-{self.quiz.pk}-{self.table}"

    def get_audit_detail(self):
        # Which quiz and which table left the system; the rows themselves are figures, not people.
        return {"quiz": self.quiz.pk, "quiz_title": self.quiz.title, "table": self.table}

    def stream_csv(self, queryset):
        yield "\ufeff"  # a byte-order mark, so Excel reads the Vietnamese letters as UTF-8
        yield from super().stream_csv(queryset)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            self.list_export = self._export_columns()
            return self.as_spreadsheet(self._export_rows(), request.GET["export"])
        figures = quiz_figures(self.quiz, user=request.user)

        def exports(table):
            return [(fmt.upper(), f"?export={fmt}&table={table}") for fmt in ("xlsx", "csv")]

        return self.render_to_response(
            self.get_context_data(
                figures=figures,
                course=self.quiz.course,
                exports={table.replace("-", "_"): exports(table) for table in EXPORT_TABLES},
                live_url=self.quiz.url if self.quiz.live else "",
            )
        )
