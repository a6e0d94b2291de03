"""What each case adds to the tallies (its fact), computed with cases.kpis' own aggregates per case."""

from datetime import timedelta

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from wennuan.cases.enums import OPEN_STATES
from wennuan.cases.kpis import (
    case_aggregates,
    rating_aggregates,
    ratings_without_answer,
    revisit_aggregates,
    spot_check_aggregates,
    with_effective_revisit,
)
from wennuan.cases.models import Case, ResidentRating, Revisit, SpotCheck

from . import counters
from .levels import periods_of
from .models import CaseFact

PLACES = {
    "community": F("grid__community_id"),
    "street": F("grid__community__street_id"),
    "district": F("grid__community__street__district_id"),
    "grid_city": F("grid__community__street__district__city_id"),
    "company_city": F("company__city_id"),
    "estate": Coalesce("building__estate_id", "household__unit__building__estate_id"),
}
DIMS = ("city", "district", "street", "community", "grid", "company", "station", "estate")
_OPEN = {str(s) for s in OPEN_STATES}


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _seconds(duration) -> int:
    if duration is None:
        return 0
    if isinstance(duration, (int, float)):  # some backends hand back microseconds
        duration = timedelta(microseconds=duration)
    return round(duration.total_seconds())


def case_rows(cases, *, now):
    """Per case: its places and every case count (cases.kpis' aggregates grouped by case)."""
    return (
        with_effective_revisit(cases)
        .values(
            "id",
            "category",
            "received_at",
            "resolved_at",
            "closed_at",
            "state",
            "escalation_level",
            "overdue_since",
            "grid_id",
            "company_id",
            "station_id",
            **PLACES,
        )  # fmt: skip
        .annotate(**case_aggregates(now))
        .order_by()
    )


def revisit_rows(revisits):
    return revisits.values("case_id").annotate(**revisit_aggregates()).order_by()


def rating_rows(ratings):
    """A resident's own rating stands in for the revisit's answer where no revisit got one (cases.kpis)."""
    return ratings_without_answer(ratings).values("case_id").annotate(**rating_aggregates()).order_by()


def spot_check_rows(checks):
    return checks.values("case_id").annotate(**spot_check_aggregates()).order_by()


def facts_for(case_ids, *, now) -> dict[int, CaseFact]:
    """The fact of each case in ``case_ids`` as it is now (four queries); a missing id has none."""
    case_ids = list(case_ids)
    rows = case_rows(Case.objects.filter(pk__in=case_ids), now=now)
    revisits = {r["case_id"]: r for r in revisit_rows(Revisit.objects.filter(case_id__in=case_ids))}
    ratings = {r["case_id"]: r for r in rating_rows(ResidentRating.objects.filter(case_id__in=case_ids))}
    checks = {r["case_id"]: r for r in spot_check_rows(SpotCheck.objects.filter(case_id__in=case_ids))}
    out = {}
    for row in rows:
        received, resolved, closed = (
            _day(row["received_at"]),
            _day(row["resolved_at"]),
            _day(row["closed_at"]),
        )
        fact = CaseFact(
            case_id=row["id"],
            city=row["company_city"] or row["grid_city"] or 0,
            district=row["district"] or 0,
            street=row["street"] or 0,
            community=row["community"] or 0,
            grid=row["grid_id"] or 0,
            company=row["company_id"] or 0,
            station=row["station_id"] or 0,
            estate=row["estate"] or 0,
            category=row["category"],
            received_on=received,
        )
        for name, day in (("received", received), ("resolved", resolved), ("closed", closed)):
            p = periods_of(day) if day else {"d": None, "w": None, "m": None}
            setattr(fact, f"{name}_on", p["d"])
            setattr(fact, f"{name}_week", p["w"])
            setattr(fact, f"{name}_month", p["m"])
        for name in counters.CASE_COUNTS:
            setattr(fact, name, row[name] or 0)
        fact.handling_seconds = _seconds(row["avg_handling"])
        for name in counters.REVISIT_COUNTS:
            from_revisits = revisits.get(row["id"], {}).get(name) or 0
            setattr(fact, name, from_revisits + (ratings.get(row["id"], {}).get(name) or 0))
        for name in counters.SPOT_CHECK_COUNTS:
            setattr(fact, name, checks.get(row["id"], {}).get(name) or 0)
        is_open = row["state"] in _OPEN
        fact.open_now = int(is_open)
        fact.overdue_open_now = int(is_open and row["overdue_since"] is not None)
        fact.escalated_open_now = int(is_open and row["escalation_level"] > 0)
        fact.resolved_on_day = int(resolved is not None)
        fact.closed_on_day = int(closed is not None)
        out[row["id"]] = fact
    return out


def signature(fact: CaseFact) -> tuple:
    """Everything of a fact that a tally depends on (two equal signatures add the same to every tally)."""
    return (
        *(getattr(fact, d) for d in DIMS),
        fact.category,
        fact.received_on,
        fact.resolved_on,
        fact.closed_on,
        *(getattr(fact, c) for c in counters.ALL),
    )
