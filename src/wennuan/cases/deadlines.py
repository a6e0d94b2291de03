"""Deadlines: a case's city's rules for a moment (read through rules.selectors), and the arithmetic of hours
and working days."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wennuan.core.categories import HEATING_CATEGORIES, MEASUREMENT_CATEGORIES
from wennuan.rules import selectors as rules
from wennuan.rules.models import CaseRules, TimeLimit


def city_of(case) -> int | None:
    """The city whose rules a case (or an unsaved one, or a routing result) runs by: its company's, else
    its grid's; None when it has neither (then the only city's, see rules.selectors)."""
    return rules.city_id_for(company_id=case.company_id, grid_id=case.grid_id)


def rules_on(at: datetime | None = None, *, city) -> CaseRules:
    """The city's CaseRules row in force at ``at`` (default now); the newest when several overlap."""
    return rules.case_rules(city=city, at=at or timezone.now())


def time_limit_for(*, city, category: str, priority: str, at: datetime | None = None) -> TimeLimit:
    """The city's TimeLimit row for a case: a category-specific row first, else the priority's row."""
    return rules.time_limit(city=city, category=category, priority=priority, at=at or timezone.now())


def add_hours(start: datetime, hours: Decimal | float | None) -> datetime | None:
    if hours is None:
        return None
    return start + timedelta(seconds=float(hours) * 3600)


def is_working_day(day: date, exceptions: dict[date, bool] | None = None) -> bool:
    if exceptions is not None and day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: datetime, days: int, *, city) -> datetime:
    """The same local clock time ``days`` working days later (Mon–Fri, with the city's CalendarDay exceptions).

    A case received on a Friday afternoon with 5 working days is due the next Friday afternoon; one received
    on a Saturday counts from Monday, due the Friday at the same clock time."""
    local = timezone.localtime(start)
    exceptions = rules.working_calendar(city=city)
    day = local.date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, exceptions):
            remaining -= 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def resolve_due(*, city, category: str, priority: str, start: datetime) -> datetime:
    limit = time_limit_for(city=city, category=category, priority=priority, at=start)
    if limit.resolve_working_days:
        return add_working_days(start, limit.resolve_working_days, city=city)
    return add_hours(start, limit.resolve_hours)


def accept_and_return_due(
    *, city, category: str, priority: str, start: datetime
) -> tuple[datetime, datetime]:
    limit = time_limit_for(city=city, category=category, priority=priority, at=start)
    return add_hours(start, limit.accept_hours), add_working_days(start, limit.return_working_days, city=city)


def contact_and_onsite_due(
    *, city, category: str, priority: str, start: datetime
) -> tuple[datetime, datetime | None]:
    """The contact and on-site deadlines of a case dispatched at ``start`` (the unit's clocks run from
    派单). Contact is always due; on site when the limit says so (always, or for heating categories), and
    for a measurement request within the city's measurement clock (CaseRules.measurement_hours)."""
    limit = time_limit_for(city=city, category=category, priority=priority, at=start)
    onsite = None
    if category in MEASUREMENT_CATEGORIES:
        onsite = add_hours(start, rules_on(start, city=city).measurement_hours)
    elif limit.onsite_hours is not None and (limit.onsite_always or category in HEATING_CATEGORIES):
        onsite = add_hours(start, limit.onsite_hours)
    return add_hours(start, limit.contact_hours), onsite


def extended_resolve_due(*, case, at: datetime) -> datetime:
    """The resolve deadline after the one extension the case's limit allows (normal: 5 more working days,
    10 in all). Raises LookupError when the limit allows none."""
    city = city_of(case)
    limit = time_limit_for(city=city, category=case.category, priority=case.priority, at=case.received_at)
    if not limit.resolve_extension_working_days:
        raise LookupError("该优先级的诉求不能延期")
    return add_working_days(case.resolve_due or at, limit.resolve_extension_working_days, city=city)
