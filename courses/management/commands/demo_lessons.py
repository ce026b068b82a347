from django.utils.translation import gettext as _

from courses.seed import lessons_seed
from courses.seed.command import DemoSeedCommand


class Command(DemoSeedCommand):
    help = "Add the sample courses and lessons to Hưng Yên's course section (safe to run again)."

    def seed(self, province):
        return lessons_seed(province=province)

    def summary(self, report) -> str:
        return _(
            "Sample lessons: %(created)s new, %(updated)s updated, %(unchanged)s unchanged; %(pictures)s new files."
        ) % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
            "pictures": report.pictures_created,
        }
