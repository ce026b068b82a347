import logging

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.models import Province
from quizzes.seed import MissingCourse, quizzes_seed

DEMO_PROVINCE_CODE = "33"  # Hưng Yên, as in demo_setup


class Command(BaseCommand):
    help = "Add one quiz to each sample course of Hưng Yên (safe to run again; run demo_lessons first)."

    def handle(self, *args, **options):
        province = Province.objects.filter(code=DEMO_PROVINCE_CODE).first()
        if province is None:
            self.stderr.write(_("Hưng Yên is not in the database yet: run `manage.py import_geography` first."))
            return
        # Wagtail logs three lines per page it creates and publishes; the summary below says it in one.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            report = quizzes_seed(province=province)
        except MissingCourse:
            self.stderr.write(_("The sample courses are not there yet: run `manage.py demo_lessons` first."))
            return
        finally:
            wagtail_logger.setLevel(level)
        for title in report.created:
            self.stdout.write(_("New: %(title)s") % {"title": title})
        for title in report.updated:
            self.stdout.write(_("Updated: %(title)s") % {"title": title})
        self.stdout.write(
            _("Sample quizzes: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": len(report.created), "updated": len(report.updated), "unchanged": len(report.unchanged)}
        )
