"""The quiz figures in the Wagtail admin: a "Quizzes" menu entry for staff with a province or commune."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from quizzes import admin_views


class QuizFiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_quiz_figures(request.user)


@hooks.register("register_admin_urls")
def register_quiz_report_urls():
    urls = [
        path("", admin_views.QuizIndexView.as_view(), name="index"),
        path("<int:pk>/", admin_views.QuizReportView.as_view(), name="quiz"),
    ]
    return [path("quiz-figures/", include((urls, "quizzes_report"), namespace="quizzes_report"))]


@hooks.register("register_admin_menu_item")
def register_quiz_report_menu_item():
    return QuizFiguresMenuItem(_("Quizzes"), reverse("quizzes_report:index"), icon_name="tasks", order=215)
