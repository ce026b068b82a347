from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.models import Province, Village
from places.services import demo_villages_create


class Command(BaseCommand):
    help = "Add demo villages, labelled “(mẫu)”, to every commune of one province."

    def add_arguments(self, parser):
        parser.add_argument("--province", default="33", help="province code (default 33: Hưng Yên)")
        parser.add_argument("--per-commune", type=int, default=6)

    def handle(self, *args, province: str, per_commune: int, **options):
        try:
            target = Province.objects.get(code=province.lstrip("0"))
        except Province.DoesNotExist as exc:
            raise CommandError(
                _("No province with code %(code)s: run import_geography first.") % {"code": province}
            ) from exc
        created = demo_villages_create(province=target, per_commune=per_commune)
        total = Village.objects.filter(commune__province=target, is_demo=True).count()
        self.stdout.write(
            _("%(province)s: %(created)s new demo villages (%(total)s in all).")
            % {"province": target.name, "created": created, "total": total}
        )
