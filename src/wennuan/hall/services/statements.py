"""Writing account statements: a whole season at once (INSERT … SELECT), or the households a change touched."""

from django.db import connection, transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import NotPermitted

from ..errors import NoTariff
from ..models import AccountStatement
from ..roles import STATEMENT_COMPUTERS, may
from ..statements import COLUMNS, select_sql, terms_for

CHUNK = 900


def _write(terms, household_ids: list[int] | None) -> int:
    table = connection.ops.quote_name(AccountStatement._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    columns = ", ".join([*COLUMNS, "season_id", "computed_at"])
    with connection.cursor() as cursor:
        if household_ids is None:
            if connection.vendor == "postgresql":
                # A city's hash joins and aggregates in memory rather than spilled to disk.
                cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute(f"DELETE FROM {table} WHERE season_id = %s", [terms.season.pk])
            sql, params = select_sql(terms)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT q.*, %s, %s FROM ({sql}) q",
                [terms.season.pk, now, *params],
            )
            return cursor.rowcount
        written = 0
        for i in range(0, len(household_ids), CHUNK):
            ids = household_ids[i : i + CHUNK]
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(
                f"DELETE FROM {table} WHERE season_id = %s AND household_id IN ({marks})",
                [terms.season.pk, *ids],
            )
            sql, params = select_sql(terms, ids)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT q.*, %s, %s FROM ({sql}) q",
                [terms.season.pk, now, *params],
            )
            written += cursor.rowcount
        return written


@transaction.atomic
def compute_statements(*, season, by) -> int:
    """Every household's statement for ``season`` in the city, replacing the last computation; returns
    how many. Set-based: a fixed number of SQL statements whatever the number of households."""
    if by is not None and not may(by, STATEMENT_COMPUTERS):
        raise NotPermitted("只有供热主管可以计算全市账单")
    terms = terms_for(season)
    if terms is None:
        raise NoTariff(f"{season.city}在{season.starts_on}没有生效的供热价格，无法计算热费")
    count = _write(terms, None)
    audit.record(
        actor=by, action="hall.statements_computed", obj=season,
        summary=f"{season} 热费账单 {count} 户", changes={"households": count},
    )  # fmt: skip
    return count


def recompute_for(*, season, household_ids: list[int]) -> int:
    """The statements of these households only (after a payment, a decision, a subsidy); callers hold the
    transaction and write the audit entry of their own change. Nothing without a tariff."""
    terms = terms_for(season)
    if terms is None or not household_ids:
        return 0
    return _write(terms, household_ids)
