"""Back up the site's database: `python manage.py backup_db --output /var/backups/bdhvs-2026-11-22.dump`.

PostgreSQL: a pg_dump custom-format archive (needs pg_dump of the server's major version). SQLite (the demo):
a consistent copy of the database file. Prints the row counts of the key tables it backed up.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, database_backup


class Command(BaseCommand):
    help = "Back up the site's database to a file (pg_dump custom format, or a SQLite copy for the demo)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="file to write the backup to")

    def handle(self, *args, output: Path, **options):
        try:
            counts = database_backup(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {output} ({output.stat().st_size:,} bytes).")
        write_counts(self.stdout, counts)


def write_counts(stdout, counts: dict[str, int]) -> None:
    for label, count in counts.items():
        stdout.write(f"  {label:<16} {count:>12,}")
