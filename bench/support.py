"""Helpers the benchmarks share (run as ``python bench/NAME.py``, so this folder is on the path)."""

import os
import socket
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]


def pg_admin(url: str, sql: str) -> None:
    """Run ``sql`` (CREATE/DROP DATABASE) on the server of ``url``, connected to its postgres database."""
    import psycopg

    admin = urlparse(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def waitress_command(port: int, *, threads: int) -> list[str]:
    """The app served by waitress, the single process ``wennuan run`` uses (queue-depth warnings muted)."""
    return [sys.executable, "-c",
            "import logging; logging.getLogger('waitress.queue').setLevel(logging.ERROR); "
            "from waitress import serve; from wennuan.wsgi import application; "
            f"serve(application, host='127.0.0.1', port={port}, threads={threads}, "
            "connection_limit=1000, channel_timeout=300)"]  # fmt: skip


def wait_for_server(port: int, *, tries: int = 100) -> None:
    """Return once ``/api/health`` answers 200 on ``port``; RuntimeError if it never does."""
    import http.client
    import time

    for _ in range(tries):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/api/health")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not start")


@contextmanager
def bench_environment(db_url: str, *, owned: bool):
    """A temporary WENNUAN_HOME and the app configured for ``db_url``; yields the home folder.

    ``owned``: the benchmark's own database, created fresh before and dropped (forcibly) after."""
    name = urlparse(db_url).path.lstrip("/")
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="wennuan-bench-") as tmp:
        if owned:
            pg_admin(db_url, f"DROP DATABASE IF EXISTS {name}")
            pg_admin(db_url, f"CREATE DATABASE {name}")
        os.environ["WENNUAN_DB"] = db_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
        os.environ["WENNUAN_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if owned:
                from django.db import connections

                connections.close_all()
                pg_admin(db_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
