from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.models import Commune, Province, StaffRole
from places.services import staff_scope_assign


class Command(BaseCommand):
    help = (
        "Make an existing user the provincial admin of a province (--province CODE) or the commune trainer "
        "of a commune (--commune CODE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        place = parser.add_mutually_exclusive_group(required=True)
        place.add_argument("--province", help="province code, e.g. 33 (Hưng Yên)")
        place.add_argument("--commune", help="commune code, as in vietnam-provinces")

    def handle(self, *args, username: str, province: str | None, commune: str | None, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(_("No user named %(username)s.") % {"username": username}) from exc
        if province:
            place = Province.objects.filter(code=province.lstrip("0")).first()
            role, kwargs = StaffRole.PROVINCIAL_ADMIN, {"province": place}
        else:
            place = Commune.objects.filter(code=commune.lstrip("0")).first()
            role, kwargs = StaffRole.COMMUNE_TRAINER, {"commune": place}
        if place is None:
            raise CommandError(
                _("No province or commune with code %(code)s: run import_geography first.")
                % {"code": province or commune}
            )
        staff_scope_assign(user=user, role=role, **kwargs)
        self.stdout.write(
            _("%(username)s is now %(role)s of %(place)s.") % {"username": username, "role": role.label, "place": place}
        )
