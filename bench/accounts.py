"""A season's account statements for a city of a million households, computed set-based.

    .venv/bin/python bench/accounts.py [--db postgresql|sqlite] [--households 1000000]

Builds a city in a fresh database (PostgreSQL: its own database on 127.0.0.1, dropped afterwards; SQLite: a
file in a temporary folder) with SQL alone: estates, buildings, units and households; a payment for most
households (80% pay in full, 10% half), approved 报停 for 5% of which half resumed mid-season (prorated),
approved subsidies, unpaid refunds and approved estate reductions. Then times ``compute_statements`` — the
one INSERT … SELECT that writes every household's statement — and checks a sample against each household's
live statement. Figures: wall-clock and CPU seconds of this process (the database's own CPU is in wall).
The last line is: households=N seconds=X
"""

import argparse
import os
import random
import time

from support import bench_environment

PG_URL = "postgres://postgres@127.0.0.1:5432/wennuan_bench_accounts"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--households", type=int, default=1_000_000)
    args = parser.parse_args()
    url = PG_URL if args.db == "postgresql" else "sqlite:///bench.db"
    with bench_environment(url, owned=args.db == "postgresql") as home:
        if args.db == "sqlite":
            os.environ["WENNUAN_DB"] = f"sqlite:///{home}/bench.db"
        import django

        django.setup()
        run(args)


def _seq(n: int) -> str:
    """A CTE ``seq(i)`` of 1..n on both engines."""
    return f"WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n})"


def _plus_days(vendor: str, day: str, expr: str) -> str:
    if vendor == "postgresql":
        return f"(DATE '{day}' + CAST({expr} AS integer))"
    return f"date('{day}', '+' || ({expr}) || ' days')"


def build_city(n: int):
    from datetime import date
    from decimal import Decimal

    from django.db import connection, transaction
    from django.utils import timezone

    from wennuan.accounts.models import User
    from wennuan.billing.models import EstateReduction, Tariff
    from wennuan.core.roles import Role
    from wennuan.hall.enums import SubsidyBasis, SubsidyGroup
    from wennuan.hall.models import SubsidyRule
    from wennuan.registry.models import City, Community, Company, District, Estate, Grid, Station, Street
    from wennuan.rules.selectors import current_or_next_season

    vendor = connection.vendor
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    city = City.objects.create(name="百万户市")
    Tariff.objects.create(
        city=city, effective_from=date(2000, 1, 1), residential_price=Decimal("27.35"),
        non_residential_price=Decimal("38"),
    )  # fmt: skip
    season = current_or_next_season(city=city)
    district = District.objects.create(city=city, name="城关区")
    community = Community.objects.create(
        street=Street.objects.create(district=district, name="街道"), name="社区"
    )
    grids = Grid.objects.bulk_create(Grid(community=community, name=f"网格{i}") for i in range(100))
    company = Company.objects.create(city=city, name="热力公司")
    stations = Station.objects.bulk_create(Station(company=company, name=f"站{i}") for i in range(20))
    estates = Estate.objects.bulk_create(Estate(district=district, name=f"小区{i}") for i in range(500))
    boss = User.objects.create(username="bench-boss", role=Role.SUPERVISOR)
    rule = SubsidyRule.objects.create(
        city=city, effective_from=date(2000, 1, 1), group=SubsidyGroup.LOW_INCOME, basis=SubsidyBasis.FIXED,
        value=Decimal("500"),
    )  # fmt: skip
    EstateReduction.objects.bulk_create(
        EstateReduction(
            estate=e,
            season=season,
            company=company,
            days=30,
            reason="协商减免",
            status="approved",
            proposed_by=boss,
            proposed_at=timezone.now(),
        )  # fmt: skip
        for e in estates[:10]
    )
    e0, g0, s0 = estates[0].pk, grids[0].pk, stations[0].pk
    buildings = n // 48 + 1
    start = season.starts_on.isoformat()
    steps = [
        (
            "buildings",
            f"""{_seq(buildings)}
            INSERT INTO registry_building (estate_id, label, door_address, key_site)
            SELECT {e0} + (i % 500), CAST(i AS varchar(12)) || '号楼', '', '' FROM seq""",
        ),
        (
            "units",
            """INSERT INTO registry_unit (building_id, label)
            SELECT b.id, u.label FROM registry_building b
            CROSS JOIN (SELECT '1单元' AS label UNION ALL SELECT '2单元' UNION ALL SELECT '3单元'
                        UNION ALL SELECT '4单元') u""",
        ),
        (
            "households",
            f"""{_seq(n)}
            INSERT INTO registry_household (account, unit_id, room, grid_id, station_id, area, payment_status,
                                            priority_groups, resident_name, phone, updated_at)
            SELECT 'H' || CAST(i AS varchar(12)), (SELECT MIN(id) FROM registry_unit) + (i - 1) / 12,
                   CAST(100 + i % 12 AS varchar(4)), {g0} + (i % 100), {s0} + (i % 20),
                   60 + (i % 9000) / 100.0, 'paid', CASE WHEN i % 33 = 0 THEN 'low_income' ELSE '' END,
                   '住户', '13800000000', '{now}' FROM seq""",
        ),
        (
            "payments",
            f"""INSERT INTO hall_payment (household_id, season_id, receipt_no, amount, paid_on, method)
            SELECT id, {season.pk}, 'R' || CAST(id AS varchar(12)),
                   CASE WHEN id % 10 < 8 THEN ROUND(area * 27.35, 2) ELSE ROUND(area * 13.5, 2) END,
                   '{start}', '银行' FROM registry_household WHERE id % 10 < 9""",
        ),
        (
            "suspensions",
            f"""INSERT INTO hall_heatapplication (kind, household_id, season_id, applicant,
                applicant_name, applicant_phone, note, applied_at, answer_due, status, overdue, decided_at,
                refusal_reason, decision_note, heat_from)
            SELECT 'suspend', id, {season.pk}, 'resident', '', '', '', '{now}', '{now}', 'approved', {_false(vendor)},
                   '{now}', '', '', NULL FROM registry_household WHERE id % 20 = 0""",
        ),
        (
            "resumptions",
            f"""INSERT INTO hall_heatapplication (kind, household_id, season_id, applicant,
                applicant_name, applicant_phone, note, applied_at, answer_due, status, overdue, decided_at,
                refusal_reason, decision_note, heat_from)
            SELECT 'resume', id, {season.pk}, 'resident', '', '', '', '{now}', '{now}', 'approved', {_false(vendor)},
                   '{now}', '', '', {_plus_days(vendor, start, "id % 120")}
            FROM registry_household WHERE id % 40 = 0""",
        ),
        (
            "subsidies",
            f"""INSERT INTO hall_subsidy (household_id, season_id, "group", rule_id, amount, certificate,
                status, entitled_at, rejected_reason)
            SELECT id, {season.pk}, 'low_income', {rule.pk}, 500, '', 'approved', '{now}', ''
            FROM registry_household WHERE priority_groups = 'low_income'""",
        ),
        (
            "refunds",
            f"""INSERT INTO billing_refundentry (household_id, season_id, company_id, days, amount,
                explanation, computed_at, due_on, status)
            SELECT id, {season.pk}, {company.pk}, 4, 35.76, '', '{now}', '{season.ends_on.isoformat()}', 'computed'
            FROM registry_household WHERE id % 97 = 0""",
        ),
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for name, sql in steps:
            began = time.perf_counter()
            cursor.execute(sql)
            print(
                f"  built {name}: {cursor.rowcount} rows in {time.perf_counter() - began:.1f} s", flush=True
            )
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return season, boss


def _false(vendor: str) -> str:
    return "FALSE" if vendor == "postgresql" else "0"


def _backend_pid() -> int | None:
    """The PostgreSQL server process serving this connection (same machine), to read its CPU time."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _cpu_seconds(pid: int | None) -> float:
    """utime + stime of a process from /proc (the database's own work, whatever else loads the machine)."""
    if pid is None:
        return 0.0
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from wennuan.hall.models import AccountStatement
    from wennuan.hall.services.statements import compute_statements
    from wennuan.hall.statements import statement_for
    from wennuan.registry.models import Household

    call_command("migrate", verbosity=0)
    print(f"engine={connection.vendor}: building a city of {args.households:,} households…", flush=True)
    season, boss = build_city(args.households)
    backend = _backend_pid()
    db_cpu = _cpu_seconds(backend)
    wall, cpu = time.perf_counter(), time.process_time()
    count = compute_statements(season=season, by=boss)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    db_cpu = _cpu_seconds(backend) - db_cpu if backend else None
    print(
        f"compute_statements: {count:,} statements in {wall:.1f} s wall, {cpu:.2f} s CPU of this process"
        + (f", {db_cpu:.1f} s CPU of the PostgreSQL backend" if db_cpu is not None else "")
        + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    # The stored statements must be what each household's live statement says.
    rng = random.Random(3)
    ids = rng.sample(range(1, args.households + 1), 50) + [20, 40, 33, 97]
    for h in Household.objects.filter(account__in=[f"H{i}" for i in ids]).select_related("station__company"):
        stored = AccountStatement.objects.get(household=h, season=season)
        live = statement_for(h, season)
        for field in (
            "fee_cents",
            "paid_cents",
            "arrears_cents",
            "reduction_cents",
            "heated_days",
            "subsidy_cents",
        ):
            assert getattr(stored, field) == getattr(live, field), (h.account, field)
    from django.db.models import Count, Q, Sum

    t = AccountStatement.objects.filter(season=season).aggregate(
        n=Count("id"), suspended=Count("id", filter=Q(suspended=True)), arrears=Count("id", filter=Q(arrears_cents__gt=0)),
        fee=Sum("fee_cents"), paid=Sum("paid_cents"),
    )  # fmt: skip
    print(
        f"statements={t['n']:,} suspended={t['suspended']:,} in_arrears={t['arrears']:,} "
        f"fee_yuan={t['fee'] / 100:,.2f} paid_yuan={t['paid'] / 100:,.2f} (sample of 54 agreed with live)"
    )
    assert count == args.households == t["n"]
    print(f"households={count} seconds={wall:.1f}")


if __name__ == "__main__":
    main()
