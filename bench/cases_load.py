"""Benchmark: concurrent clients drive the cases HTTP API (intake + dispatch + accept) on PostgreSQL.

    python bench/cases_load.py [--intakes 4000] [--batch 8] [--clients 4] [--transition-clients 2]
                               [--stations 200] [--households 20000] [--duplicate-share 0.1] [--db URL]
                               [--server gunicorn|waitress] [--workers N] [--worker-class sync|gthread]

A fresh PostgreSQL database ``wennuan_bench_cases`` on 127.0.0.1 is created (and dropped afterwards),
migrated and seeded with one company, ``--stations`` stations, households spread over them (100 a station by
default, about a real city's density), a hotline agent, the company's dispatcher and one crew per station,
each with an API token. The app is served as in production on PostgreSQL: gunicorn, 2 sync worker processes
per CPU + 1 (``--server waitress`` serves it from the single process ``wennuan run`` uses), warmed up first.

Intake clients push 12345 tickets, ``--batch`` at a time to ``POST /api/v1/cases/batch`` as a 12345 platform
pushes them (``--batch 1``: one ``POST /api/v1/cases/`` each); a share of tickets is also sent by a second
client at about the same time, as when a platform retries. At the same time transition clients work the cases
as they are created: the dispatcher dispatches each one and the station's crew accepts it, each POST carrying
the version it last saw. ``intakes_per_s`` is acknowledged tickets over the time the intake clients took, and
``p99_ms`` the 99th percentile of their requests; the line before says how far the transitions were behind
then and when they were done. Afterwards the database is counted against what the server acknowledged:
``lost`` tickets acknowledged (200/201) but not stored, ``duplicated`` rows beyond one per ticket. The last
line is machine-readable:

    intakes_per_s=X p99_ms=Y lost=N duplicated=N
"""

import argparse
import concurrent.futures as cf
import http.client
import json
import os
import queue
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from support import bench_environment, free_port, wait_for_server, waitress_command

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wennuan_bench_cases"


def seed(*, stations: int, households: int) -> dict:
    """Registry and users with tokens. Returns tokens and [(household id, station index)]."""
    from wennuan.accounts.models import ApiToken, User
    from wennuan.core.roles import Role
    from wennuan.registry import models as r

    city = r.City.objects.create(name="兰州市")
    district = r.District.objects.create(city=city, name="城关区")
    street = r.Street.objects.create(district=district, name="五泉街道")
    community = r.Community.objects.create(street=street, name="五泉社区")
    grid = r.Grid.objects.create(community=community, name="第1网格")
    company = r.Company.objects.create(city=city, name="兰州热力")
    station_rows = [
        r.Station.objects.create(company=company, name=f"第{i + 1}换热站") for i in range(stations)
    ]
    estate = r.Estate.objects.create(district=district, name="基准小区")
    rows = []
    per_building = 60
    for b in range((households + per_building - 1) // per_building):
        unit = r.Unit.objects.create(
            building=r.Building.objects.create(estate=estate, label=f"{b + 1}号楼"), label="1单元"
        )
        for i in range(min(per_building, households - b * per_building)):
            station = station_rows[b % stations]  # one station per building, as in the field
            rows.append(r.Household(account=f"C{b:04d}{i:03d}", unit=unit, room=str(i + 1), grid=grid,
                                    station=station, area="80", phone=f"139{b:04d}{i:04d}"))  # fmt: skip
    r.Household.objects.bulk_create(rows, batch_size=5000)

    def token(user):
        return ApiToken.issue(user=user, name="bench")[1]

    agent = token(User.objects.create(username="bench-agent", role=Role.HOTLINE_AGENT))
    dispatcher = token(
        User.objects.create(username="bench-dispatcher", role=Role.DISPATCHER, company=company)
    )
    crews = {
        s.pk: token(User.objects.create(username=f"bench-crew{s.pk}", role=Role.STATION_CREW, station=s))
        for s in station_rows
    }
    homes = list(r.Household.objects.values_list("pk", "station_id").order_by("pk"))
    return {"agent": agent, "dispatcher": dispatcher, "crews": crews, "homes": homes}


class Client:
    """One HTTP client (keep-alive) recording each request's latency by kind."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.latency: dict[str, list[float]] = {}
        self.statuses: dict[int, int] = {}

    def post(self, kind: str, path: str, token: str, body: dict) -> tuple[int, dict]:
        data = json.dumps(body)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        for attempt in range(5):
            started = time.perf_counter()
            try:
                self.conn.request("POST", path, body=data, headers=headers)
                resp = self.conn.getresponse()
                payload = resp.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                time.sleep(0.1 * (attempt + 1))
                continue  # a lost response: send again, as a real client does (intake is idempotent)
            self.latency.setdefault(kind, []).append(time.perf_counter() - started)
            self.statuses[resp.status] = self.statuses.get(resp.status, 0) + 1
            return resp.status, (json.loads(payload) if payload else {})
        raise RuntimeError(f"{path} failed after retries")


def intake_run(port: int, tokens: dict, jobs: list[dict], created: "queue.Queue", batch: int) -> dict:
    """POST each ticket (``batch`` 1), or ``batch`` tickets at a time to /batch, as a 12345 platform pushes."""
    c = Client(port)
    acked: list[str] = []
    created_ids: list[int] = []
    for start in range(0, len(jobs), batch):
        chunk = jobs[start : start + batch]
        if batch == 1:
            status, body = c.post("intake", "/api/v1/cases/", tokens["agent"], chunk[0]["body"])
            answers = [{**body, "status": status}]
        else:
            status, body = c.post(
                "intake", "/api/v1/cases/batch", tokens["agent"], {"items": [j["body"] for j in chunk]}
            )
            answers = body["results"] if status == 200 else [{"status": status}] * len(chunk)
        for job, answer in zip(chunk, answers, strict=True):
            if answer["status"] not in (200, 201):
                continue
            acked.append(job["body"]["external_id"])
            if answer["status"] == 201:
                created_ids.append(answer["id"])
                created.put((answer["id"], answer["version"], job["station_id"]))
    c.conn.close()
    return {"acked": acked, "created": created_ids, "latency": c.latency, "statuses": c.statuses}


def _warm_up(port: int, tokens: dict, homes: list, *, connections: int) -> None:
    """One intake and one batch per connection before the clock starts, so every server process has loaded
    what it loads lazily (URL patterns, schemas, the rules, the triage engine) and timings are steady-state.
    Their tickets (WARMUP-…) are not counted."""

    def one(n: int) -> None:
        c = Client(port)
        home = homes[n % len(homes)][0]
        body = {"channel": "hotline_12345", "text": "暖气不热", "household_id": home, "category": "leak"}
        c.post("warm-up", "/api/v1/cases/", tokens["agent"], {**body, "external_id": f"WARMUP-{n}"})
        c.post(
            "warm-up",
            "/api/v1/cases/batch",
            tokens["agent"],
            {"items": [{**body, "external_id": f"WARMUP-B{n}"}]},
        )
        c.conn.close()

    with cf.ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(one, range(connections)))


def transition_run(port: int, tokens: dict, created: "queue.Queue") -> dict:
    """Dispatch and accept cases as they arrive, until the intake clients are done (a None each)."""
    c = Client(port)
    transitions = stale = 0
    while (item := created.get()) is not None:
        case_id, version, station_id = item
        status, body = c.post("dispatch", f"/api/v1/cases/{case_id}/dispatch", tokens["dispatcher"],
                              {"version": version})  # fmt: skip
        transitions += 1
        if status == 409:
            stale += 1
            continue
        status, _ = c.post("accept", f"/api/v1/cases/{case_id}/accept", tokens["crews"][station_id],
                           {"version": body["version"]})  # fmt: skip
        transitions += 1
        stale += status == 409
    c.conn.close()
    return {"acked": [], "created": [], "latency": c.latency, "statuses": c.statuses,
            "transitions": transitions, "stale": stale}  # fmt: skip


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000


def run(args, tmp: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    world = seed(stations=args.stations, households=args.households)
    connection.close()
    rng = random.Random(args.seed)
    jobs = []
    for n in range(args.intakes):
        household_id, station_id = rng.choice(world["homes"])
        body = {"channel": "hotline_12345", "external_id": f"GD{args.seed}{n:07d}", "text": "暖气不热，室温只有15度",
                "household_id": household_id, "category": rng.choice(["not_warm", "leak", "billing", "uneven"]),
                "reporter_name": "王小英", "reporter_phone": f"138{n:08d}"}  # fmt: skip
        jobs.append({"body": body, "station_id": station_id})
    per_client: list[list[dict]] = [jobs[i :: args.clients] for i in range(args.clients)]
    duplicates = 0
    for i, job in enumerate(jobs):
        if rng.random() < args.duplicate_share:
            other = (
                (i % args.clients + 1 + rng.randrange(args.clients - 1)) % args.clients
                if args.clients > 1
                else 0
            )
            lane = per_client[other]
            lane.insert(min(len(lane), i // args.clients), job)  # about the same moment in the other lane
            duplicates += 1

    port = free_port()
    server = subprocess.Popen(_server_command(args, port), env={**os.environ, "WENNUAN_LOG_LEVEL": "WARNING"},
                              cwd=tmp)  # fmt: skip
    try:
        wait_for_server(port)
        tokens = {"agent": world["agent"], "dispatcher": world["dispatcher"], "crews": world["crews"]}
        _warm_up(port, tokens, world["homes"], connections=2 * args.workers)
        created: queue.Queue = queue.Queue()
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=args.clients + args.transition_clients) as pool:
            workers = [
                pool.submit(transition_run, port, tokens, created) for _ in range(args.transition_clients)
            ]
            intakes = [
                pool.submit(intake_run, port, tokens, lane, created, args.batch) for lane in per_client
            ]
            results = [f.result() for f in intakes]
            seconds = time.perf_counter() - started
            backlog = created.qsize()
            for _ in workers:
                created.put(None)
            results += [f.result() for f in workers]
        all_seconds = time.perf_counter() - started
        cpu = {k: v - cpu_before[k] for k, v in _cpu_seconds().items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    server_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu["server"] = server_cpu.ru_utime + server_cpu.ru_stime  # the server's processes, reaped at its exit

    from django.db.models import Count

    from wennuan.cases.models import Case

    acked = {t for r in results for t in r["acked"]}
    stored = Counter(
        Case.objects.exclude(external_id__startswith="WARMUP-").values_list("external_id", flat=True)
    )
    lost = len(acked - set(stored))
    duplicated = sum(n - 1 for n in stored.values() if n > 1)
    created = [i for r in results for i in r["created"]]
    duplicated += len(created) - len(set(created))  # two 201s for one case would be a double intake too
    states = dict(
        Case.objects.exclude(external_id__startswith="WARMUP-").values_list("state").annotate(n=Count("id"))
    )
    latency: dict[str, list[float]] = {}
    statuses: dict[int, int] = {}
    for r in results:
        for kind, values in r["latency"].items():
            latency.setdefault(kind, []).extend(values)
        for code, n in r["statuses"].items():
            statuses[code] = statuses.get(code, 0) + n
    every = [v for values in latency.values() for v in values]
    for kind, values in sorted(latency.items()):
        print(f"{kind:<9} n={len(values):<6} p50_ms={_pct(values, 0.5):.1f} p99_ms={_pct(values, 0.99):.1f} "
              f"mean_ms={statistics.fmean(values) * 1000:.1f}")  # fmt: skip
    transitions = sum(r.get("transitions", 0) for r in results)
    print(f"batch={args.batch} server={args.server} workers={args.workers} threads={args.server_threads} clients={args.clients} "
          f"transition_clients={args.transition_clients} tickets={args.intakes} duplicate_sends={duplicates} "
          f"statuses={dict(sorted(statuses.items()))} stale_409={sum(r.get('stale', 0) for r in results)} "
          f"states={states}", flush=True)  # fmt: skip
    others = cpu["machine"] - cpu["server"] - cpu["clients"]
    print(f"cpu_seconds: server={cpu['server']:.1f} clients={cpu['clients']:.1f} "
          f"database_and_rest={others:.1f} of machine={cpu['machine']:.1f} "
          f"({cpu['machine'] / all_seconds:.1f} of {os.cpu_count()} CPUs busy)", flush=True)  # fmt: skip
    print(f"intake_seconds={seconds:.1f} transitions_backlog_then={backlog} all_done_seconds={all_seconds:.1f} "
          f"transitions_per_s={transitions / all_seconds:.0f} requests_per_s={len(every) / all_seconds:.0f}",
          flush=True)  # fmt: skip
    intakes_per_s = len(acked) / seconds
    print(f"intakes_per_s={intakes_per_s:.1f} p99_ms={_pct(latency.get('intake', []), 0.99):.1f} "
          f"lost={lost} duplicated={duplicated}", flush=True)  # fmt: skip


def _cpu_seconds() -> dict:
    """CPU time so far of this process (the clients) and of the whole machine (from /proc/stat)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    return {"clients": own.ru_utime + own.ru_stime, "machine": busy / os.sysconf("SC_CLK_TCK")}


def _server_command(args, port: int) -> list[str]:
    if args.server == "waitress":
        return waitress_command(port, threads=args.server_threads)
    return [sys.executable, "-m", "gunicorn", "wennuan.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(args.workers), "--worker-class", args.worker_class, "--threads", str(args.server_threads),
            "--log-level", "warning"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--intakes", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=4, help="intake clients (12345 platform connections)")
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument(
        "--duplicate-share", type=float, default=0.1, help="tickets also sent by a second client"
    )
    parser.add_argument("--db", default=DEFAULT_PG)
    parser.add_argument("--transition-clients", type=int, default=2, help="dispatcher/crew clients")
    parser.add_argument("--batch", type=int, default=8,
                        help="tickets per intake request (>1: POST /api/v1/cases/batch); p99_ms is then per request")  # fmt: skip
    parser.add_argument("--server", choices=["gunicorn", "waitress"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1,
                        help="gunicorn worker processes (default: 2 per CPU + 1, gunicorn's advice)")  # fmt: skip
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync",
                        help="sync: one request per process at a time; gthread: --server-threads each")  # fmt: skip
    parser.add_argument("--server-threads", type=int, default=None,
                        help="threads per server process (default: 1 for gunicorn, 8 for waitress)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.server_threads is None:
        args.server_threads = 8 if args.server == "waitress" else 1

    with bench_environment(args.db, owned=args.db == DEFAULT_PG) as home:
        run(args, home)


if __name__ == "__main__":
    main()
