"""A backup restores into a fresh database with every key table's rows, and never over a database in use."""

import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from operations.backup import counts_in_site_database

# pg_dump runs in its own connection: the facts must be committed, and the database put back afterwards.
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _server_url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database_url():
    """The URL of a database that does not exist yet; dropped after the test."""
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    yield _server_url(name)
    with psycopg.connect(_server_url("postgres").replace("postgres://", "postgresql://"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts_printed(output: str) -> dict[str, int]:
    counts = {}
    for line in output.splitlines():
        if line.startswith("  "):
            label, _, number = line.strip().rpartition(" ")
            counts[label.strip()] = int(number.replace(",", ""))
    return counts


@pytest.mark.postgres
@transactional
def test_a_backup_restored_into_a_fresh_database_has_every_row(facts, tmp_path, fresh_database_url, capsys):
    before = counts_in_site_database()
    assert before["learners"] == 6 and before["check-ins"] == 5 and before["lesson visits"] == 5
    assert before["point presences"] == 2 and before["villages"] >= 5 and before["pages"] >= 5

    dump = tmp_path / "bdhvs.dump"
    call_command("backup_db", output=dump)
    backed_up = _counts_printed(capsys.readouterr().out)
    assert dump.read_bytes().startswith(b"PGDMP")
    assert dump.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only

    call_command("restore_db", input=dump, database_url=fresh_database_url)
    restored = _counts_printed(capsys.readouterr().out)

    assert backed_up == before
    assert restored == before  # table by table
    with psycopg.connect(fresh_database_url.replace("postgres://", "postgresql://")) as db:
        names = {row[0] for row in db.execute("SELECT display_name FROM learners_learner")}
    assert names == {f"Học viên {number}" for number in range(6)}


@pytest.mark.postgres
@transactional
def test_restoring_over_a_database_that_holds_tables_is_refused_without_force(
    facts, tmp_path, fresh_database_url, capsys
):
    dump = tmp_path / "bdhvs.dump"
    call_command("backup_db", output=dump)
    call_command("restore_db", input=dump, database_url=fresh_database_url)
    with psycopg.connect(fresh_database_url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute("DELETE FROM livesessions_checkin")

    with pytest.raises(CommandError, match="already holds tables"):
        call_command("restore_db", input=dump, database_url=fresh_database_url)
    with psycopg.connect(fresh_database_url.replace("postgres://", "postgresql://")) as db:
        assert db.execute("SELECT count(*) FROM livesessions_checkin").fetchone()[0] == 0  # untouched

    call_command("restore_db", input=dump, database_url=fresh_database_url, force=True)
    assert _counts_printed(capsys.readouterr().out.split("Restored")[-1])["check-ins"] == 5


@pytest.mark.postgres
@transactional
def test_restoring_a_postgres_backup_into_the_maintenance_database_is_refused(facts, tmp_path):
    dump = tmp_path / "bdhvs.dump"
    call_command("backup_db", output=dump)
    with pytest.raises(CommandError, match="new database"):
        call_command("restore_db", input=dump, database_url=_server_url("postgres"))


@transactional
def test_the_sqlite_demo_database_is_copied_and_restored_into_a_new_file(facts, tmp_path, capsys):
    if connection.vendor != "sqlite":
        pytest.skip(reason="the SQLite copy is the demo's backup; PostgreSQL is covered above")
    copy = tmp_path / "demo-backup.sqlite3"
    call_command("backup_db", output=copy)
    backed_up = _counts_printed(capsys.readouterr().out)
    target = tmp_path / "restored.sqlite3"
    call_command("restore_db", input=copy, database_url=f"sqlite:///{target}")
    restored = _counts_printed(capsys.readouterr().out)
    assert backed_up == restored == counts_in_site_database()
    assert restored["learners"] == 6 and restored["check-ins"] == 5

    with pytest.raises(CommandError, match="already holds tables"):
        call_command("restore_db", input=copy, database_url=f"sqlite:///{target}")


def test_a_file_that_is_no_backup_is_refused(db, tmp_path):
    junk = Path(tmp_path / "notes.txt")
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="neither"):
        call_command("restore_db", input=junk, database_url="postgres://postgres@127.0.0.1:5432/bdhvs_ops_never")
