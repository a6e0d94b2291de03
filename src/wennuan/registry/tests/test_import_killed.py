"""A ledger import killed with SIGKILL half-way leaves the registry exactly as it was (one transaction),
and the next import is not blocked by anything the killed one left behind."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
from django.db import connection

from wennuan.registry.ledger.generator import write_demo_csv
from wennuan.registry.models import Building, Estate, Household


def _test_db_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "postgres") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _import_is_writing() -> bool:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            " WHERE c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()",
            [Household._meta.db_table],
        )
        return cur.fetchone() is not None


def _counts() -> tuple[int, int, int]:
    return Household.objects.count(), Building.objects.count(), Estate.objects.count()


def _sessions_left_in_a_transaction() -> list[int]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND state LIKE 'idle in transaction%%'"
        )
        return [pid for (pid,) in cur.fetchall()]


def _no_transaction_left_open() -> list[int]:
    """The killed import's session must end (PostgreSQL rolls it back). Returns the sessions still open
    after 10 s, ended here so that the test database can be cleaned up."""
    deadline = time.monotonic() + 10
    while (left := _sessions_left_in_a_transaction()) and time.monotonic() < deadline:
        time.sleep(0.1)
    with connection.cursor() as cur:
        for pid in left:
            cur.execute("SELECT pg_terminate_backend(%s)", [pid])
    return left


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_import_killed_while_writing_leaves_nothing_and_a_second_import_completes(tmp_path):
    ledger = write_demo_csv(tmp_path / "ledger.csv", households=30000)
    env = {**os.environ, "WENNUAN_DB": _test_db_url(), "WENNUAN_HOME": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "wennuan.settings"}  # fmt: skip
    # Small files are read in-process; force the path of a big ledger: many chunks, read by a forked child
    # that runs ahead of the writes and must not keep the killed parent's transaction (and its locks) open.
    command = [sys.executable, "-c", "import django; django.setup(); "
               "import wennuan.registry.ledger.importer as i; i.PARALLEL_MIN_BYTES = 0; i.CHUNK_ROWS = 2000; "
               f"from django.core.management import call_command; call_command('import', 'registry', {str(ledger)!r})"]  # fmt: skip
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not _import_is_writing():
            assert proc.poll() is None, f"the import ended before it was seen writing: {proc.stderr.read()}"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # the process alone, as the OOM killer or `kill -9 PID` does
        proc.wait()
        assert _no_transaction_left_open() == [], "the killed import's transaction stayed open"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # whatever it left behind, so the suite goes on
    assert _counts() == (0, 0, 0)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert _counts()[0] == 30000
