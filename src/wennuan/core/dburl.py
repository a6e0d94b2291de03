"""The database URL (``--db`` / ``WENNUAN_DB``) → Django's DATABASES entry. Importable before Django is
set up, so the ``wennuan`` command can refuse a bad URL with one clear line instead of a traceback."""

import os
from urllib.parse import urlparse

import dj_database_url

SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")  # the two engines wennuan is tested on
EXAMPLE = "sqlite:///var/wennuan.db 或 postgres://postgres@127.0.0.1:5432/wennuan"


class BadDatabaseURL(ValueError):
    pass


def check_url(url: str) -> str:
    """Return ``url`` when wennuan can use it; raise BadDatabaseURL with a sentence saying why not."""
    scheme = urlparse(url).scheme
    if scheme not in SCHEMES:
        shown = f"“{scheme}”" if scheme else "缺少"
        raise BadDatabaseURL(
            f"数据库地址 {url!r} 的类型{shown}不受支持：只支持 SQLite 和 PostgreSQL，例如 {EXAMPLE}"
        )
    return url


def database_settings(url: str) -> dict:
    db = dj_database_url.parse(check_url(url), conn_max_age=0 if url.startswith("sqlite") else 60)
    if db["ENGINE"].endswith("sqlite3"):
        # WAL lets readers work while the importer writes; IMMEDIATE avoids lock upgrades failing mid-transaction.
        db["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    else:
        db["CONN_HEALTH_CHECKS"] = True
        # Parallel test runs on one PostgreSQL server must not share a test database.
        # (SQLite tests use an in-memory database of their own.)
        db["TEST"] = {"NAME": os.environ.get("WENNUAN_TEST_DB_NAME") or f"test_wennuan_{os.getpid()}"}
    return db
