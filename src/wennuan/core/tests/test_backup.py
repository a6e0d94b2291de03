"""wennuan backup / restore: a fresh database restored from a backup holds every case, event and audit
entry of the original (on the engine of the pass: SQLite, or PostgreSQL in the PostgreSQL pass)."""

import os
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wennuan.cases.models import Case, CaseEvent
from wennuan.cases.tests.factories import Actors, dispatched, new_case
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import HouseholdFactory

TABLES = {"cases": Case, "events": CaseEvent, "audit": AuditLog}


def _wennuan(*args, db_url, home):
    """The ``wennuan`` command in a process of its own, on ``db_url``: as an operator would run it."""
    env = {**os.environ, "WENNUAN_HOME": str(home)}
    env.pop("WENNUAN_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "wennuan", "--db", db_url, *args], env=env, capture_output=True, text=True
    )


def _rows(model) -> list[tuple]:
    return sorted(model.objects.values_list("pk", flat=True))


def _pg_url(name: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


@pytest.fixture
def season_so_far():
    """A few cases with their timeline and audit entries, committed (the backup reads another session)."""
    household = HouseholdFactory()
    people = Actors(household)
    for _ in range(3):
        dispatched(new_case(household=household, by=people.agent), people.dispatcher)
    new_case(household=household, by=people.agent)
    return {name: _rows(model) for name, model in TABLES.items()}


@pytest.fixture
def fresh_database(tmp_path):
    """An empty database of the pass's engine, and how to count its rows; dropped afterwards."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.db"
        url = f"sqlite:///{path}"

        def ids(table):
            with sqlite3.connect(path) as db:
                return sorted(r[0] for r in db.execute(f"SELECT id FROM {table}"))

        yield url, ids
        return
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = _pg_url("postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name}")
        db.execute(f"CREATE DATABASE {name}")
    url = _pg_url(name)

    def ids(table):
        with psycopg.connect(url) as db:
            return sorted(r[0] for r in db.execute(f"SELECT id FROM {table}"))

    try:
        yield url, ids
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_fresh_database_finds_every_case_event_and_audit_entry(
    season_so_far, fresh_database, tmp_path
):
    assert all(season_so_far.values()), season_so_far
    backup_file = tmp_path / "wennuan.backup"
    call_command("backup", str(backup_file))
    url, ids = fresh_database
    done = _wennuan("restore", str(backup_file), db_url=url, home=tmp_path)
    assert done.returncode == 0, done.stderr
    for name, model in TABLES.items():
        assert ids(model._meta.db_table) == season_so_far[name], name


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_data_unless_told_to_replace(season_so_far, tmp_path):
    backup_file = tmp_path / "wennuan.backup"
    call_command("backup", str(backup_file))
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(backup_file))
    later = new_case()  # written after the backup: a replacing restore takes the database back before it
    call_command("restore", str(backup_file), "--replace")
    assert _rows(Case) == season_so_far["cases"]
    assert not Case.objects.filter(pk=later.pk).exists()


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_no_backup(tmp_path):
    bogus = tmp_path / "cases.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(CommandError, match="不是问暖的备份文件"):
        call_command("restore", str(bogus), "--replace")
    with pytest.raises(CommandError, match="不存在"):
        call_command("restore", str(tmp_path / "missing.backup"))
