"""Benchmark: 200 simulated phones sync 100,000 visits through the HTTP sync endpoint.

    python bench/visits_sync.py [--visits 100000] [--phones 200] [--batch 50] [--retry-share 0.1]
                                [--db URL] [--server-threads 8] [--concurrency 32]

A fresh PostgreSQL database ``wennuan_bench_visits`` on 127.0.0.1 is created (and dropped afterwards),
migrated and seeded with one grid, one grid worker and visits/phones households per phone; a campaign
phase is generated (timed: the set-based task generation). The app is then served by waitress in a
subprocess, and each phone POSTs its visits to /api/v1/visits/sync in batches with its own API token.
A share of batches is sent twice, as a phone does when a response is lost; failed requests are retried.
Afterwards the database is counted: ``lost`` visits sent but not stored, ``duplicated`` rows beyond one
per (phone, household). The last line is machine-readable:

    visits=N seconds=S lost=N duplicated=N
"""

import argparse
import concurrent.futures as cf
import http.client
import json
import os
import random
import subprocess
import time
import uuid
from pathlib import Path

from support import bench_environment, free_port, wait_for_server, waitress_command

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wennuan_bench_visits"


def seed(*, phones: int, per_phone: int):
    """Registry, workers with tokens and a generated phase. Returns (phase, [(token, [household ids])])."""
    import datetime as dt

    from django.utils import timezone

    from wennuan.accounts.models import ApiToken, User
    from wennuan.core.roles import Role
    from wennuan.registry import models as r
    from wennuan.visits import services

    city = r.City.objects.create(name="兰州市")
    district = r.District.objects.create(city=city, name="城关区")
    street = r.Street.objects.create(district=district, name="五泉街道")
    community = r.Community.objects.create(street=street, name="五泉社区", phone="0931-8800001")
    company = r.Company.objects.create(city=city, name="兰州热力", hotline="0931-96556")
    station = r.Station.objects.create(company=company, name="五泉换热站")
    grids = r.Grid.objects.bulk_create(
        r.Grid(community=community, name=f"第{i + 1}网格", worker_name="网格员", worker_phone="13900000000")
        for i in range(phones)
    )
    households = []
    for g in grids:
        estate = r.Estate.objects.create(district=district, name=f"{g.name}小区")
        building = r.Building.objects.create(estate=estate, label="1号楼")
        unit = r.Unit.objects.create(building=building, label="1单元")
        households += [
            r.Household(
                account=f"B{g.pk:04d}{i:05d}", unit=unit, room=str(i + 1), grid=g, station=station, area="80"
            )
            for i in range(per_phone)
        ]
    r.Household.objects.bulk_create(households, batch_size=5000)
    admin = User.objects.create(username="bench-admin", role=Role.SUPERVISOR)
    today = timezone.localdate()
    campaign = services.create_campaign(
        by=admin, name="访民问暖基准", city=city, starts_on=today, ends_on=today + dt.timedelta(days=30)
    )
    phase = services.add_phase(
        by=admin, campaign=campaign, name="第一阶段", starts_on=today, ends_on=campaign.ends_on
    )
    started = time.perf_counter()
    tasks = services.generate_phase_tasks(by=admin, phase=phase)
    print(f"generated tasks={tasks} seconds={time.perf_counter() - started:.2f}", flush=True)
    phones_out = []
    ids_by_grid: dict[int, list[int]] = {}
    for pk, grid_id in r.Household.objects.values_list("pk", "grid_id").order_by("pk"):
        ids_by_grid.setdefault(grid_id, []).append(pk)
    for g in grids:
        user = User.objects.create(username=f"phone{g.pk}", role=Role.GRID_WORKER, grid=g)
        _, key = ApiToken.issue(user=user, name="bench")
        phones_out.append((key, ids_by_grid[g.pk]))
    return phase, phones_out


def make_visits(rng: random.Random, phase_id: int, household_ids: list[int]) -> list[dict]:
    outcomes = ["visited"] * 80 + ["not_home"] * 15 + ["refused"] * 3 + ["vacant"] * 2
    out = []
    for hid in household_ids:
        outcome = rng.choice(outcomes)
        visit = {
            "client_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "household_id": hid, "phase_id": phase_id, "outcome": outcome,
            "visited_at": time.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        }  # fmt: skip
        if outcome == "visited":
            visit.update(room_temp_ok=True, answer_satisfied="yes", fee_paid=True)
            visit["readings"] = [{"room": "卧室", "celsius": round(rng.uniform(15, 22), 1)}]
            if rng.random() < 0.01:
                visit["problems"] = [
                    {
                        "client_id": str(uuid.uuid4()),
                        "description": "卧室暖气不热",
                        "category": "not_warm",
                        "report": True,
                    }
                ]
        out.append(visit)
    return out


def phone(port: int, token: str, visits: list[dict], batch: int, retry_share: float, seed_: int) -> dict:
    """One phone: send every batch, retry failures, resend some batches as after a lost response."""
    rng = random.Random(seed_)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    stats = {"requests": 0, "resent": 0, "failures": 0, "rejected": 0}

    def send(chunk) -> dict:
        body = json.dumps({"visits": chunk})
        for attempt in range(6):
            try:
                stats["requests"] += 1
                conn.request("POST", "/api/v1/visits/sync", body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                if resp.status == 200:
                    return json.loads(data)
                stats["failures"] += 1
            except (OSError, http.client.HTTPException):
                stats["failures"] += 1
                conn.close()
            time.sleep(0.2 * (attempt + 1))
        raise RuntimeError("batch failed after retries")

    for i in range(0, len(visits), batch):
        chunk = visits[i : i + batch]
        result = send(chunk)
        stats["rejected"] += result["rejected"]
        if rng.random() < retry_share:
            stats["resent"] += 1
            send(chunk)
    conn.close()
    return stats


def run(args, tmp: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    per_phone = args.visits // args.phones
    phase, phones = seed(phones=args.phones, per_phone=per_phone)
    rng = random.Random(args.seed)
    payloads = [(key, make_visits(rng, phase.pk, hids)) for key, hids in phones]
    sent_ids = {v["client_id"] for _, vs in payloads for v in vs}
    connection.close()

    port = free_port()
    env = {**os.environ, "WENNUAN_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(waitress_command(port, threads=args.server_threads), env=env, cwd=tmp)
    try:
        wait_for_server(port)
        started = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            futures = [
                pool.submit(phone, port, key, visits, args.batch, args.retry_share, args.seed + i)
                for i, (key, visits) in enumerate(payloads)
            ]
            stats = [f.result() for f in futures]
        seconds = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    from django.db.models import Count

    from wennuan.visits.models import Problem, Visit

    stored_ids = {str(c) for c in Visit.objects.values_list("client_id", flat=True)}
    rows = Visit.objects.count()
    per_pair = Visit.objects.values("visitor_id", "household_id").annotate(n=Count("id")).filter(n__gt=1)
    duplicated = sum(p["n"] - 1 for p in per_pair) + (rows - len(stored_ids))
    lost = len(sent_ids - stored_ids)
    total = {k: sum(s[k] for s in stats) for k in stats[0]}
    reported = Problem.objects.exclude(case_id=None).count()
    print(
        f"phones={args.phones} batch={args.batch} requests={total['requests']} resent_batches={total['resent']} "
        f"failed_requests={total['failures']} rejected={total['rejected']} problems_reported={reported} "
        f"visits_per_second={rows / seconds:.0f}",
        flush=True,
    )
    print(f"visits={rows} seconds={seconds:.1f} lost={lost} duplicated={duplicated}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--retry-share", type=float, default=0.1, help="share of batches sent twice")
    parser.add_argument("--db", default=DEFAULT_PG)
    parser.add_argument("--server-threads", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=32, help="phones sending at the same moment")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with bench_environment(args.db, owned=args.db == DEFAULT_PG) as home:
        run(args, home)


if __name__ == "__main__":
    main()
