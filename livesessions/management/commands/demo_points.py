"""Demo connection points: one per village of the demo commune (PH-01, PH-02…) plus the ward's own hall.

    python manage.py demo_points

Idempotent: existing codes are left as they are. Secret codes are not printed: staff print operator cards
from the admin (Điểm cầu → In mã QR), which issues new ones.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from livesessions.models import ConnectionPoint
from livesessions.scheduling import point_create
from places.models import Commune
from places.selectors import villages_of

DEMO_PROVINCE_CODE = "33"  # Hưng Yên, as demo_setup
DEMO_COMMUNE_NAME = "Phường Phố Hiến"
CODE_PREFIX = "PH"


class Command(BaseCommand):
    help = "Create demo connection points in the demo commune: one per village and one for the commune's hall."

    def handle(self, *args, **options):
        commune = Commune.objects.filter(province__code=DEMO_PROVINCE_CODE, name=DEMO_COMMUNE_NAME).first()
        if commune is None:
            raise CommandError(_("Run import_geography first: %(name)s is missing.") % {"name": DEMO_COMMUNE_NAME})
        halls = [(f"{CODE_PREFIX}-00", f"Hội trường {commune.name}", None)]
        for number, village in enumerate(villages_of(commune.pk), start=1):
            halls.append((f"{CODE_PREFIX}-{number:02d}", f"Nhà văn hoá {village.name}", village))
        created = 0
        for number, (code, name, village) in enumerate(halls):
            if ConnectionPoint.objects.filter(code=code).exists():
                continue
            point_create(
                code=code,
                name=name,
                commune=commune,
                village=village,
                operator_name=f"Người phụ trách mẫu {number}",  # plainly made up
                operator_phone=f"0000 000 {number:03d}",
            )
            created += 1
        self.stdout.write(
            _("%(commune)s: %(created)s new demo connection points (%(total)s in all).")
            % {"commune": commune.name, "created": created, "total": len(halls)}
        )
