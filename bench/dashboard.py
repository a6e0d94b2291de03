"""Benchmark: a season of a large city in PostgreSQL, then every dashboard figure timed.

    python bench/dashboard.py [--households 1000000] [--cases 3000000] [--readings 5000000] [--db URL]

Fills its own database (default ``wennuan_bench_dash``, created and dropped) directly with SQL
(generate_series: the registry, the cases over the 2025-2026 season with their timeline events, and
door-to-door visits with two room-temperature readings each, about a fifth below standard), builds the
summary tables (``supervision.fold.rebuild``: every case's fact, then the tallies;
``supervision.fieldwork.rebuild``: readings and first visits per scope and day), then times each figure
of the dashboard for a city-wide supervisor and a district's staff (best of 3), the whole page, and the
daily report (``reports.daily.build_daily_report``, what `wennuan report daily` writes). The last line:

    cases=N worst_figure_ms=X daily_report_s=Y
"""

import argparse
import time
from datetime import date
from urllib.parse import urlparse

from support import bench_environment, pg_admin

DEFAULT = "postgres://postgres@127.0.0.1:5432/wennuan_bench_dash"
SEASON = (date(2025, 11, 1), date(2026, 3, 31))


def fill(cur, households: int, cases: int) -> None:
    h = households
    estates, buildings, grids, stations = (
        max(h // 330, 10),
        max(h // 33, 10),
        max(h // 300, 10),
        max(h // 1000, 5),
    )
    sql = f"""
    INSERT INTO registry_city (id, name) VALUES (1, '基准市');
    INSERT INTO registry_district (id, city_id, name) SELECT i, 1, '区' || i FROM generate_series(1, 10) i;
    INSERT INTO registry_street (id, district_id, name) SELECT i, 1 + (i - 1) % 10, '街道' || i FROM generate_series(1, 100) i;
    INSERT INTO registry_community (id, street_id, name, phone) SELECT i, 1 + (i - 1) % 100, '社区' || i, '' FROM generate_series(1, 500) i;
    INSERT INTO registry_grid (id, community_id, name, worker_name, worker_phone)
      SELECT i, 1 + (i - 1) % 500, '网格' || i, '', '' FROM generate_series(1, {grids}) i;
    INSERT INTO registry_company (id, city_id, name, hotline) SELECT i, 1, '热力公司' || i, '' FROM generate_series(1, 20) i;
    INSERT INTO registry_station (id, company_id, name, kind, phone)
      SELECT i, 1 + (i - 1) % 20, '换热站' || i, 'exchange', '' FROM generate_series(1, {stations}) i;
    INSERT INTO registry_estate (id, district_id, name, latitude, longitude)
      SELECT i, 1 + (i - 1) % 10, '小区' || i, 36.0 + random() * 0.2, 103.7 + random() * 0.3 FROM generate_series(1, {estates}) i;
    INSERT INTO registry_building (id, estate_id, label, door_address, key_site)
      SELECT i, 1 + (i - 1) % {estates}, (i / {estates} + 1) || '号楼', '', '' FROM generate_series(1, {buildings}) i;
    INSERT INTO registry_unit (id, building_id, label) SELECT i, i, '1单元' FROM generate_series(1, {buildings}) i;
    INSERT INTO registry_household (id, account, unit_id, room, grid_id, station_id, area, payment_status, priority_groups,
                                    resident_name, phone, updated_at)
      SELECT i, 'B' || i, 1 + (i - 1) % {buildings}, '', 1 + ((i - 1) % {buildings}) % {grids},
             1 + ((i - 1) % {buildings}) % {stations}, 60 + (i % 60), 'paid', '', '', '', now()
      FROM generate_series(1, {h}) i;
    CREATE TEMP TABLE g AS
      SELECT i, 1 + (hashint) % {h} AS hh, random() AS r, timestamptz '2025-11-01 00:00+08' + (random() * 151) * interval '1 day' AS at
      FROM (SELECT i, abs(hashint4(i)) AS hashint FROM generate_series(1, {cases}) i) s;
    INSERT INTO cases_case (id, channel, external_id, reporter_name, reporter_phone, address, text, category, priority,
        triage_status, state, version, received_at, dispatched_at, accepted_at, contacted_at, first_resolved_at, resolved_at,
        closed_at, contact_due, resolve_due, accepted_on_time, resolved_on_time, paused_seconds, extended, resolution,
        root_cause, evidence, is_overdue, overdue_limits, overdue_since, escalation_level, return_count, reopen_count,
        suspected_fake_closure, fake_closure_reasons, suspected_outage, answered_from, household_id, building_id, grid_id, station_id, company_id)
      SELECT g.i, 'hotline_12345', 'B' || g.i, '', '', '', '暖气不热',
        (ARRAY['not_warm','not_warm','not_warm','intermittent','leak','uneven','billing','not_started','repair_delay','other'])[1 + g.i % 10],
        'urgent', '',
        CASE WHEN g.r < 0.80 THEN 'closed' WHEN g.r < 0.85 THEN 'revisited' WHEN g.r < 0.90 THEN 'resolved'
             WHEN g.r < 0.95 THEN 'accepted' ELSE 'dispatched' END,
        1, g.at, g.at + interval '20 min', CASE WHEN g.r < 0.95 THEN g.at + interval '50 min' END,
        CASE WHEN g.r < 0.95 THEN g.at + interval '70 min' END,
        CASE WHEN g.r < 0.90 THEN g.at + (g.r * 60) * interval '1 hour' END, CASE WHEN g.r < 0.90 THEN g.at + (g.r * 60) * interval '1 hour' END,
        CASE WHEN g.r < 0.80 THEN g.at + (g.r * 60 + 20) * interval '1 hour' END,
        g.at + interval '80 min', g.at + interval '48 hours', g.r < 0.7, CASE WHEN g.r < 0.90 THEN g.r * 60 <= 48 END,
        0, false, '', CASE WHEN g.r < 0.9 THEN 'company' ELSE '' END, '{{}}', g.r * 60 > 48, '[]',
        CASE WHEN g.r >= 0.90 AND g.r * 60 > 48 THEN g.at + interval '48 hours' END, CASE WHEN g.r > 0.97 THEN 2 ELSE 0 END,
        CASE WHEN g.i % 37 = 0 THEN 1 ELSE 0 END, 0, false, '[]', false, '',
        hh.id, u.building_id, hh.grid_id, hh.station_id, s.company_id
      FROM g JOIN registry_household hh ON hh.id = g.hh JOIN registry_unit u ON u.id = hh.unit_id
      JOIN registry_station s ON s.id = hh.station_id;
    INSERT INTO cases_caseevent (case_id, at, actor_label, action, from_state, to_state, note, attachments, data)
      SELECT id, received_at, '系统', 'receive', '', 'received', '', '[]'::jsonb, '{{}}'::jsonb FROM cases_case
      UNION ALL SELECT id, dispatched_at, '系统', 'dispatch', 'received', 'dispatched', '', '[]'::jsonb, '{{}}'::jsonb FROM cases_case
      UNION ALL SELECT id, closed_at, '系统', 'close', 'revisited', 'closed', '', '[]'::jsonb, '{{}}'::jsonb FROM cases_case WHERE closed_at IS NOT NULL;
    """
    cur.execute(sql)
    for table in ("registry_city", "registry_district", "registry_street", "registry_community", "registry_grid",
                  "registry_company", "registry_station", "registry_estate", "registry_building", "registry_unit",
                  "registry_household", "cases_case"):  # fmt: skip
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    cur.execute("ANALYZE")


def fill_readings(cur, households: int, readings: int, visitor_id: int) -> None:
    """``readings`` ÷ 2 visits spread over the season and the households (each household visited about
    readings ÷ 2 ÷ households times), two rooms measured at each, 15.5–23.5 ℃."""
    visits = readings // 2
    cur.execute(f"""
    INSERT INTO visits_campaign (id, name, city_id, scope_kind, starts_on, ends_on, target_coverage,
                                 retry_after_days, target_groups, created_at)
      VALUES (1, '基准走访', 1, 'city', '2025-11-01', '2026-03-31', 100.0, 3, '', now());
    INSERT INTO visits_phase (id, campaign_id, number, name, starts_on, ends_on)
      VALUES (1, 1, 1, '全季', '2025-11-01', '2026-03-31');
    INSERT INTO visits_visit (id, client_id, phase_id, household_id, visitor_id, visited_at, outcome, room_temp_ok,
        answer_satisfied, answer_happy, answer_agree, retrofit_progress, answer_accept, notes, synced_at)
      SELECT i, gen_random_uuid(), 1, 1 + (i - 1) % {households}, {visitor_id},
             timestamptz '2025-11-01 08:00+08' + (random() * 150) * interval '1 day', 'visited', NULL,
             '', '', '', '', '', '', now()
      FROM generate_series(1, {visits}) i;
    INSERT INTO visits_temperaturereading (visit_id, room, celsius, measured_at, instrument, below_standard)
      SELECT visit_id, room, c, at, '', c < 18 FROM (
        SELECT v.id AS visit_id, r.room, round((15.5 + random() * 8)::numeric, 1) AS c, v.visited_at AS at
        FROM visits_visit v CROSS JOIN (VALUES ('客厅'), ('主卧')) r(room)) s;
    """)
    for table in ("visits_campaign", "visits_phase", "visits_visit", "visits_temperaturereading"):
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    cur.execute("ANALYZE")


def best_ms(fn, tries=3) -> float:
    best = None
    for _ in range(tries):
        t = time.perf_counter()
        fn()
        ms = (time.perf_counter() - t) * 1000
        best = ms if best is None else min(best, ms)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=3_000_000)
    parser.add_argument("--readings", type=int, default=5_000_000)
    parser.add_argument("--db", default=DEFAULT)
    parser.add_argument("--keep", action="store_true", help="fill a fresh database and keep it afterwards")
    parser.add_argument("--filled", action="store_true", help="time a database an earlier --keep run filled")
    args = parser.parse_args()
    if args.keep:
        pg_admin(args.db, f"DROP DATABASE IF EXISTS {urlparse(args.db).path.lstrip('/')} WITH (FORCE)")
        pg_admin(args.db, f"CREATE DATABASE {urlparse(args.db).path.lstrip('/')}")
    owned = args.db == DEFAULT and not (args.keep or args.filled)
    with bench_environment(args.db, owned=owned):
        import django

        django.setup()
        if not args.filled:
            fill_all(args)
        run(args)


def fill_all(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from wennuan.accounts.models import User
    from wennuan.core.roles import Role

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    visitor = User.objects.create_user("bench-visitor", password="x", role=Role.SUPERVISOR)
    with connection.cursor() as cur:
        fill(cur, args.households, args.cases)
        print(f"filled: {args.households} households, {args.cases} cases in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        fill_readings(cur, args.households, args.readings, visitor.pk)
    print(f"filled: {args.readings} readings in {time.perf_counter() - t:.1f} s", flush=True)
    build_summaries()


def build_summaries() -> None:
    from wennuan.supervision import fieldwork, fold, footprint

    t = time.perf_counter()
    footprint.refresh(force=True)
    print(f"footprint: {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    built = fold.rebuild()
    print(f"summary tables from scratch: {built['cases']} cases in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    fieldwork.rebuild()
    print(
        f"field tallies from scratch: readings and first visits in {time.perf_counter() - t:.1f} s",
        flush=True,
    )


def run(args) -> None:
    from django.test import Client
    from django.utils import timezone

    from wennuan.accounts.models import User
    from wennuan.cases.models import Case
    from wennuan.core.roles import Role
    from wennuan.supervision import scopes, selectors
    from wennuan.supervision.levels import Level

    boss, _ = User.objects.get_or_create(username="bench-boss", defaults={"role": Role.SUPERVISOR})
    district, _ = User.objects.get_or_create(
        username="bench-district", defaults={"role": Role.DISTRICT_STAFF, "district_id": 1}
    )
    start, end = SEASON
    day = date(2026, 1, 15)
    worst = 0.0
    for who in (boss, district):
        scope = scopes.of_user(who)
        figures = {
            "tiles": lambda who=who, scope=scope: selectors.tiles(scope, day),
            "kpis": lambda who=who, scope=scope: selectors.kpis(who, start=start, end=end),
            "trend": lambda who=who, scope=scope: selectors.trend(scope, start, end),
            "categories": lambda who=who, scope=scope: selectors.categories_over_time(scope, start, end),
            "companies": lambda who=who, scope=scope: selectors.rankings(
                who, level=Level.COMPANY, start=start, end=end
            ),
            "stations": lambda who=who, scope=scope: selectors.rankings(
                who, level=Level.STATION, start=start, end=end
            ),
            "districts": lambda who=who, scope=scope: selectors.rankings(
                who, level=Level.DISTRICT, start=start, end=end
            ),
            "estates": lambda who=who, scope=scope: selectors.estates(scope, start, end),
            "kpis_mid_month_range": lambda who=who, scope=scope: selectors.kpis(
                who, start=date(2025, 11, 17), end=date(2026, 2, 11)
            ),
            "daily_figures": lambda who=who, scope=scope: selectors.daily_figures(1, day),
        }
        for name, fn in figures.items():
            ms = best_ms(fn)
            worst = max(worst, ms)
            print(f"{who.username:15} {name:22} {ms:8.1f} ms")
        client = Client(HTTP_HOST="localhost")
        client.force_login(who)
        page = client.get("/supervision/", {"start": start, "end": end})
        assert page.status_code == 200, f"the dashboard answered {page.status_code}"
        page_ms = best_ms(lambda client=client: client.get("/supervision/", {"start": start, "end": end}))
        print(f"{who.username:15} {'whole page':22} {page_ms:8.1f} ms")
    from wennuan.registry.models import City
    from wennuan.reports.daily import build_daily_report  # what `wennuan report daily` writes

    t = time.perf_counter()
    build_daily_report(City.objects.order_by("pk").first(), day)
    report = f"{time.perf_counter() - t:.2f}"
    print(f"(now {timezone.now():%Y-%m-%d %H:%M})")
    print(f"cases={Case.objects.count()} worst_figure_ms={worst:.1f} daily_report_s={report}")


if __name__ == "__main__":
    main()
