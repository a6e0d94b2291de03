"""The KPI page's daily trend: per local day of the period, complaints received and cases resolved (办结)
among the cases the user may see, and the share of those resolved that day that were on time."""

from datetime import date, datetime, timedelta

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .kpis import cases_in_range
from .models import Case

MAX_DAYS = 92  # a chart of days stays readable for a quarter; a longer period shows its last 92 days


def daily_trend(*, user, start: datetime, end: datetime) -> list[dict]:
    """[{"day": date, "received": n, "resolved": n, "on_time_rate": 0..1 | None}] for every day in
    [start, end) up to today, at most the last ``MAX_DAYS``, days without cases included (a chart's gaps
    are days, not missing points)."""
    zone = timezone.get_current_timezone()
    today_end = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=1), datetime.min.time())
    )
    end = min(end, today_end)
    start = max(start, end - timedelta(days=MAX_DAYS))
    if start >= end:
        return []
    received = dict(
        cases_in_range(user=user, start=start, end=end)
        .annotate(day=TruncDate("received_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
        .order_by()
    )
    resolved_rows = (
        Case.objects.visible_to(user)
        .filter(resolved_at__gte=start, resolved_at__lt=end)
        .annotate(day=TruncDate("resolved_at", tzinfo=zone))
        .values("day")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(resolved_at__lte=F("resolve_due"))))
        .order_by()
    )
    resolved = {r["day"]: r for r in resolved_rows}
    first, last = timezone.localtime(start).date(), timezone.localtime(end - timedelta(microseconds=1)).date()
    out = []
    day: date = first
    while day <= last:
        r = resolved.get(day, {})
        n = r.get("n", 0)
        out.append(
            {
                "day": day,
                "received": received.get(day, 0),
                "resolved": n,
                "on_time_rate": round(r["on_time"] / n, 4) if n else None,
            }
        )
        day += timedelta(days=1)
    return out
