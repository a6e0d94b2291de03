"""Benchmark: import a demo ledger of N households into a fresh database.

    python bench/import_registry.py [--households 1000000] [--db URL | --db sqlite] [--reimport]

Default database: a PostgreSQL database ``wennuan_bench`` on 127.0.0.1 that the script creates and drops.
``--db sqlite`` uses a SQLite file in a temporary directory. The ledger CSV is generated with the demo
generator first (not timed); then the database is migrated, the import is timed, and the peak resident
memory (ru_maxrss of this process plus the reader process it forks) is read. The last line is machine-readable:

    engine=postgresql households=N seconds=S peak_mb=M
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

from support import pg_admin

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wennuan_bench"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--db", default=DEFAULT_PG, help="database URL, or 'sqlite' for a temporary file")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reimport", action="store_true", help="also time a second import of the same file")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    with tempfile.TemporaryDirectory(prefix="wennuan-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db" if args.db == "sqlite" else args.db
        owned_pg = url.startswith("postgres") and url == DEFAULT_PG
        if owned_pg:
            name = urlparse(url).path.lstrip("/")
            pg_admin(url, f"DROP DATABASE IF EXISTS {name}")
            pg_admin(url, f"CREATE DATABASE {name}")
        os.environ["WENNUAN_DB"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
        os.environ.setdefault("WENNUAN_HOME", tmp)
        try:
            run(args, Path(tmp))
        finally:
            if owned_pg:
                from django.db import connections

                connections.close_all()
                pg_admin(url, f"DROP DATABASE IF EXISTS {urlparse(url).path.lstrip('/')}")


def _peak_mb() -> float:
    """Peak resident memory of this process plus that of the reader process the importer forks for
    large files (ru_maxrss is in kilobytes on Linux). Their sum bounds what the import held at once."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _backend_cpu_reader(connection):
    """CPU seconds of this connection's PostgreSQL backend (read from /proc when the server is local)."""
    if connection.vendor != "postgresql":
        return lambda: None  # SQLite runs inside this process: its work is in the importer's CPU
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return lambda: None
    ticks = os.sysconf("SC_CLK_TCK")

    def read():
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

    return read


def run(args, tmp: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wennuan.registry.ledger.generator import write_demo_csv
    from wennuan.registry.ledger.importer import import_ledger

    started = time.monotonic()
    path = write_demo_csv(tmp / "ledger.csv", households=args.households, seed=args.seed)
    size_mb = path.stat().st_size / 2**20
    print(f"generated {args.households} rows ({size_mb:.0f} MB) in {time.monotonic() - started:.1f} s")
    call_command("migrate", interactive=False, verbosity=0)
    engine = connection.vendor

    backend = _backend_cpu_reader(connection)
    cpu_before = _cpu_seconds(), backend()
    started = time.monotonic()
    report = import_ledger(source=path, filename=path.name)
    seconds = time.monotonic() - started
    own_cpu = _cpu_seconds() - cpu_before[0]
    reader_cpu = _children_cpu_seconds()
    db_after = backend()
    db_cpu = None if db_after is None or cpu_before[1] is None else db_after - cpu_before[1]
    peak_mb = _peak_mb()
    print(report.summary())
    print(
        f"import: {seconds:.1f} s, {args.households / seconds:,.0f} households/s, peak RSS {peak_mb:.0f} MB"
    )
    # On a busy machine wall time mostly measures the queue for a CPU; CPU seconds say what the import costs.
    print(
        f"cpu: importer {own_cpu:.1f} s, reader process {reader_cpu:.1f} s"
        + (f", database server {db_cpu:.1f} s" if db_cpu is not None else "")
        + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    if report.created != args.households:
        sys.exit(f"expected {args.households} created, got {report.created}")
    if args.reimport:
        again_started = time.monotonic()
        again = import_ledger(source=path, filename=path.name)
        print(f"re-import (nothing changes): {time.monotonic() - again_started:.1f} s — {again.summary()}")
        peak_mb = _peak_mb()
    print(f"engine={engine} households={args.households} seconds={seconds:.1f} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
