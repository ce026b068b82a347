"""manage.py reach_generate: a realistic province-year of facts for the reach dashboard (see reach/generate.py)."""

import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from places.models import Province
from places.text import fold_diacritics
from quizzes.models import QuizPage
from reach import rollups
from reach.generate import GenerationError, Size, generate, tables_settle

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

    def handle(self, *args, **options):
        province = self._province(options["province"])
        size = Size(
            communes=options["communes"],
            **{name: options[name] for name in ("villages", "points", "classes", "checkins", "attempts", "learners")},
            year=options["year"],
            seed=options["seed"],
        ).scaled(options["scale"])
        if not QuizPage.objects.exists():
            self.stdout.write("Chưa có bài học và bài kiểm tra mẫu: chạy demo_lessons và demo_quizzes trước.")
            call_command("demo_lessons", stdout=self.stdout, stderr=self.stderr)
            call_command("demo_quizzes", stdout=self.stdout, stderr=self.stderr)
        started = time.monotonic()
        try:
            report = generate(province=province, size=size, replace=options["replace"])
        except GenerationError as exc:
            raise CommandError(str(exc)) from exc
        made = time.monotonic() - started
        self.stdout.write(f"{province.name}: {report.communes_used} xã / communes, năm / year {size.year}")
        for table, rows in report.rows.items():
            self.stdout.write(f"  {table:<28} {rows:>10,}")
        self.stdout.write(
            f"  học viên đã chuyển thôn / moved learners {report.moved_learners}, "
            f"đã xoá / deleted {report.deleted_learners}"
        )
        phases = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in report.seconds.items())
        checks = "" if report.foreign_keys_checked else "; foreign keys left unchecked (superuser)"
        self.stdout.write(f"Sinh dữ liệu / generated in {made:.1f} s ({phases}{checks})")
        if options["no_rebuild"]:
            return
        started = time.monotonic()
        counts = rollups.rebuild()
        rebuilt = time.monotonic() - started
        detail = ", ".join(f"{table} {rows:,}" for table, rows in (counts or {}).items())
        self.stdout.write(f"Tính lại số liệu tổng hợp / rollups rebuilt in {rebuilt:.1f} s ({detail})")
        started = time.monotonic()
        tables_settle(apps.get_app_config("reach").get_models())
        self.stdout.write(
            f"VACUUM ANALYZE của các bảng tổng hợp / of the rollup tables: {time.monotonic() - started:.1f} s"
        )

    def _province(self, given: str) -> Province:
        found = Province.objects.filter(code=given.lstrip("0")).first() if given.isdigit() else None
        found = found or Province.objects.filter(search_name=fold_diacritics(given)).first()
        if found is None:
            raise CommandError(
                f"Không tìm thấy tỉnh “{given}”: chạy `manage.py import_geography` trước / "
                f"No province “{given}”: run `manage.py import_geography` first."
            )
        return found
