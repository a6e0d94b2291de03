"""The full recount in the database (PostgreSQL): every case's fact in one INSERT … SELECT built from the
same ORM querysets as the fold (facts.case_rows &c., so each formula is still cases.kpis'), then every
tally cell by GROUP BY GROUPING SETS over the facts (a category row and the all-categories row at once).
A season of a large city recounts in minutes instead of the Python fold's hours; the tests on PostgreSQL
compare it with the fold."""

import re

from django.conf import settings
from django.db import connection

from wennuan.cases.enums import OPEN_STATES
from wennuan.cases.models import Case, ResidentRating, Revisit, SpotCheck

from . import counters
from .facts import case_rows, rating_rows, revisit_rows, spot_check_rows
from .levels import ALL_CATEGORIES, Level
from .models import CaseFact, Tally

GRAINS = (("d", "on"), ("w", "week"), ("m", "month"))


def _tz() -> str:
    tz = settings.TIME_ZONE
    if not re.fullmatch(r"[A-Za-z_/+\-0-9]+", tz):
        raise ValueError(f"unexpected TIME_ZONE {tz!r}")
    return tz


def _day_sql(column: str, tz: str) -> dict[str, str]:
    local = f"(c.{column} AT TIME ZONE '{tz}')"
    return {
        "on": f"{local}::date",
        "week": f"date_trunc('week', {local})::date",
        "month": f"date_trunc('month', {local})::date",
    }


def insert_facts(now) -> None:
    tz = _tz()
    cases_sql, cases_params = case_rows(Case.objects.all(), now=now).query.sql_with_params()
    parts = [
        (revisit_rows(Revisit.objects.all()), "r"),
        (rating_rows(ResidentRating.objects.all()), "t"),
        (spot_check_rows(SpotCheck.objects.all()), "k"),
    ]
    joined, params = [], list(cases_params)
    for qs, alias in parts:
        sql, p = qs.query.sql_with_params()
        joined.append(f"LEFT JOIN ({sql}) {alias} ON {alias}.case_id = c.id")
        params += list(p)
    days = {name: _day_sql(f"{name}_at", tz) for name in ("received", "resolved", "closed")}
    open_states = ", ".join(f"'{s}'" for s in OPEN_STATES)
    columns = {
        "case_id": "c.id",
        "city": "COALESCE(c.company_city, c.grid_city, 0)",
        **{d: f"COALESCE(c.{d}, 0)" for d in ("district", "street", "community", "estate")},
        "grid": "COALESCE(c.grid_id, 0)",
        "company": "COALESCE(c.company_id, 0)",
        "station": "COALESCE(c.station_id, 0)",
        "category": "c.category",
        **{f"{name}_{g}": days[name][g] for name in days for g in ("on", "week", "month")},
        **{name: f"c.{name}" for name in counters.CASE_COUNTS},
        "handling_seconds": "COALESCE(round(extract(epoch FROM c.avg_handling)), 0)",
        **{n: f"COALESCE(r.{n}, 0) + COALESCE(t.{n}, 0)" for n in counters.REVISIT_COUNTS},
        **{n: f"COALESCE(k.{n}, 0)" for n in counters.SPOT_CHECK_COUNTS},
        "open_now": f"(c.state IN ({open_states}))::int",
        "overdue_open_now": f"(c.state IN ({open_states}) AND c.overdue_since IS NOT NULL)::int",
        "escalated_open_now": f"(c.state IN ({open_states}) AND c.escalation_level > 0)::int",
        "resolved_on_day": "(c.resolved_at IS NOT NULL)::int",
        "closed_on_day": "(c.closed_at IS NOT NULL)::int",
    }
    names = ", ".join(f'"{k}"' for k in columns)
    sql = (
        f'INSERT INTO "{CaseFact._meta.db_table}" ({names}) SELECT {", ".join(columns.values())} '
        f"FROM ({cases_sql}) c {' '.join(joined)}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)


def insert_tallies() -> None:
    """One INSERT per level and grain: the cohort counters by received day, 办结/归档 by their own day,
    each a GROUP BY GROUPING SETS (category rows and the all-categories row), summed into one row per cell.
    (Upserting the event-day counters into the cells instead rewrote each row once per counter: 3 s a
    pass at 60,000 cases.)"""
    table, facts = Tally._meta.db_table, CaseFact._meta.db_table
    cohort = set(counters.COHORT)
    all_cols = list(counters.ALL)
    outer = ", ".join(f'SUM(u."{c}")' for c in all_cols)
    with connection.cursor() as cur:
        for level in Level:
            col = level.value
            mine = "" if level == Level.CITY else f' AND f."{col}" <> 0'
            for grain, suffix in GRAINS:
                parts = []
                for keyed, counted in (("received", cohort), ("resolved", {"resolved_on_day"}),
                                       ("closed", {"closed_on_day"})):  # fmt: skip
                    period = f'f."{keyed}_{suffix}"'
                    sums = ", ".join(
                        f'SUM(f."{c}") AS "{c}"' if c in counted else f'0 AS "{c}"' for c in all_cols
                    )
                    parts.append(
                        f'SELECT f."{col}" AS ref, {period} AS period, COALESCE(f.category, %s) AS category, {sums} '
                        f'FROM "{facts}" f WHERE {period} IS NOT NULL{mine} '
                        f'GROUP BY GROUPING SETS ((f."{col}", {period}, f.category), (f."{col}", {period}))'
                    )
                cur.execute(
                    f'INSERT INTO "{table}" (level, ref, grain, period, category, {", ".join(all_cols)}) '
                    f"SELECT %s, u.ref, %s, u.period, u.category, {outer} "
                    f"FROM ({' UNION ALL '.join(parts)}) u GROUP BY u.ref, u.period, u.category",
                    [col, grain, *[ALL_CATEGORIES] * len(parts)],
                )


def rebuild_in_database(now) -> int:
    """Truncate and recount (caller holds the transaction and the fold's lock); returns the cases counted."""
    with connection.cursor() as cur:
        cur.execute(f'TRUNCATE "{CaseFact._meta.db_table}", "{Tally._meta.db_table}"')
    insert_facts(now)
    insert_tallies()
    return CaseFact.objects.count()
