"""The migrations are the schema: models and migrations agree, and a database migrated from nothing has
every model's table and every migration applied (one leaf per app)."""

import os
import sqlite3
import subprocess
import sys
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # --check exits 1 when a model change has no migration
        pytest.fail(f"a model change has no migration:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


def test_every_app_has_one_leaf_migration():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    assert loader.detect_conflicts() == {}


def test_a_fresh_database_migrated_from_zero_has_every_table_and_migration(tmp_path):
    env = {**os.environ, "WENNUAN_HOME": str(tmp_path)}
    env.pop("WENNUAN_DB", None)
    db = tmp_path / "fresh.db"
    run = subprocess.run(
        [sys.executable, "-m", "wennuan", "--db", f"sqlite:///{db}", "migrate", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied = set(conn.execute("SELECT app, name FROM django_migrations"))
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    wanted = {m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy}
    assert wanted - tables == set()
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert on_disk - applied == set()


@pytest.mark.django_db
def test_the_test_database_is_fully_migrated_on_this_engine():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert connection.vendor in ("sqlite", "postgresql")
