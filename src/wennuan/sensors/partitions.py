"""PostgreSQL only: the readings table is partitioned by month (UTC); the sweep creates the coming months'
partitions ahead, so a reading never lands in the default partition unless it is older than the first
month created (those stay in ``sensors_reading_default``)."""

import logging
from datetime import UTC, date, datetime

from django.db import connection

log = logging.getLogger(__name__)
MONTHS_AHEAD = 2


def _next(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def name_of(month: date) -> str:
    return f"sensors_reading_y{month.year}m{month.month:02d}"


def ensure(*, months_ahead: int = MONTHS_AHEAD, today: date | None = None, conn=None) -> list[str]:
    """Create this month's partition and the next ``months_ahead``; returns the names created."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return []
    today = today or datetime.now(UTC).date()
    month = date(today.year, today.month, 1)
    made = []
    with conn.cursor() as cur:
        for _ in range(months_ahead + 1):
            name, end = name_of(month), _next(month)
            cur.execute("SELECT to_regclass(%s)", [name])
            if cur.fetchone()[0] is None:
                cur.execute(
                    f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF sensors_reading "
                    f"FOR VALUES FROM ('{month.isoformat()} 00:00:00+00') TO ('{end.isoformat()} 00:00:00+00')"
                )
                # each partition's own key and BRIN index (see the migration: none is inherited)
                cur.execute(f"ALTER TABLE {name} ADD PRIMARY KEY (device_id, time)")
                cur.execute(f"CREATE INDEX {name}_time_brin ON {name} USING brin (time)")
                made.append(name)
            month = end
    if made:
        log.info("sensors: created partitions %s", ", ".join(made))
    return made


def partitions(conn=None) -> list[str]:
    """The readings table's partitions (PostgreSQL), oldest first."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return []
    with conn.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'sensors_reading'::regclass ORDER BY c.relname"
        )
        return [r[0] for r in cur.fetchall()]
