"""传感器室温达标率 on a season: a city of ``--households`` sensor households (one collector each, 4
companies, 40 stations, 50 grids), a season of ``--days`` summarised household-days, one day of readings
(one every ten minutes) to summarise.

    .venv/bin/python bench/sensor_kpi.py [--db postgres://postgres@127.0.0.1:5432/wennuan_bench_sensor_kpi]
                                         [--households 10000] [--days 150]

Times the KPI's provider over the whole season at each level (what one supervision request asks of it),
the sweep's recount of one whole day (``days.refresh`` until nothing is left), and what marking the days
adds to a stored batch of 1,000 readings (each collector's first of the day; any later one). The database is the benchmark's own, created and dropped.
Last line: households=N days=D company_ms=… station_ms=… city_ms=… district_ms=… estate_ms=…
recount_day_s=… mark_first_ms=… mark_batch_ms=…
"""

import argparse
import statistics
import time
from datetime import date, datetime, timedelta

import time_machine
from support import bench_environment

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wennuan_bench_sensor_kpi"
DAY = date(2026, 12, 9)


def _timed(fn, repeat=5) -> float:
    """The median of ``repeat`` runs, in ms (the first run warms the caches and is not counted)."""
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs)


def _city(households: int):
    from wennuan.registry.models import Household, Unit
    from wennuan.registry.tests.factories import GridFactory, StationFactory, UnitFactory
    from wennuan.rules.models import Season
    from wennuan.sensors.models import Device

    grids = [GridFactory() for _ in range(50)]
    stations = [StationFactory(company__name=f"热力公司{i % 4}") for i in range(40)]
    city = stations[0].company.city
    Season.objects.filter(city=city).delete()
    Season.objects.create(city=city, name="bench", starts_on=date(2026, 11, 1), ends_on=date(2027, 3, 31))
    first = UnitFactory()
    units = Unit.objects.bulk_create(
        [Unit(building=first.building, label=f"B{i}单元") for i in range(households // 50)]
    )
    homes = Household.objects.bulk_create(
        [
            Household(
                account=f"B{i:08d}",
                unit=units[i % len(units)],
                room=str(i),
                grid=grids[i % 50],
                station=stations[i % 40],
                area="80.00",
            )
            for i in range(households)
        ],  # fmt: skip
        batch_size=5000,
    )
    Device.objects.bulk_create(
        [Device(serial=f"SN{h.pk:08d}", household=h, installed_on=date(2026, 10, 1)) for h in homes],
        batch_size=5000,
    )
    return city, [s.pk for s in stations]


def _season(days: int) -> None:
    """``days`` summarised days before DAY for every household, about 90% at standard."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO sensors_sensorday
                 (household_id, day, company_id, station_id, grid_id, estate_id, rooms, rooms_at_standard,
                  readings, coldest, at_standard)
               SELECT h.id, d::date, s.company_id, h.station_id, h.grid_id, b.estate_id, 1,
                      (random() < 0.9)::int, 144, 19.5, random() < 0.9
               FROM registry_household h JOIN registry_station s ON s.id = h.station_id
                    JOIN registry_unit u ON u.id = h.unit_id JOIN registry_building b ON b.id = u.building_id,
                    generate_series(%s::date - %s, %s::date - 1, '1 day') d""",
            [DAY, days, DAY],
        )
        cur.execute("ANALYZE sensors_sensorday")


def _day_of_readings() -> int:
    """One reading every ten minutes of DAY for every collector, and the day marked as the batches would."""
    from django.db import connection
    from django.utils import timezone

    from wennuan.sensors.days import _bounds

    start, _ = _bounds(DAY)
    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO sensors_reading (device_id, time, celsius, battery)
               SELECT d.id, %s::timestamptz + k * interval '10 minutes', 17 + 5 * random(), 90
               FROM sensors_device d, generate_series(0, 143) k""",
            [start],
        )
        n = cur.rowcount
        cur.execute(
            "INSERT INTO sensors_staleday (household_id, day, marked_at) "
            "SELECT DISTINCT household_id, %s::date, %s FROM sensors_device",
            [DAY, timezone.now()],
        )
        cur.execute("ANALYZE sensors_reading")
    return n


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default=DEFAULT_PG)
    p.add_argument("--households", type=int, default=10_000)
    p.add_argument("--days", type=int, default=150)
    args = p.parse_args()
    with bench_environment(args.db, owned=True):
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction

        from wennuan.core import kpi_registry
        from wennuan.registry.models import Company, District, Estate
        from wennuan.sensors import days
        from wennuan.sensors.models import Device, SensorDay

        call_command("migrate", verbosity=0)
        city, stations = _city(args.households)
        _season(args.days)
        rows = SensorDay.objects.count()
        provider = kpi_registry.get("sensor_compliance").provider
        first, last = DAY - timedelta(days=args.days), DAY - timedelta(days=1)

        def ask(level, refs):
            keys = refs if refs is not None else [0]
            return lambda: provider(level, refs, first, last, {r: {} for r in keys})

        figures = {
            "company_ms": _timed(ask("company", list(Company.objects.values_list("pk", flat=True)))),
            "station_ms": _timed(ask("station", stations)),
            "city_ms": _timed(ask("city", None)),
            "district_ms": _timed(ask("district", list(District.objects.values_list("pk", flat=True)))),
            "estate_ms": _timed(ask("estate", list(Estate.objects.values_list("pk", flat=True)))),
        }
        readings = _day_of_readings()
        t = time.perf_counter()
        while days.refresh(today=DAY + timedelta(days=1)):
            pass
        figures["recount_day_s"] = time.perf_counter() - t
        assert SensorDay.objects.filter(day=DAY).count() == args.households
        devices = dict(Device.objects.values_list("pk", "household_id")[:1000])
        moment = datetime.fromisoformat("2026-12-10T08:00:00+08:00")
        batch = [(pk, moment, 20.0, 90) for pk in devices]

        earlier = {pk: moment - timedelta(minutes=10) for pk in devices}

        def mark(previous):
            def run():
                with transaction.atomic():
                    days.mark(batch, households=devices, previous=previous)

            return run

        with time_machine.travel(moment + timedelta(minutes=5), tick=False):
            figures["mark_first_ms"] = _timed(mark({}))  # each collector's first reading of the day
            figures["mark_batch_ms"] = _timed(mark(earlier))  # the rest of the day
        print(f"summary rows {rows:,}; readings recounted for one day {readings:,}; city {city.name}")
        print(
            f"households={args.households} days={args.days} "
            + " ".join(f"{k}={v:.1f}" if k.endswith("_s") else f"{k}={v:.0f}" for k, v in figures.items())
        )


if __name__ == "__main__":
    main()
