from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.services import geography_import


class Command(BaseCommand):
    help = "Load the 34 provinces and 3,321 communes from vietnam-provinces (running it again changes nothing)."

    def handle(self, *args, **options):
        provinces, communes = geography_import()
        self.stdout.write(_("Provinces: %(total)s (%(created)s new, %(updated)s updated)") % vars(provinces))
        self.stdout.write(_("Communes: %(total)s (%(created)s new, %(updated)s updated)") % vars(communes))
