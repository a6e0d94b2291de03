"""The one read of a city's outage refund rule; domain.md's default when no row is in force."""

from collections.abc import Callable, Iterable
from datetime import date

from .models import OutageRule

# domain.md, Refunds: "company-caused stoppage over 24 h continuous refunds those days in full".
DEFAULT_REFUND_AFTER_HOURS = 24


def refund_after_hours(*, city_id: int, on: date) -> int:
    """Hours a company-caused stoppage must exceed (continuously) before its days are refunded."""
    return refund_thresholds(city_ids=[city_id])(city_id, on)


def refund_thresholds(*, city_ids: Iterable[int]) -> Callable[[int, date], int]:
    """``refund_after_hours`` for many (city, day) pairs after one query: a ledger's outages start on many
    days. The newest row in force on the day wins."""
    rows = list(
        OutageRule.objects.filter(city_id__in=set(city_ids))
        .order_by("-effective_from", "-id")
        .values_list("city_id", "effective_from", "effective_to", "refund_after_hours")
    )

    def threshold(city_id: int, on: date) -> int:
        for city, since, until, hours in rows:
            if city == city_id and since <= on and (until is None or on <= until):
                return hours
        return DEFAULT_REFUND_AFTER_HOURS

    return threshold
