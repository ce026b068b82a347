"""Restore a backup into a fresh database:

    python manage.py restore_db --input bdhvs.dump --database-url postgres://postgres@127.0.0.1:5432/bdhvs_restored

Creates the database, restores into it (pg_restore, in one transaction) and prints the row counts of the key
tables, to compare with those `backup_db` printed. A database that already holds tables is left alone unless
--force, which drops and recreates it. A SQLite backup restores into a sqlite:/// file the same way.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, database_restore
from operations.management.commands.backup_db import write_counts


class Command(BaseCommand):
    help = "Restore a backup made by backup_db into a new database and print its key tables' row counts."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="the backup file")
        parser.add_argument(
            "--database-url", required=True, help="where to restore, e.g. postgres://user@host:5432/newdb"
        )
        parser.add_argument(
            "--force", action="store_true", help="drop and recreate the target database if it holds tables"
        )

    def handle(self, *args, input: Path, database_url: str, force: bool, **options):
        try:
            counts = database_restore(input=input, url=database_url, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {input} into {_without_password(database_url)}.")
        write_counts(self.stdout, counts)


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{credentials}{at}{host}"
