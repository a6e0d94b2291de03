"""Reads of the outages app. Lists start from ``Outage.objects.visible_to(user)``; the refund intervals
(``outage_intervals``) are read for a household the caller already holds from a scoped selector."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from wennuan.cases.models import Case
from wennuan.core.errors import NotInScope
from wennuan.core.selectors import one_or_none
from wennuan.registry.models import Household

from . import rules
from .enums import COMPANY_LIABLE, OutageState
from .models import Outage, OutageHousehold

DAY = timedelta(hours=24)


@dataclass(frozen=True)
class OutageInterval:
    """A continuous company-caused stoppage of one household's heat, clipped to the window asked for.

    ``continuous_hours`` is the whole stoppage (overlapping or touching outages merged) before clipping:
    what the city's "over 24 h" rule was judged on. ``days`` counts whole 24-hour units of the clipped
    interval, the days refunded at 100%."""

    start: datetime
    end: datetime
    outage_ids: tuple[int, ...]
    continuous_hours: float
    ongoing: bool  # not restored yet: ``end`` is the time of the read (or the window's end)

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def days(self) -> int:
        return int((self.end - self.start) // DAY)


def outage_intervals(
    *, household, start: datetime, end: datetime, company_caused_only: bool = True
) -> list[OutageInterval]:
    """The refundable outage intervals of ``household`` within [start, end), oldest first.

    Refundable: the company answers for the stoppage (``enums.COMPANY_LIABLE``; with
    ``company_caused_only=False`` every liability) and it lasted, continuously, longer than the city's
    ``OutageRule`` in force on its first day (default 24 h). Overlapping outages count once."""
    pk = household if isinstance(household, int) else household.pk
    found = outage_intervals_by_household(
        households=[pk], start=start, end=end, company_caused_only=company_caused_only
    )
    return found.get(pk, [])


def outage_intervals_by_household(
    *, households, start: datetime, end: datetime, company_caused_only: bool = True
) -> dict[int, list[OutageInterval]]:
    """``outage_intervals`` for many households in one query (a company's refund ledger):
    ``households`` is a queryset of households, households or ids. Households without any are absent."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be timezone-aware")
    if end <= start:
        return {}
    now = timezone.now()
    links = OutageHousehold.objects.filter(
        Q(outage__actual_restore__isnull=True) | Q(outage__actual_restore__gt=start),
        outage__start__lt=min(end, now),
    )
    if isinstance(households, QuerySet):
        links = links.filter(household_id__in=households.order_by().values("pk"))
    else:
        links = links.filter(household_id__in=[h if isinstance(h, int) else h.pk for h in households])
    if company_caused_only:
        links = links.filter(outage__liability__in=COMPANY_LIABLE)
    rows = links.order_by().values_list(
        "household_id", "outage_id", "outage__start", "outage__actual_restore", "outage__company__city_id"
    )
    spans: dict[int, list[tuple[datetime, datetime, int, int]]] = defaultdict(list)
    for household_id, outage_id, o_start, o_restore, city_id in rows:
        spans[household_id].append((o_start, o_restore or now, outage_id, city_id))
    if not spans:
        return {}
    threshold = rules.refund_thresholds(city_ids={item[3] for items in spans.values() for item in items})

    out: dict[int, list[OutageInterval]] = {}
    for household_id, items in spans.items():
        found = []
        for m_start, m_end, ids, city_id in _merge(sorted(items)):
            hours = (m_end - m_start).total_seconds() / 3600
            if hours <= threshold(city_id, timezone.localdate(m_start)):
                continue
            c_start, c_end = max(m_start, start), min(m_end, end)
            if c_end > c_start:
                ongoing = m_end == now
                found.append(OutageInterval(c_start, c_end, tuple(ids), hours, ongoing))
        if found:
            out[household_id] = found
    return out


def _merge(items):
    """Merge (start, end, outage_id, city_id) spans sorted by start that overlap or touch."""
    merged: list[list] = []
    for s, e, outage_id, city_id in items:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2].append(outage_id)
        else:
            merged.append([s, e, [outage_id], city_id])
    return merged


@dataclass(frozen=True)
class OutageRefund:
    """What an outage adds to its households' refunds, explained in Chinese."""

    hours: float
    threshold_hours: int
    company_liable: bool
    liability_label: str

    @property
    def refundable(self) -> bool:
        return self.company_liable and self.hours > self.threshold_hours

    @property
    def days(self) -> int:
        return int(self.hours // 24) if self.refundable else 0

    @property
    def explanation(self) -> str:
        h = f"{self.hours:.1f}".rstrip("0").rstrip(".")
        if not self.company_liable:
            return f"连续停热{h}小时；责任方为{self.liability_label}，不计入退费"
        if not self.refundable:
            return f"连续停热{h}小时，未超过{self.threshold_hours}小时，不计入退费"
        return f"连续停热{h}小时，超过{self.threshold_hours}小时，按整24小时计{self.days}天，按100%退费"


def outage_refund(outage: Outage, *, now=None) -> OutageRefund:
    """The refund this outage alone earns each of its households (so far, while it lasts)."""
    return OutageRefund(
        hours=outage.hours(now),
        threshold_hours=rules.refund_after_hours(
            city_id=outage.company.city_id, on=timezone.localdate(outage.start)
        ),
        company_liable=outage.liability in COMPANY_LIABLE,
        liability_label=outage.get_liability_display(),
    )


def outages(*, user, state: str = "") -> QuerySet:
    """The outages ``user`` may see, newest first; ``state`` one of ``OutageState`` narrows them."""
    rows = Outage.objects.visible_to(user).select_related("company", "station")
    now = timezone.now()
    if state == OutageState.PLANNED:
        rows = rows.filter(actual_restore__isnull=True, start__gt=now)
    elif state == OutageState.ONGOING:
        rows = rows.filter(actual_restore__isnull=True, start__lte=now)
    elif state == OutageState.RESTORED:
        rows = rows.filter(actual_restore__isnull=False)
    return rows


def outage_for(*, user, pk: int) -> Outage:
    """One outage in ``user``'s scope, or ``NotInScope``."""
    found = one_or_none(
        Outage.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("company", "station", "recorded_by", "restored_by")
    )
    if found is None:
        raise NotInScope("没有这个停热事件，或不在您的范围内")
    return found


def affected_households(*, outage: Outage, user) -> QuerySet:
    """The outage's households that ``user`` may see, in address order."""
    return (
        Household.objects.visible_to(user)
        .filter(outage_links__outage=outage)
        .select_related("unit__building__estate", "grid__community", "station")
        .order_by("unit__building__estate__name", "unit__building_id", "unit_id", "room", "id")
    )


def suspected_cases(*, outage: Outage, user) -> QuerySet:
    """The mass complaints the intake flagged as a suspected outage (``Case.suspected_outage``) in the
    outage's area and time: from its households, from its buildings (building-level cases) or, for a
    station-wide outage, from its station; received between its start and its restore (or now)."""
    end = outage.actual_restore or timezone.now()
    hit = OutageHousehold.objects.filter(outage=outage)
    where = Q(household_id__in=hit.values("household_id")) | Q(
        household__isnull=True, building_id__in=hit.values("household__unit__building_id")
    )
    if outage.station_id:
        where |= Q(station_id=outage.station_id)
    return (
        Case.objects.visible_to(user)
        .filter(where, suspected_outage=True, received_at__gte=outage.start, received_at__lte=end)
        .select_related("household__unit__building__estate", "building__estate")
        .order_by("received_at", "id")
    )


def recordable_stations(*, user) -> QuerySet:
    """Stations ``user`` may record a station-wide outage for: a dispatcher's company's, all for the city."""
    from wennuan.registry.models import Station

    rows = Station.objects.select_related("company").order_by("company__name", "name")
    if getattr(user, "is_supervisor", False):
        return rows
    company_id = getattr(user, "company_id", None)
    return rows.filter(company_id=company_id) if company_id else rows.none()


def involved_people(outage: Outage) -> QuerySet:
    """The grid workers and community staff over the outage's households (active users only)."""
    from wennuan.accounts.models import User
    from wennuan.core.roles import Role

    hit = OutageHousehold.objects.filter(outage=outage)
    return User.objects.filter(
        Q(role=Role.GRID_WORKER, grid_id__in=hit.values("household__grid_id"))
        | Q(role=Role.COMMUNITY_STAFF, community_id__in=hit.values("household__grid__community_id")),
        is_active=True,
    )
