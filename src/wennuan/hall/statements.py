"""Account statements, set-based: one SQL statement computes every household of a season (or a few).

The same SELECT serves the bulk write (``INSERT … SELECT`` for a whole city: a million households in
seconds, no Python per household) and one household's live statement, so the two cannot disagree.
Money is whole cents in integer arithmetic on both engines (SQLite has no decimal type):

  full fee  = area × price, rounded half up to the cent
  fee       = full fee; suspended: full × (base share × legal days + (1 − base share) × heated days) ÷ legal
              days (heated days: from the day heat resumed to the season's end; 0 when never resumed)
  reduction = fee × min(approved estate reduction days, legal days) ÷ legal days
  balance   = fee − reduction − paid → arrears (> 0) or credit (< 0)
  refund    = the refund ledger's amount not yet paid out; subsidy = approved or paid subsidy (both shown,
              never netted: they are paid to the household)

A household counts as suspended when an approved 报停 application covers the season, or — for the
city's current (or next) season only — when the registry's ledger says 报停 (the company's own record)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from wennuan.billing import city_rules
from wennuan.billing.models import EstateReduction, RefundEntry
from wennuan.registry.models import Building, Company, Household, Station, Unit
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season

from .models import AccountStatement, HeatApplication, Payment, Subsidy

COLUMNS = (
    "household_id", "company_id", "area_cents", "price_cents", "base_share_milli", "suspended", "heated_days",
    "legal_days", "full_fee_cents", "fee_cents", "reduction_days", "reduction_cents", "paid_cents",
    "arrears_cents", "credit_cents", "refund_cents", "subsidy_cents",
)  # fmt: skip


@dataclass(frozen=True)
class Terms:
    """What a season's statements are computed from: its dates and the city's tariff at its start."""

    season: Season
    price_cents: int
    base_share_milli: int
    legal_days: int
    registry_suspensions: bool  # the registry's 报停 counts (the current or next season only)


def terms_for(season: Season) -> Terms | None:
    """None when the city has no tariff in force when the season starts (no price, no fee)."""
    tariff = city_rules.tariff_on(city_id=season.city_id, on=season.starts_on)
    if tariff is None:
        return None
    current = current_or_next_season(city=season.city_id)
    return Terms(
        season=season,
        price_cents=int((tariff.residential_price * 100).to_integral_value(ROUND_HALF_UP)),
        base_share_milli=int((tariff.base_fee_share * 1000).to_integral_value(ROUND_HALF_UP)),
        legal_days=season.legal_days,
        registry_suspensions=current is not None and current.pk == season.pk,
    )


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _cents(expr: str) -> str:
    return f"CAST(ROUND({expr} * 100) AS BIGINT)"


def _heated_days(starts: str, ends: str) -> str:
    """Days from the day heat resumed (not before the start) to the season's end, both included."""
    if connection.vendor == "postgresql":
        return f"(CAST({ends} AS date) - GREATEST(a.heat_from, CAST({starts} AS date)) + 1)"
    return f"(CAST(julianday({ends}) - julianday(MAX(a.heat_from, {starts})) AS INTEGER) + 1)"


def _half_up(num: str, den: str) -> str:
    """num ÷ den rounded half up, for non-negative integers (integer division on both engines)."""
    return f"(({num}) * 2 + ({den})) / (({den}) * 2)"


def select_sql(terms: Terms, household_ids: list[int] | None = None) -> tuple[str, list]:
    """The statements' SELECT (columns in ``COLUMNS`` order) and its parameters."""
    only, only_params = "", []
    if household_ids is not None:
        marks = ", ".join(["%s"] * len(household_ids)) or "NULL"
        only, only_params = f" AND household_id IN ({marks})", list(household_ids)
    s = terms.season.pk
    legal, base, price = terms.legal_days, terms.base_share_milli, terms.price_cents
    heated = _heated_days("%s", "%s")
    registry = "h.payment_status = 'suspended'" if terms.registry_suspensions else "1 = 0"
    sql = f"""
WITH base AS (
  SELECT h.id AS household_id, st.company_id AS company_id, {_cents("h.area")} AS area_cents,
         CASE WHEN a.suspended = 1 OR {registry} THEN 1 ELSE 0 END AS suspended,
         CASE WHEN a.heat_from IS NULL THEN 0 ELSE {heated} END AS heated_raw,
         COALESCE(r.days, 0) AS reduction_raw, COALESCE(p.cents, 0) AS paid_cents,
         COALESCE(rf.cents, 0) AS refund_cents, COALESCE(sb.cents, 0) AS subsidy_cents
  FROM {_t(Household)} h
  JOIN {_t(Station)} st ON st.id = h.station_id
  JOIN {_t(Company)} co ON co.id = st.company_id
  JOIN {_t(Unit)} u ON u.id = h.unit_id
  JOIN {_t(Building)} b ON b.id = u.building_id
  LEFT JOIN (SELECT household_id, SUM({_cents("amount")}) AS cents FROM {_t(Payment)}
             WHERE season_id = %s{only} GROUP BY household_id) p ON p.household_id = h.id
  LEFT JOIN (SELECT estate_id, company_id, SUM(days) AS days FROM {_t(EstateReduction)}
             WHERE season_id = %s AND status = 'approved' GROUP BY estate_id, company_id) r
         ON r.estate_id = b.estate_id AND r.company_id = st.company_id
  LEFT JOIN (SELECT household_id, SUM({_cents("amount")}) AS cents FROM {_t(RefundEntry)}
             WHERE season_id = %s AND status <> 'paid'{
        only
    } GROUP BY household_id) rf ON rf.household_id = h.id
  LEFT JOIN (SELECT household_id, MAX(CASE WHEN kind = 'suspend' THEN 1 ELSE 0 END) AS suspended,
                    MIN(CASE WHEN kind = 'resume' THEN heat_from END) AS heat_from
             FROM {_t(HeatApplication)} WHERE season_id = %s AND status = 'approved'{only}
             GROUP BY household_id) a ON a.household_id = h.id
  LEFT JOIN (SELECT household_id, {_cents("amount")} AS cents FROM {_t(Subsidy)}
             WHERE season_id = %s AND status IN ('approved', 'paid'){only}) sb ON sb.household_id = h.id
  WHERE co.city_id = %s{only.replace("household_id", "h.id")}
), days AS (
  SELECT base.*, (area_cents * {price} * 2 + 100) / 200 AS full_fee_cents,
         CASE WHEN suspended = 0 THEN {legal} WHEN heated_raw < 0 THEN 0
              WHEN heated_raw > {legal} THEN {legal} ELSE heated_raw END AS heated_days,
         CASE WHEN reduction_raw > {legal} THEN {legal} ELSE reduction_raw END AS reduction_days
  FROM base
), fees AS (
  SELECT days.*, CASE WHEN suspended = 0 THEN full_fee_cents
                      ELSE {
        _half_up(f"full_fee_cents * ({base} * {legal} + (1000 - {base}) * heated_days)", f"1000 * {legal}")
    } END AS fee_cents
  FROM days
), net AS (
  SELECT fees.*, {_half_up("fee_cents * reduction_days", str(legal))} AS reduction_cents FROM fees
)
SELECT household_id, company_id, area_cents, {price} AS price_cents, {base} AS base_share_milli,
       (suspended = 1) AS suspended, heated_days, {legal} AS legal_days, full_fee_cents, fee_cents,
       reduction_days, reduction_cents, paid_cents,
       CASE WHEN fee_cents - reduction_cents - paid_cents > 0 THEN fee_cents - reduction_cents - paid_cents
            ELSE 0 END AS arrears_cents,
       CASE WHEN fee_cents - reduction_cents - paid_cents < 0 THEN paid_cents + reduction_cents - fee_cents
            ELSE 0 END AS credit_cents,
       refund_cents, subsidy_cents
FROM net"""
    starts, ends = terms.season.starts_on.isoformat(), terms.season.ends_on.isoformat()
    params = [ends, starts]  # the heated-days expression comes first in the text
    params += [s, *only_params, s, s, *only_params, s, *only_params, s, *only_params]
    params += [terms.season.city_id, *only_params]
    return sql, params


def statement_for(household, season: Season) -> AccountStatement | None:
    """The household's statement for ``season`` computed now (not stored); None without a tariff."""
    terms = terms_for(season)
    if terms is None:
        return None
    sql, params = select_sql(terms, [household.pk])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:  # a household of another city than the season's
        return None
    values = dict(zip(COLUMNS, row, strict=True))
    values["suspended"] = bool(values["suspended"])
    return AccountStatement(season=season, household=household, **values)


def full_fee(area: Decimal, price: Decimal) -> Decimal:
    """area × price to the cent, half up (what the SQL computes in cents; for explanations and tests)."""
    return (area * price).quantize(Decimal("0.01"), ROUND_HALF_UP)
