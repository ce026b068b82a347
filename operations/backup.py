"""Back up the site's database and restore a backup into a fresh database.

PostgreSQL goes through pg_dump (custom format) and pg_restore, whose major version must match the server's
(Debian's postgresql-client-15 for a 15 server). The SQLite demo database is copied with SQLite's own online
backup API, so the demo can be backed up while it runs. A backup holds personal data: the file is written
readable by its owner only, and appears under its name only once complete.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import environ
import psycopg
from django.apps import apps
from django.db import connections
from psycopg import sql

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"

# What an operator compares after a restore: (label, app label, model name).
KEY_TABLES = [
    ("learners", "learners", "Learner"),
    ("villages", "places", "Village"),
    ("check-ins", "livesessions", "CheckIn"),
    ("point presences", "livesessions", "PointPresence"),
    ("lesson visits", "courses", "LessonVisit"),
    ("quiz attempts", "quizzes", "QuizAttempt"),
    ("pages", "wagtailcore", "Page"),
]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


def key_tables() -> list[tuple[str, str]]:
    """(label, table name) of the tables counted after a backup or restore; an app not installed is left out."""
    tables = []
    for label, app_label, model_name in KEY_TABLES:
        try:
            tables.append((label, apps.get_model(app_label, model_name)._meta.db_table))
        except LookupError:
            continue  # e.g. the quizzes app before its models exist
    return tables


def _count_rows(cursor, table_exists) -> dict[str, int]:
    counts = {}
    for label, table in key_tables():
        if table_exists(cursor, table):
            # Table names come from our own models, never from input.
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            counts[label] = cursor.fetchone()[0]
    return counts


def _pg_table_exists(cursor, table: str) -> bool:
    cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f'public."{table}"'])
    return cursor.fetchone()[0]


def _sqlite_table_exists(cursor, table: str) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table])
    return cursor.fetchone() is not None


def counts_in_site_database(*, using: str = "default") -> dict[str, int]:
    """Row counts of the key tables in the site's own database (a missing table is left out)."""
    connection = connections[using]
    exists = _pg_table_exists if connection.vendor == "postgresql" else _sqlite_table_exists
    with connection.cursor() as cursor:
        return _count_rows(cursor, exists)


def counts_in_database_url(*, url: str) -> dict[str, int]:
    """Row counts of the key tables in the database at `url` (PostgreSQL or SQLite)."""
    config = environ.Env.db_url_config(url)
    if config["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(config["NAME"]) as db:
            return _count_rows(db.cursor(), _sqlite_table_exists)
    with psycopg.connect(**_psycopg_params(config)) as db, db.cursor() as cursor:
        return _count_rows(cursor, _pg_table_exists)


# --- Backup ---------------------------------------------------------------------------------------------


def database_backup(*, output: Path, using: str = "default") -> dict[str, int]:
    """Write a backup of the site's database to `output` and return the key tables' row counts.

    PostgreSQL: a pg_dump custom-format archive. SQLite: a consistent copy of the database file. The counts
    are read just after the copy, so on a site in use they may be a few rows ahead of it.
    """
    connection = connections[using]
    output = Path(output)
    if output.exists() and output.is_dir():
        raise BackupError(f"{output} is a folder; give a file name.")
    partial = output.with_name(output.name + ".partial")
    # Only the owner may read it, from the first byte (pg_dump and SQLite keep an existing file's mode).
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    try:
        if connection.vendor == "postgresql":
            _pg_dump(connection.settings_dict, partial)
        elif connection.vendor == "sqlite":
            _sqlite_copy(connection, partial)
        else:
            raise BackupError(f"No backup method for a {connection.vendor} database.")
        partial.chmod(0o600)
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return counts_in_site_database(using=using)


def _pg_dump(settings_dict: dict[str, Any], target: Path) -> None:
    args = ["pg_dump", "--format=custom", "--file", str(target), *_pg_connection_args(settings_dict)]
    _run(args, _pg_env(settings_dict.get("PASSWORD")))


def _sqlite_copy(connection, target: Path) -> None:
    if connection.in_atomic_block:
        # SQLite's backup waits for the source's write transaction to end: inside one, it would wait forever.
        raise BackupError("Back up a SQLite database outside a transaction.")
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


# --- Restore --------------------------------------------------------------------------------------------


def database_restore(*, input: Path, url: str, force: bool = False) -> dict[str, int]:
    """Restore the backup `input` into the database at `url`, creating it; return its key tables' row counts.

    Refuses to touch a database that already holds tables unless `force`, which drops and recreates it.
    """
    input = Path(input)
    if not input.is_file():
        raise BackupError(f"No backup file at {input}.")
    with input.open("rb") as backup:
        head = backup.read(16)
    config = environ.Env.db_url_config(url)
    engine = config["ENGINE"]
    if head.startswith(PG_MAGIC):
        if not engine.endswith("postgresql"):
            raise BackupError("This is a PostgreSQL backup: restore it into a postgres:// database.")
        _pg_restore(input, config, force=force)
    elif head.startswith(SQLITE_MAGIC):
        if not engine.endswith("sqlite3"):
            raise BackupError("This is a SQLite backup: restore it into a sqlite:/// file.")
        _sqlite_restore(input, Path(config["NAME"]), force=force)
    else:
        raise BackupError(f"{input} is neither a pg_dump custom archive nor a SQLite database.")
    return counts_in_database_url(url=url)


def _pg_restore(archive: Path, config: dict[str, Any], *, force: bool) -> None:
    name = config["NAME"]
    if not name or name in {"postgres", "template0", "template1"}:
        raise BackupError("Give the name of a new database to restore into, e.g. postgres://…/bdhvs_restored.")
    admin = {**config, "NAME": "postgres"}
    with psycopg.connect(**_psycopg_params(admin), autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
        if exists and _pg_database_has_tables(config):
            if not force:
                raise BackupError(
                    f"The database {name} already holds tables; restore into a new database, "
                    "or add --force to drop and recreate it."
                )
            server.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            exists = False
        if not exists:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    # The restoring user owns everything: the archive's owners and grants may not exist on this server.
    args = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run(
        [*args, "--dbname", name, *_pg_connection_args(config, with_name=False), str(archive)],
        _pg_env(config.get("PASSWORD")),
    )


def _pg_database_has_tables(config: dict[str, Any]) -> bool:
    with psycopg.connect(**_psycopg_params(config)) as db:
        query = "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND "
        query += "n.nspname NOT IN ('pg_catalog', 'information_schema') LIMIT 1"
        return db.execute(query).fetchone() is not None


def _sqlite_restore(backup: Path, target: Path, *, force: bool) -> None:
    if target.exists() and target.stat().st_size > 0:
        with sqlite3.connect(target) as db:
            has_tables = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
        db.close()
        if has_tables and not force:
            raise BackupError(f"{target} already holds tables; restore into a new file, or add --force to replace it.")
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(backup, partial)
    partial.chmod(0o600)
    partial.replace(target)
    for leftover in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)  # the old database's journal must not be replayed onto the copy


# --- Helpers --------------------------------------------------------------------------------------------


def _pg_connection_args(config: dict[str, Any], *, with_name: bool = True) -> list[str]:
    args = []
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    args.append("--no-password")  # never wait for a prompt; the password comes through PGPASSWORD
    if with_name:
        args += ["--dbname", str(config["NAME"])]
    return args


def _pg_env(password: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)  # not on the command line, where `ps` would show it
    return env


def _psycopg_params(config: dict[str, Any]) -> dict[str, Any]:
    params = {"dbname": config["NAME"], "connect_timeout": 10}
    for key, param in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if config.get(key):
            params[param] = config[key]
    return params


def _run(args: list[str], env: dict[str, str]) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} is not installed: apt-get install postgresql-client-15 (match the server).")
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}")
