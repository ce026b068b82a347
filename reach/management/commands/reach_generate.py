"""manage.py reach_generate: a realistic province-year of facts for the reach dashboard (see reach/generate.py)."""

import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.models import Province
from places.text import fold_diacritics
from quizzes.models import QuizPage
from reach import rollups
from reach.generate import GenerationError, Size, generate, generated_exists, tables_settle

DEFAULT = Size()


class Command(BaseCommand):
    help = (
        "Generate a province-year of made-up facts (villages, points, learners, live classes, check-ins, quiz "
        "attempts, completions) for the reach dashboard and its benchmark, then rebuild the reach rollups. "
        "Full size: --communes 104 --villages 3000 --points 1500 --classes 500 --checkins 1000000 "
        "--attempts 1000000 --learners 200000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--province", default="Hưng Yên", help="name or code (default Hưng Yên)")
        parser.add_argument("--communes", type=int, default=DEFAULT.communes, help="communes used (the first by code)")
        for name in ("villages", "points", "classes", "checkins", "attempts", "learners"):
            parser.add_argument(f"--{name}", type=int, default=getattr(DEFAULT, name))
        parser.add_argument("--scale", type=float, default=1.0, help="multiply every count but communes")
        parser.add_argument("--year", type=int, default=DEFAULT.year)
        parser.add_argument("--seed", type=int, default=DEFAULT.seed)
        parser.add_argument("--replace", action="store_true", help="delete the province's generated data first")
        parser.add_argument("--no-rebuild", action="store_true", help="leave the reach rollups as they are")
        parser.add_argument(
            "--keep-existing",
            action="store_true",
            help="leave a province that already has generated data as it is, without an error (make demo)",
        )

    def handle(self, *args, **options):
        province = self._province(options["province"])
        if options["keep_existing"] and generated_exists(province):
            self.stdout.write(
                _("%(province)s already has generated activity: kept as it is.") % {"province": province.name}
            )
            return
        size = Size(
            communes=options["communes"],
            **{name: options[name] for name in ("villages", "points", "classes", "checkins", "attempts", "learners")},
            year=options["year"],
            seed=options["seed"],
        ).scaled(options["scale"])
        if not QuizPage.objects.exists():
            self.stdout.write(_("No quiz yet: adding the sample lessons and quizzes first."))
            call_command("demo_lessons", stdout=self.stdout, stderr=self.stderr)
            call_command("demo_quizzes", stdout=self.stdout, stderr=self.stderr)
        started = time.monotonic()
        try:
            report = generate(province=province, size=size, replace=options["replace"])
        except GenerationError as exc:
            raise CommandError(str(exc)) from exc
        made = time.monotonic() - started
        self.stdout.write(
            _("%(province)s: %(communes)s communes, year %(year)s")
            % {"province": province.name, "communes": report.communes_used, "year": size.year}
        )
        for table, rows in report.rows.items():
            self.stdout.write(f"  {table:<28} {rows:>10,}")
        self.stdout.write(
            _("  learners who moved village: %(moved)s, deleted: %(deleted)s")
            % {"moved": report.moved_learners, "deleted": report.deleted_learners}
        )
        phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in report.seconds.items())
        if not report.foreign_keys_checked:
            phases += "; " + _("foreign keys not checked (superuser)")
        self.stdout.write(_("Generated in %(seconds).1f s (%(phases)s)") % {"seconds": made, "phases": phases})
        if options["no_rebuild"]:
            return
        started = time.monotonic()
        counts = rollups.rebuild()
        rebuilt = time.monotonic() - started
        detail = ", ".join(f"{table} {rows:,}" for table, rows in (counts or {}).items())
        self.stdout.write(
            _("Reach rollups rebuilt in %(seconds).1f s (%(rows)s)") % {"seconds": rebuilt, "rows": detail}
        )
        started = time.monotonic()
        tables_settle(apps.get_app_config("reach").get_models())
        seconds = time.monotonic() - started
        self.stdout.write(_("VACUUM ANALYZE of the rollup tables: %(seconds).1f s") % {"seconds": seconds})

    def _province(self, given: str) -> Province:
        found = Province.objects.filter(code=given.lstrip("0")).first() if given.isdigit() else None
        found = found or Province.objects.filter(search_name=fold_diacritics(given)).first()
        if found is None:
            raise CommandError(
                _("No province “%(province)s”: run `manage.py import_geography` first.") % {"province": given}
            )
        return found
