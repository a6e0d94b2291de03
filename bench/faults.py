"""Benchmark: faults on PostgreSQL — kill -9 of the server and of a ledger import, and a database restart.

    python bench/faults.py [--tickets 3000] [--kills 3] [--batch 8] [--clients 3]
                           [--import-households 60000] [--down-seconds 3]

Everything runs against a PostgreSQL cluster of the benchmark's own (initdb in a temporary folder, a free
port on 127.0.0.1; as root the cluster runs as the ``postgres`` user), because the third phase restarts it.

1. **kill -9 of the server under batch intake.** gunicorn serves the app; intake clients push 12345 tickets
   in batches to ``POST /api/v1/cases/batch`` and, like a real platform, send a batch again until it is
   answered (intake is idempotent). Meanwhile the server's whole process group is killed with SIGKILL
   ``--kills`` times and started again.
2. **kill -9 of a ledger import half-way.** ``wennuan import registry`` of a generated ledger is killed
   once its rows are being written (seen in ``pg_locks``); the registry must then be exactly as before
   (all or nothing), and importing again completes.
3. **PostgreSQL restart under load.** The database is stopped (fast shutdown) for ``--down-seconds`` and
   started again while clients keep sending tickets and health checks. Every answer must be a success or
   a 503 with a Retry-After hint (never a 500); ``recovered_s`` is the time from the database accepting
   connections again to the first successful request.

Afterwards the cases are counted against every acknowledgement (200/201) any client got: ``lost`` tickets
acknowledged but not stored, ``duplicated`` rows (or 201 answers) beyond one per ticket. The last line:

    killed=N lost=0 duplicated=0 recovered_s=X
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from cases_load import Client, seed
from support import bench_environment, free_port, wait_for_server


def _pg_bin(tool: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    for version in sorted(Path("/usr/lib/postgresql").glob("*"), reverse=True):
        if (version / "bin" / tool).exists():
            return str(version / "bin" / tool)
    raise SystemExit(f"faults: {tool} not found (Debian: postgresql)")


class Cluster:
    """A throw-away PostgreSQL cluster: initdb, start, stop, restart; trust auth on 127.0.0.1 only."""

    def __init__(self, folder: Path, port: int):
        self.data, self.port = folder / "data", port
        self.log = folder / "postgres.log"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(folder, "postgres")

    def _pg_ctl(self, *args: str) -> None:
        cmd = [*self.as_postgres, _pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def create(self) -> None:
        subprocess.run([*self.as_postgres, _pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A",
                        "trust", "-E", "UTF8", "--no-instructions"], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
                       "fsync = on\nmax_connections = 200\n")  # fmt: skip
        self.start()

    def start(self) -> None:
        self._pg_ctl("-w", "start")

    def stop(self) -> None:
        self._pg_ctl("-w", "-m", "fast", "stop")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


@contextmanager
def private_cluster():
    folder = Path(tempfile.mkdtemp(prefix="wennuan-faults-pg-"))
    cluster = Cluster(folder, free_port())
    cluster.create()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class Server:
    """gunicorn in a process group of its own, so kill -9 takes the master and every worker at once."""

    def __init__(self, home: Path, port: int, workers: int):
        self.home, self.port, self.workers, self.proc = home, port, workers, None

    def start(self) -> None:
        cmd = [sys.executable, "-m", "gunicorn", "wennuan.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
               "--workers", str(self.workers), "--log-level", "critical"]  # fmt: skip
        env = {**os.environ, "WENNUAN_LOG_LEVEL": "CRITICAL"}
        self.proc = subprocess.Popen(cmd, cwd=self.home, env=env, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        wait_for_server(self.port, tries=300)

    def kill9(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)


class Ledger:
    """Every acknowledgement any client got, and every answer's status (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.acked: set[str] = set()
        self.created: Counter = Counter()
        self.statuses: Counter = Counter()
        self.first_ok_after: float | None = None
        self.watch_from: float | None = None
        self.unavailable: list[float] = []  # when each 503 came

    def answer(self, status: int, items: list[tuple[str, int]] = ()) -> None:
        with self.lock:
            self.statuses[status] += 1
            if status == 503:
                self.unavailable.append(time.monotonic())
            if status < 300 and self.watch_from is not None and self.first_ok_after is None:
                self.first_ok_after = time.monotonic()
            for ticket, item_status in items:
                if item_status in (200, 201):
                    self.acked.add(ticket)
                if item_status == 201:
                    self.created[ticket] += 1


def _send_until_answered(
    client: Client, token: str, batch: list[dict], ledger: Ledger, deadline: float
) -> None:
    """POST a batch until the server answers it; a dead server or a 503 means: wait and send it again."""
    pause = 0.05
    while time.monotonic() < deadline:
        try:
            status, body = client.post("intake", "/api/v1/cases/batch", token, {"items": batch})
        except RuntimeError:  # no answer after the client's own retries: the server is down, keep trying
            status, body = 0, {}
        if status == 200:
            ledger.answer(
                200, [(b["external_id"], r["status"]) for b, r in zip(batch, body["results"], strict=True)]
            )
            return
        ledger.answer(status)
        time.sleep(pause)
        pause = min(pause * 2, 1.0)
    raise RuntimeError("a batch was never answered")


def _intake_lane(port: int, token: str, jobs: list[dict], batch: int, ledger: Ledger, seconds: float) -> None:
    client = Client(port)
    deadline = time.monotonic() + seconds
    for start in range(0, len(jobs), batch):
        _send_until_answered(client, token, jobs[start : start + batch], ledger, deadline)
        time.sleep(0.01)  # a platform's push rhythm, so the kills land while work is under way


def _jobs(homes: list, prefix: str, n: int, rng: random.Random) -> list[dict]:
    return [{"channel": "hotline_12345", "external_id": f"{prefix}{i:06d}", "text": "暖气不热，室温只有15度",
             "household_id": rng.choice(homes)[0], "category": "not_warm", "reporter_name": "王小英",
             "reporter_phone": f"138{i:08d}"} for i in range(n)]  # fmt: skip


def phase_kill_server(args, home: Path, world: dict, ledger: Ledger) -> int:
    port = free_port()
    server = Server(home, port, args.workers)
    server.start()
    rng = random.Random(args.seed)
    jobs = _jobs(world["homes"], "K", args.tickets, rng)
    lanes = [jobs[i :: args.clients] for i in range(args.clients)]
    threads = [threading.Thread(target=_intake_lane, args=(port, world["agent"], lane, args.batch, ledger, 600))
               for lane in lanes]  # fmt: skip
    for t in threads:
        t.start()
    killed = 0
    try:
        for _ in range(args.kills):
            time.sleep(rng.uniform(1.0, 3.0))
            if not any(t.is_alive() for t in threads):
                break
            server.kill9()
            killed += 1
            print(f"  kill -9 #{killed}: acknowledged so far {len(ledger.acked)}", flush=True)
            time.sleep(0.5)
            server.start()
        for t in threads:
            t.join()
    finally:
        server.stop()
    return killed


def _registry_counts(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("registry_household", "registry_building", "registry_estate", "registry_station")}  # fmt: skip


def _writing_households(url: str, pid: int) -> bool:
    """True once another session holds a write lock on the household table (the import is writing)."""
    import psycopg

    with psycopg.connect(url) as db:
        return bool(db.execute(
            "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'registry_household'"
            " AND l.mode = 'RowExclusiveLock' AND l.pid <> %s AND l.pid <> pg_backend_pid()", [pid]).fetchone())  # fmt: skip


def phase_kill_import(args, cluster: Cluster, home: Path) -> int:
    """A fresh database of its own, migrated; an import killed half-way; then the import run to the end."""
    import psycopg

    from wennuan.registry.ledger.generator import write_demo_csv

    name = "wennuan_faults_import"
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name}")
        db.execute(f"CREATE DATABASE {name}")
    url = cluster.url(name)
    env = {**os.environ, "WENNUAN_DB": url, "WENNUAN_HOME": str(home)}
    wennuan = [sys.executable, "-m", "wennuan"]
    subprocess.run([*wennuan, "migrate", "-v0"], env=env, check=True)
    ledger_file = write_demo_csv(home / "ledger.csv", households=args.import_households)
    before = _registry_counts(url)
    proc = subprocess.Popen([*wennuan, "import", "registry", str(ledger_file)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    started = time.monotonic()
    while not _writing_households(url, -1):
        if proc.poll() is not None:
            raise SystemExit(
                "faults: the import finished before it could be killed; use --import-households larger"
            )
        time.sleep(0.02)
    time.sleep(0.3)  # into the middle of the writes
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    print(f"  import killed {time.monotonic() - started:.1f} s after it started", flush=True)
    after_kill = _registry_counts(url)
    if after_kill != before:
        raise SystemExit(f"faults: a killed import left rows behind: {before} → {after_kill}")
    subprocess.run(
        [*wennuan, "import", "registry", str(ledger_file)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    done = _registry_counts(url)
    print(f"  registry after the kill {after_kill}, after importing again {done}", flush=True)
    if done["registry_household"] != args.import_households:
        raise SystemExit(f"faults: the import after the kill stored {done['registry_household']} households")
    with psycopg.connect(cluster.url("postgres"), autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return 1


def _health_lane(port: int, ledger: Ledger, stop: threading.Event) -> None:
    import http.client

    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/api/health")
            resp = conn.getresponse()
            resp.read()
            ledger.answer(resp.status)
            if resp.status == 503 and not resp.getheader("Retry-After"):
                ledger.answer(-503)  # a 503 without the retry hint is counted apart, as a failure
            conn.close()
        except OSError:
            ledger.answer(0)
        time.sleep(0.05)


def phase_restart_database(args, cluster: Cluster, home: Path, world: dict, ledger: Ledger) -> float:
    port = free_port()
    server = Server(home, port, args.workers)
    server.start()
    stop = threading.Event()
    rng = random.Random(args.seed + 1)
    jobs = _jobs(world["homes"], "R", max(args.tickets // 3, args.batch), rng)
    lanes = [jobs[i :: args.clients] for i in range(args.clients)]
    workers = [threading.Thread(target=_intake_lane, args=(port, world["agent"], lane, args.batch, ledger, 600))
               for lane in lanes]  # fmt: skip
    health = threading.Thread(target=_health_lane, args=(port, ledger, stop))
    for t in [*workers, health]:
        t.start()
    try:
        time.sleep(1.5)
        stopping = time.monotonic()
        cluster.stop()
        print(f"  database stopped; down for {args.down_seconds} s", flush=True)
        time.sleep(args.down_seconds)
        cluster.start()
        back = time.monotonic()
        print(
            f"  database away for {back - stopping:.1f} s (stop, {args.down_seconds} s down, start)",
            flush=True,
        )
        ledger.watch_from = back
        while ledger.first_ok_after is None and time.monotonic() - back < 120:
            time.sleep(0.01)
        recovered = (ledger.first_ok_after or float("inf")) - back
        if ledger.unavailable:
            first, last = ledger.unavailable[0] - stopping, ledger.unavailable[-1] - stopping
            print(
                f"  503 answers from {first:.1f} s to {last:.1f} s after the stop began; first success "
                f"{recovered:.2f} s after the database was back",
                flush=True,
            )
        for t in workers:
            t.join()
    finally:
        stop.set()
        health.join()
        server.stop()
    return recovered


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tickets", type=int, default=3000, help="tickets pushed while the server is killed")
    parser.add_argument("--kills", type=int, default=3, help="kill -9 of the server during intake")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--import-households", type=int, default=60000)
    parser.add_argument("--down-seconds", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with private_cluster() as cluster, bench_environment(cluster.url("wennuan_faults"), owned=True) as home:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", interactive=False, verbosity=0)
        world = seed(stations=20, households=2000)
        connection.close()
        ledger = Ledger()

        print("phase 1: kill -9 of the server under batch intake", flush=True)
        started = time.monotonic()
        killed = phase_kill_server(args, home, world, ledger)
        print(f"  {len(ledger.acked)} tickets acknowledged in {time.monotonic() - started:.1f} s", flush=True)
        print("phase 2: kill -9 of a ledger import half-way", flush=True)
        killed += phase_kill_import(args, cluster, home)
        print("phase 3: PostgreSQL restart under load", flush=True)
        recovered = phase_restart_database(args, cluster, home, world, ledger)

        from wennuan.cases.models import Case

        stored = Counter(Case.objects.values_list("external_id", flat=True))
        connection.close()
        lost = len(ledger.acked - set(stored))
        duplicated = sum(n - 1 for n in stored.values() if n > 1) + sum(
            n - 1 for n in ledger.created.values()
        )
        statuses = dict(sorted(ledger.statuses.items()))
        print(f"answers by status (0 = no answer, the server was down): {statuses}", flush=True)
        if statuses.get(500) or statuses.get(-503):
            raise SystemExit(
                "faults: the server answered 500 (or 503 without Retry-After) while the database was away"
            )
        print(f"tickets acknowledged={len(ledger.acked)} stored={len(stored)}", flush=True)
        print(f"killed={killed} lost={lost} duplicated={duplicated} recovered_s={recovered:.2f}", flush=True)


if __name__ == "__main__":
    main()
