"""What the demo seed commands (demo_lessons, demo_quizzes) share: find Hưng Yên, seed quietly, say what changed."""

import logging

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.models import Province

DEMO_PROVINCE_CODE = "33"  # Hưng Yên, as in demo_setup


class DemoSeedCommand(BaseCommand):
    """Subclasses give `seed(province)` (a SeedReport-like result, or None after saying why on stderr) and
    `summary(report)`, the closing line."""

    def seed(self, province):
        raise NotImplementedError

    def summary(self, report) -> str:
        raise NotImplementedError

    def handle(self, *args, **options):
        province = Province.objects.filter(code=DEMO_PROVINCE_CODE).first()
        if province is None:
            self.stderr.write(_("Hưng Yên is not in the database yet: run `manage.py import_geography` first."))
            return
        # Wagtail logs three lines per page it creates and publishes; the summary says it in one.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            report = self.seed(province)
        finally:
            wagtail_logger.setLevel(level)
        if report is None:
            return
        for title in report.created:
            self.stdout.write(_("New: %(title)s") % {"title": title})
        for title in report.updated:
            self.stdout.write(_("Updated: %(title)s") % {"title": title})
        self.stdout.write(self.summary(report))
