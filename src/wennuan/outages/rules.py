"""The one read of a city's outage refund rule; domain.md's default when no row is in force."""

from datetime import date

from django.db.models import Q

from .models import OutageRule

# domain.md, Refunds: "company-caused stoppage over 24 h continuous refunds those days in full".
DEFAULT_REFUND_AFTER_HOURS = 24


def refund_after_hours(*, city_id: int, on: date) -> int:
    """Hours a company-caused stoppage must exceed (continuously) before its days are refunded."""
    row = (
        OutageRule.objects.filter(city_id=city_id, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .values_list("refund_after_hours", flat=True)
        .first()
    )
    return row if row is not None else DEFAULT_REFUND_AFTER_HOURS
