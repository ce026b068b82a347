import logging

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from courses.seed import lessons_seed
from places.models import Province

DEMO_PROVINCE_CODE = "33"  # Hưng Yên, as in demo_setup


class Command(BaseCommand):
    help = "Add the sample courses and lessons to Hưng Yên's course section (safe to run again)."

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
            report = lessons_seed(province=province)
        finally:
            wagtail_logger.setLevel(level)
        for title in report.created:
            self.stdout.write(_("New: %(title)s") % {"title": title})
        for title in report.updated:
            self.stdout.write(_("Updated: %(title)s") % {"title": title})
        self.stdout.write(
            _("Sample lessons: %(created)s new, %(updated)s updated, %(unchanged)s unchanged; %(pictures)s new files.")
            % {
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "pictures": report.pictures_created,
            }
        )
