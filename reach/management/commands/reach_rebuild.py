"""Recompute the reach rollups from the raw tables (after a bulk import, or to check nothing drifted)."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reach.rollups import rebuild


class Command(BaseCommand):
    help = "Recompute the reach dashboard's rollups from the check-ins, quiz attempts and point connections."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = rebuild()
        for table, count in rows.items():
            self.stdout.write(f"  {table}: {count:,}")
        self.stdout.write(_("Reach figures rebuilt in %(seconds).1f s.") % {"seconds": time.perf_counter() - started})
