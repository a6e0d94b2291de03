"""The readings table: partitioned by month with a BRIN index on PostgreSQL, created ahead by the sweep;
the same logical table on SQLite."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from wennuan.sensors import partitions
from wennuan.sensors.ingest import store
from wennuan.sensors.models import Reading

from .support import collector, message


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgres_readings_are_partitioned_by_month_with_a_brin_index():
    with connection.cursor() as cur:
        cur.execute("SELECT relkind FROM pg_class WHERE relname = 'sensors_reading'")
        assert cur.fetchone()[0] == "p"  # a partitioned table
        cur.execute("SELECT indexdef FROM pg_indexes WHERE tablename LIKE 'sensors_reading_y%%'")
        assert any("USING brin" in d and "time" in d for (d,) in cur.fetchall())
    made = partitions.ensure(today=date(2031, 5, 17))
    assert made == ["sensors_reading_y2031m05", "sensors_reading_y2031m06", "sensors_reading_y2031m07"]
    assert partitions.ensure(today=date(2031, 5, 17)) == []
    assert "sensors_reading_y2031m06" in partitions.partitions()
    collector("SN-P1")
    now = timezone.now().replace(microsecond=0)
    store([message("SN-P1", now - timedelta(minutes=5), 20.0)])
    with connection.cursor() as cur:
        cur.execute("SELECT tableoid::regclass::text FROM sensors_reading")
        assert cur.fetchone()[0] == partitions.name_of(date(now.year, now.month, 1))


@pytest.mark.django_db
def test_the_orm_reads_the_readings_on_either_database():
    d = collector("SN-P2")
    now = timezone.now().replace(microsecond=0)
    store([message("SN-P2", now - timedelta(minutes=m), 20.0 + m) for m in (1, 2, 3)])
    rows = list(Reading.objects.filter(device=d).order_by("time").values_list("time", "celsius"))
    assert rows == [(now - timedelta(minutes=m), 20.0 + m) for m in (3, 2, 1)]
    assert partitions.ensure() == [] or connection.vendor == "postgresql"
