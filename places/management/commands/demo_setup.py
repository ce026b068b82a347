import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from places.models import Commune, Province, StaffRole
from places.services import demo_villages_create, geography_import, staff_scope_assign

DEMO_PROVINCE_CODE = "33"  # Hưng Yên, where the 1,000-point class of 1 Nov 2025 was held
DEMO_COMMUNE_NAME = "Phường Phố Hiến"
DEMO_ACTIVITY = {  # reach_generate's sizes for the demo: a dozen communes, a few seconds to make
    "communes": 12,
    "villages": 150,
    "points": 60,
    "classes": 40,
    "checkins": 6000,
    "attempts": 5000,
    "learners": 1500,
}


class Command(BaseCommand):
    help = "Prepare the demo: geography, demo villages in Hưng Yên, one staff user per role (new passwords)."

    def handle(self, *args, **options):
        provinces, communes = geography_import()
        self.stdout.write(_("Provinces: %(total)s (%(created)s new, %(updated)s updated)") % vars(provinces))
        self.stdout.write(_("Communes: %(total)s (%(created)s new, %(updated)s updated)") % vars(communes))

        province = Province.objects.get(code=DEMO_PROVINCE_CODE)
        created = demo_villages_create(province=province)
        self.stdout.write(
            _("%(province)s: %(created)s new demo villages.") % {"province": province.name, "created": created}
        )

        commune = Commune.objects.filter(province=province, name=DEMO_COMMUNE_NAME).first()
        commune = commune or province.communes.order_by("search_name").first()
        call_command("demo_points", stdout=self.stdout)
        call_command("demo_lessons", stdout=self.stdout)
        call_command("demo_quizzes", stdout=self.stdout)
        # A year of made-up activity in a dozen communes, so the reach dashboard has something to show.
        call_command("reach_generate", keep_existing=True, stdout=self.stdout, **DEMO_ACTIVITY)
        accounts = [
            ("tinhdoan.hungyen", StaffRole.PROVINCIAL_ADMIN, {"province": province}, province.name),
            ("giangvien.phohien", StaffRole.COMMUNE_TRAINER, {"commune": commune}, commune.name),
        ]
        self.stdout.write("")
        self.stdout.write(_("Staff sign-in at http://127.0.0.1:8000/admin/ (passwords are new on every run):"))
        for username, role, place, place_name in accounts:
            user, _created = get_user_model().objects.get_or_create(username=username)
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save()
            staff_scope_assign(user=user, role=role, **place)
            self.stdout.write(f"  {role.label}, {place_name}: {username} / {password}")
