import os

import pytest

from wennuan import cli


def test_db_option_sets_the_database_url(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: seen.update(argv=argv)
    )
    monkeypatch.delenv("WENNUAN_DB", raising=False)
    cli.main(["--db", "sqlite:////tmp/x.db", "check"])
    assert os.environ["WENNUAN_DB"] == "sqlite:////tmp/x.db"
    assert seen["argv"] == ["wennuan", "check"]


def test_db_option_accepts_equals_form(monkeypatch):
    monkeypatch.delenv("WENNUAN_DB", raising=False)  # restored afterwards: the CLI sets it
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: None)
    cli.main(["--db=postgres://postgres@127.0.0.1:5432/w", "check"])
    assert os.environ["WENNUAN_DB"] == "postgres://postgres@127.0.0.1:5432/w"


def test_db_option_without_url_is_a_clear_error():
    with pytest.raises(SystemExit, match="--db needs a database URL"):
        cli.main(["--db"])


def test_unsupported_database_url_is_one_clear_line(monkeypatch):
    monkeypatch.delenv("WENNUAN_DB", raising=False)  # restored afterwards: the CLI sets it
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: None)
    with pytest.raises(SystemExit, match="只支持 SQLite 和 PostgreSQL"):
        cli.main(["--db", "mysql://root@127.0.0.1/w", "check"])
    with pytest.raises(SystemExit, match="不受支持"):
        cli.main(["--db", "not a url", "check"])


def test_supported_urls_become_django_settings():
    from wennuan.core.dburl import database_settings

    assert database_settings("sqlite:////tmp/w.db")["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    pg = database_settings("postgres://postgres@127.0.0.1:5432/w")
    assert pg["ENGINE"] == "django.db.backends.postgresql" and pg["NAME"] == "w"
