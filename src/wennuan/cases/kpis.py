"""KPIs (domain.md, KPIs) per company, station, street or district over a date range: DB aggregates only.

A case counts in the range when it was received in it. Each KPI is a numerator over a denominator, both
returned, so the page, the API and the export show the same numbers and anyone can check a rate."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from wennuan.core.scope import ScopeKind
from wennuan.registry.regions import region_id, region_name

from .enums import ANSWERED, RootCause, Satisfaction
from .models import Case, ResidentRating, Revisit, SpotCheck

GROUPS = {
    "company": ("company_id", "company__name"),
    "station": ("station_id", "station__name"),
    "street": (region_id(ScopeKind.STREET), region_name(ScopeKind.STREET)),
    "district": (region_id(ScopeKind.DISTRICT), region_name(ScopeKind.DISTRICT)),
    # Sites (the hotspots of the summer repair ledger): the building a case is routed to, and its estate.
    "estate": ("building__estate_id", "building__estate__name"),
    "building": ("building_id", "building__label"),
}
GROUP_LABELS = {
    "company": "供热企业",
    "station": "换热站",
    "street": "街道",
    "district": "区县",
    "estate": "小区",
    "building": "楼栋",
}


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    numerator: str
    denominator: str


RATES = [
    Kpi("on_time_rate", "按时办结率", "resolved_on_time", "due"),
    Kpi("completion_rate", "办结率", "resolved", "received"),
    Kpi("satisfaction_rate", "满意率", "satisfied", "answered"),
    Kpi("effective_revisit_rate", "有效回访率", "effectively_revisited", "ever_resolved"),
    Kpi("repeat_rate", "重复投诉率", "repeats", "received"),
    Kpi("return_rate", "退回率", "returned", "dispatched"),
    Kpi("overdue_rate", "超时率", "overdue", "received"),
    Kpi("on_time_accept_rate", "按时签收率", "accepted_on_time", "dispatched"),
    Kpi("redo_rate", "重办率", "reopened", "ever_resolved"),
    Kpi("spot_check_fail_rate", "抽核不合格率", "spot_checks_failed", "spot_checks_done"),
    Kpi("on_time_feedback_rate", "按时反馈率", "contacted_on_time", "dispatched"),
]
COUNTS = {
    "received": "受理量",
    "dispatched": "派单量",
    "resolved": "办结量",
    "due": "应办结量",
    "overdue": "超时量",
    "repeats": "重复投诉",
    "fake_closure_suspects": "疑似假办结",
    "valid_complaints": "有效投诉",
    "direct_answered": "直接答复",
}


def _rate(num, den):
    return round(num / den, 4) if den else None


def case_aggregates(now) -> dict:
    """Each case count as a DB aggregate: the one place these formulas are written. supervision's summary
    tables apply them per case (grouped by case id) and add the rows up, so a summary equals this table."""
    handling = ExpressionWrapper(F("resolved_at") - F("received_at"), output_field=DurationField())
    resolved = Q(resolved_at__isnull=False)
    return {
        "received": Count("id"),
        "resolved": Count("id", filter=resolved),
        "avg_handling": Avg(handling, filter=resolved),
        "due": Count("id", filter=resolved | Q(resolve_due__lte=now)),
        "resolved_on_time": Count("id", filter=resolved & Q(resolved_at__lte=F("resolve_due"))),
        "dispatched": Count("id", filter=Q(dispatched_at__isnull=False)),
        "returned": Count("id", filter=Q(return_count__gte=1)),
        "overdue": Count("id", filter=Q(is_overdue=True)),
        "accepted_on_time": Count("id", filter=Q(accepted_on_time=True)),
        # 按时反馈: the unit reached the resident within the contact limit (domain.md: contact resident).
        "contacted_on_time": Count(
            "id",
            filter=Q(
                contacted_at__isnull=False, contact_due__isnull=False, contacted_at__lte=F("contact_due")
            ),
        ),
        # 有效投诉: a complaint that is neither a repeat nor found to be the resident's own doing.
        "valid_complaints": Count("id", filter=Q(repeat_of__isnull=True) & ~Q(root_cause=RootCause.RESIDENT)),
        # a 直接答复 was answered with the resident on the call: no unit resolved it, no revisit is owed
        "ever_resolved": Count("id", filter=Q(first_resolved_at__isnull=False, answered_from="")),
        "direct_answered": Count("id", filter=~Q(answered_from="")),
        "reopened": Count("id", filter=Q(reopen_count__gte=1)),
        "repeats": Count("id", filter=Q(repeat_of__isnull=False)),
        "effectively_revisited": Count("id", filter=Q(has_effective_revisit=True)),
        "fake_closure_suspects": Count("id", filter=Q(suspected_fake_closure=True)),
    }


def with_effective_revisit(cases):
    """``cases`` annotated with ``has_effective_revisit`` (an effective 回访 exists), which
    ``case_aggregates``' ``effectively_revisited`` counts."""
    effective = Revisit.objects.filter(case=OuterRef("pk"), effective=True)
    return cases.annotate(has_effective_revisit=Exists(effective))


_PLEASED = Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASICALLY])


def revisit_aggregates() -> dict:
    """Over revisits (满意率 counts answers, not cases)."""
    return {
        "answered": Count("id", filter=~Q(satisfaction=Satisfaction.UNREACHABLE)),
        "satisfied": Count("id", filter=_PLEASED),
    }


def rating_aggregates() -> dict:
    """Over residents' ratings that stand in for a revisit's answer (``ratings_without_answer``)."""
    return {"answered": Count("id"), "satisfied": Count("id", filter=_PLEASED)}


def spot_check_aggregates() -> dict:
    return {
        "spot_checks_done": Count("id", filter=Q(checked_at__isnull=False)),
        "spot_checks_failed": Count("id", filter=Q(passed=False)),
    }


def in_city(city_id: int, *, via: str = "") -> Q:
    """Cases of a city: by their company's city, else (unrouted to a company) by their grid's."""
    p = f"{via}__" if via else ""
    return Q(**{f"{p}company__city_id": city_id}) | Q(
        **{f"{p}company__isnull": True, f"{p}{region_id(ScopeKind.CITY)}": city_id}
    )


def cases_in_range(*, user, start: datetime, end: datetime, city: int | None = None):
    """Cases the user may see, received in [start, end) (of one city, given ``city``'s id)."""
    rows = Case.objects.visible_to(user).filter(received_at__gte=start, received_at__lt=end)
    return rows.filter(in_city(city)) if city is not None else rows


def kpi_table(
    *, user, start: datetime, end: datetime, group: str = "company", now=None, city: int | None = None
) -> dict:
    """{"rows": [...], "total": {...}}: each row has the group's id and name, every count and every rate.
    ``city``: only that city's cases (a city's daily report on a province's deployment).

    Rows are ranked by on-time rate, then satisfaction (best first; groups with no data last)."""
    if group not in GROUPS:
        raise ValueError(f"unknown group {group}")
    now = now or timezone.now()
    key, name = GROUPS[group]
    cases = with_effective_revisit(cases_in_range(user=user, start=start, end=end, city=city))
    aggregates = case_aggregates(now)
    grouped = {
        row["group_id"]: row
        for row in cases.values(group_id=F(key), group_name=F(name)).annotate(**aggregates).order_by()
    }
    total = cases.aggregate(**aggregates)

    revisits = Revisit.objects.visible_to(user).filter(
        case__received_at__gte=start, case__received_at__lt=end
    )
    if city is not None:
        revisits = revisits.filter(in_city(city, via="case"))
    rev_aggs = revisit_aggregates()
    for row in revisits.values(group_id=F(f"case__{key}")).annotate(**rev_aggs).order_by():
        grouped.setdefault(row["group_id"], {"group_id": row["group_id"]}).update(row)
    total.update(revisits.aggregate(**rev_aggs))
    # The resident's own rating (self-service page) stands in for the revisit's answer where no revisit got
    # one: added to the same numerator and denominator, never counted twice for one case.
    ratings = resident_ratings_without_answer(user=user, start=start, end=end)
    if city is not None:
        ratings = ratings.filter(in_city(city, via="case"))
    rating_aggs = rating_aggregates()
    for row in ratings.values(group_id=F(f"case__{key}")).annotate(**rating_aggs).order_by():
        _add(grouped.setdefault(row["group_id"], {"group_id": row["group_id"]}), row, rating_aggs)
    _add(total, ratings.aggregate(**rating_aggs), rating_aggs)

    checks = SpotCheck.objects.visible_to(user).filter(
        case__received_at__gte=start, case__received_at__lt=end
    )
    if city is not None:
        checks = checks.filter(in_city(city, via="case"))
    check_aggs = spot_check_aggregates()
    for row in checks.values(group_id=F(f"case__{key}")).annotate(**check_aggs).order_by():
        grouped.setdefault(row["group_id"], {"group_id": row["group_id"]}).update(row)
    total.update(checks.aggregate(**check_aggs))

    rows = [_finish(row) for row in grouped.values()]
    rows.sort(
        key=lambda r: (r["on_time_rate"] is None, -(r["on_time_rate"] or 0), -(r["satisfaction_rate"] or 0))
    )
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return {"group": group, "start": start, "end": end, "rows": rows, "total": _finish(total)}


def resident_ratings_without_answer(*, user, start: datetime, end: datetime):
    """Residents' ratings of the user's visible cases received in [start, end) whose case has no revisit
    with an answer (satisfied, basically, unsatisfied): those count in 满意率 as the revisit's answer."""
    return ratings_without_answer(
        ResidentRating.objects.visible_to(user).filter(
            case__received_at__gte=start, case__received_at__lt=end
        )
    )


def ratings_without_answer(ratings):
    """``ratings`` whose case has no revisit with an answer (satisfied, basically, unsatisfied)."""
    answered_revisit = Revisit.objects.filter(case=OuterRef("case"), satisfaction__in=ANSWERED)
    return ratings.exclude(Exists(answered_revisit))


def _add(target: dict, row: dict, keys) -> None:
    for k in keys:
        target[k] = (target.get(k) or 0) + (row.get(k) or 0)


def _finish(row: dict) -> dict:
    """Fill missing counts with 0, turn the mean duration into hours, add every rate."""
    out = dict(row)
    out.setdefault("group_id", None)
    out.setdefault("group_name", None)
    for kpi in RATES:
        out[kpi.numerator] = out.get(kpi.numerator) or 0
        out[kpi.denominator] = out.get(kpi.denominator) or 0
    for count in COUNTS:
        out[count] = out.get(count) or 0
    avg = out.pop("avg_handling", None)
    if isinstance(avg, (int, float)):  # some backends hand back microseconds
        avg = timedelta(microseconds=avg)
    out["avg_handling_hours"] = round(avg.total_seconds() / 3600, 2) if avg is not None else None
    for kpi in RATES:
        out[kpi.key] = _rate(out[kpi.numerator], out[kpi.denominator])
    return out
