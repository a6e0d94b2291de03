"""Outages at a city's size: recording a station-wide outage (its households listed, the people told) and
reading a whole ledger's refund intervals, which billing does for a company's season.

    .venv/bin/python bench/outages.py [--households 100000] [--stations 50] [--outages 200]

A fresh SQLite database in a temporary folder: one company with ``--stations`` stations sharing
``--households`` households, then ``--outages`` station-wide outages (a burst, 20–80 h, restored) recorded
and restored through the services. Times are wall-clock and CPU seconds of this one process.
The last line is: households=N outages=K record_ms=R restore_ms=S ledger_s=L ledger_queries=Q
"""

import argparse
import os
import random
import time
from datetime import timedelta

from support import bench_environment


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--outages", type=int, default=200)
    args = parser.parse_args()
    with bench_environment("sqlite:///bench.db", owned=False) as home:
        # the database lives in the temporary home, gone with it
        os.environ["WENNUAN_DB"] = f"sqlite:///{home}/bench.db"
        import django

        django.setup()
        run(args)


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from wennuan.accounts.enums import Role
    from wennuan.accounts.models import User
    from wennuan.outages import selectors, services
    from wennuan.outages.enums import OutageCause
    from wennuan.registry.models import (
        Building,
        City,
        Community,
        Company,
        District,
        Estate,
        Grid,
        Household,
        Station,
        Street,
        Unit,
    )  # fmt: skip

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    city = City.objects.create(name="演示市")
    district = District.objects.create(city=city, name="城关区")
    community = Community.objects.create(
        street=Street.objects.create(district=district, name="街道"), name="社区"
    )
    grids = Grid.objects.bulk_create(Grid(community=community, name=f"网格{i}") for i in range(100))
    company = Company.objects.create(city=city, name="热力公司")
    stations = Station.objects.bulk_create(
        Station(company=company, name=f"站{i}") for i in range(args.stations)
    )
    estate = Estate.objects.create(district=district, name="小区")
    per_unit = 12
    buildings = Building.objects.bulk_create(
        Building(estate=estate, label=f"{i}号楼") for i in range(args.households // (per_unit * 4) + 1)
    )
    units = Unit.objects.bulk_create(Unit(building=b, label=f"{j}单元") for b in buildings for j in range(4))
    Household.objects.bulk_create(
        (
            Household(
                account=f"H{i:07d}",
                unit=units[i // per_unit],
                room=str(i % per_unit),
                grid=grids[i % 100],
                station=stations[(i // per_unit) % args.stations],
                area=round(rng.uniform(40, 140), 2),
            )  # fmt: skip
            for i in range(args.households)
        ),
        batch_size=5000,
    )
    boss = User.objects.create(username="boss", role=Role.SUPERVISOR)
    User.objects.bulk_create(User(username=f"grid{g.pk}", role=Role.GRID_WORKER, grid=g) for g in grids)
    now = timezone.now()
    record_s, restore_s = [], []
    for k in range(args.outages):
        start = now - timedelta(days=120) + timedelta(hours=rng.uniform(0, 24 * 110))
        hours = rng.uniform(20, 80)
        t = time.perf_counter()
        outage = services.record_outage(
            by=boss, cause=OutageCause.PIPE_BURST, start=start, expected_restore=start + timedelta(hours=hours),
            station=stations[k % args.stations],
        )  # fmt: skip
        record_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        services.restore_outage(outage=outage, by=boss, at=start + timedelta(hours=hours))
        restore_s.append(time.perf_counter() - t)
    cpu, wall = time.process_time(), time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        found = selectors.outage_intervals_by_household(
            households=Household.objects.filter(station__company=company),
            start=now - timedelta(days=150),
            end=now,
        )
    ledger_s, ledger_cpu = time.perf_counter() - wall, time.process_time() - cpu
    days = sum(i.days for rows in found.values() for i in rows)
    record_ms = 1000 * sum(record_s) / len(record_s)
    restore_ms = 1000 * sum(restore_s) / len(restore_s)
    print(f"households {args.households}, stations {args.stations}, outages {args.outages} "
          f"(~{args.households // args.stations} households each)")  # fmt: skip
    print(f"record_outage: mean {record_ms:.0f} ms (lists the station's households, tells its grid workers)")
    print(f"restore_outage: mean {restore_ms:.0f} ms")
    print(f"ledger read: {len(found)} households with intervals, {days} refund days, "
          f"{ledger_s:.2f} s wall / {ledger_cpu:.2f} s CPU, {len(queries)} queries")  # fmt: skip
    print(
        f"households={args.households} outages={args.outages} record_ms={record_ms:.0f} "
        f"restore_ms={restore_ms:.0f} ledger_s={ledger_s:.2f} ledger_queries={len(queries)}"
    )


if __name__ == "__main__":
    main()
