"""Benchmark: webhook events through a receiver that is down part of the time.

    python bench/webhooks.py [--cases 300] [--db URL] [--retry-cap 3] [--timeout 600]

A fresh PostgreSQL database ``open311_bench_webhooks`` on 127.0.0.1 is created (and dropped afterwards),
migrated and seeded with one station's households and an Open311 client whose webhook is a local
receiver. The production worker ``wennuan webhooks work`` runs as a subprocess while this process files
cases as that client and takes each through dispatch, accept, 办结, 回访 and 归档 (four events a case).
The receiver is switched off (connection refused) for a while, then refuses with 503, then is off again,
then stays up. The back-off is capped at ``--retry-cap`` seconds (WENNUAN_WEBHOOK_RETRY_CAP_SECONDS) so
the run stays short. Afterwards every accepted POST is checked: its signature, that each event came once,
that each ticket's events came in order. Local only: the receiver binds 127.0.0.1. The last line:

    events=N delivered=N duplicates=0
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter

from support import ROOT, bench_environment

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/open311_bench_webhooks"
# (from second, to second, receiver state): what the receiver does while cases are being worked
SCHEDULE = [(0, 3, "up"), (3, 12, "off"), (12, 18, "refusing"), (18, 24, "off")]


def seed(*, households: int, receiver_url: str):
    from wennuan.accounts.models import User
    from wennuan.core.roles import Role
    from wennuan.open311.models import Jurisdiction
    from wennuan.open311.services import issue_client
    from wennuan.registry import models as r

    city = r.City.objects.create(name="兰州市")
    district = r.District.objects.create(city=city, name="城关区")
    street = r.Street.objects.create(district=district, name="五泉街道")
    community = r.Community.objects.create(street=street, name="五泉社区", phone="0931-8800001")
    grid = r.Grid.objects.create(
        community=community, name="第1网格", worker_name="网格员", worker_phone="139"
    )
    company = r.Company.objects.create(city=city, name="兰州热力", hotline="0931-96556")
    station = r.Station.objects.create(company=company, name="五泉换热站")
    estate = r.Estate.objects.create(district=district, name="幸福家园", latitude=36.06, longitude=103.83)
    unit = r.Unit.objects.create(
        building=r.Building.objects.create(estate=estate, label="1号楼"), label="1单元"
    )
    r.Household.objects.bulk_create(
        r.Household(account=f"W{i:06d}", unit=unit, room=str(i), grid=grid, station=station, area="80")
        for i in range(households)
    )
    jur = Jurisdiction.objects.create(code="lanzhou.gov.cn", city=city)
    platform = User.objects.create(username="bench-platform", role=Role.HOTLINE_AGENT)
    client, _ = issue_client(name="市民App", jurisdiction=jur, user=platform, webhook_url=receiver_url)
    people = {
        "dispatcher": User.objects.create(username="bench-dispatcher", role=Role.DISPATCHER, company=company),
        "crew": User.objects.create(username="bench-crew", role=Role.STATION_CREW, station=station),
        "grid": User.objects.create(username="bench-grid", role=Role.GRID_WORKER, grid=grid),
        "agent": User.objects.create(username="bench-agent", role=Role.HOTLINE_AGENT),
    }
    return client, list(r.Household.objects.order_by("pk")), people


def work_one(household, i: int, *, client, people) -> None:
    """One ticket through its life: four events for the client (派单, 办结, 回访, 归档)."""
    from wennuan.cases import services
    from wennuan.cases.enums import Channel, RootCause, Satisfaction

    case, _ = services.receive_case(
        channel=Channel.ONLINE, text="暖气不热", household=household, category="not_warm",
        external_id=f"311-{client.pk}-APP-{i}", by=client.user,
    )  # fmt: skip
    case = services.dispatch_case(case=case, by=people["dispatcher"])
    case = services.accept_case(case=case, by=people["crew"])
    case = services.resolve_case(
        case=case,
        by=people["crew"],
        resolution="放气",
        root_cause=RootCause.RESIDENT,
        evidence={"temperature": 20},
    )
    case, _ = services.record_revisit(
        case=case, by=people["grid"], satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    services.close_case(case=case, by=people["agent"])


def drive_receiver(receiver, stop: threading.Event, started: float) -> None:
    """Follow SCHEDULE, then stay up."""
    for begin, end, state in SCHEDULE:
        while time.monotonic() - started < begin and not stop.is_set():
            time.sleep(0.05)
        if state == "off":
            receiver.stop()
        else:
            if receiver._server is None:
                receiver.start()
            receiver.refusing = state == "refusing"
        print(f"  t={time.monotonic() - started:5.1f}s receiver {state} until t={end}s", flush=True)
    while time.monotonic() - started < SCHEDULE[-1][1] and not stop.is_set():
        time.sleep(0.05)
    if receiver._server is None:
        receiver.start()
    receiver.refusing = False
    print(f"  t={time.monotonic() - started:5.1f}s receiver up for good", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=300, help="tickets; four events each")
    parser.add_argument("--db", default=DEFAULT_PG)
    parser.add_argument("--retry-cap", type=int, default=3, help="longest back-off, seconds")
    parser.add_argument("--timeout", type=int, default=600, help="give up waiting for delivery after this")
    parser.add_argument("--port", type=int, default=8181, help="the receiver's port on 127.0.0.1")
    args = parser.parse_args()

    with bench_environment(args.db, owned=args.db == DEFAULT_PG):
        os.environ["WENNUAN_WEBHOOK_RETRY_CAP_SECONDS"] = str(args.retry_cap)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from wennuan.open311 import delivery
        from wennuan.open311.enums import DeliveryStatus
        from wennuan.open311.models import WebhookAttempt, WebhookEvent
        from wennuan.open311.tests.receiver import Receiver

        receiver = Receiver(port=args.port).start()
        client, households, people = seed(households=args.cases, receiver_url=receiver.url)
        worker = subprocess.Popen(
            [sys.executable, "-m", "wennuan.cli", "webhooks", "work", "--idle", "0.2"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )  # fmt: skip
        stop = threading.Event()
        started = time.monotonic()
        driver = threading.Thread(target=drive_receiver, args=(receiver, stop, started), daemon=True)
        driver.start()
        try:
            for i, household in enumerate(households):
                work_one(household, i, client=client, people=people)
            filed = time.monotonic() - started
            print(f"filed cases={len(households)} seconds={filed:.1f}", flush=True)
            driver.join()
            deadline = time.monotonic() + args.timeout
            while WebhookEvent.objects.filter(status=DeliveryStatus.PENDING).exists():
                if time.monotonic() > deadline:
                    print("timeout: events still pending", flush=True)
                    break
                time.sleep(0.5)
            seconds = time.monotonic() - started
        finally:
            stop.set()
            worker.terminate()
            worker.wait(timeout=30)
            receiver.stop()

        events = WebhookEvent.objects.count()
        got = [r["event"] for r in receiver.received]
        counts = Counter(e["event_id"] for e in got)
        delivered = len(counts)
        duplicates = sum(n - 1 for n in counts.values())
        bad_signatures = sum(
            not delivery.verify(client.webhook_secret, r["timestamp"], r["raw"], r["signature"])
            for r in receiver.received
        )
        out_of_order = 0
        last_seen: dict[int, int] = {}
        for e in got:
            if e["event_id"] < last_seen.get(e["service_request_id"], 0):
                out_of_order += 1
            last_seen[e["service_request_id"]] = e["event_id"]
        failed_attempts = WebhookAttempt.objects.exclude(status_code__range=(200, 299)).count()
        print(
            f"seconds={seconds:.1f} failed_attempts={failed_attempts} refused_503={receiver.refused} "
            f"out_of_order={out_of_order} bad_signatures={bad_signatures} "
            f"lost={events - delivered}",
            flush=True,
        )
        print(f"events={events} delivered={delivered} duplicates={duplicates}")


if __name__ == "__main__":
    main()
