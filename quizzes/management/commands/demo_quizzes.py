from django.utils.translation import gettext as _

from courses.seed.command import DemoSeedCommand
from quizzes.seed import MissingCourse, quizzes_seed


class Command(DemoSeedCommand):
    help = "Add one quiz to each sample course of Hưng Yên (safe to run again; run demo_lessons first)."

    def seed(self, province):
        try:
            return quizzes_seed(province=province)
        except MissingCourse:
            self.stderr.write(_("The sample courses are not there yet: run `manage.py demo_lessons` first."))
            return None

    def summary(self, report) -> str:
        return _("Sample quizzes: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
