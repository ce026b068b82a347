from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from places.services import VILLAGE_CSV_COLUMNS, villages_import_csv


class Command(BaseCommand):
    help = (
        "Import villages from a UTF-8 CSV file with the columns "
        + ", ".join(VILLAGE_CSV_COLUMNS)
        + ". If any row is bad, nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args, csv_path: Path, **options):
        try:
            text = csv_path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise CommandError(_("File not found: %(path)s") % {"path": csv_path}) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(_("The file is not UTF-8: in Excel, save it as “CSV UTF-8”.")) from exc
        result = villages_import_csv(text=text)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("%(count)s bad rows: nothing was imported. Correct the file and run it again.")
                % {"count": len(result.errors)}
            )
        self.stdout.write(
            _("Imported: %(created)s new, %(updated)s updated villages.")
            % {"created": result.created, "updated": result.updated}
        )
