"""Deadlines: the city's rules for a moment, and the arithmetic of hours and working days."""

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from wennuan.core.categories import HEATING_CATEGORIES, MEASUREMENT_CATEGORIES

from . import rulebook
from .models import CaseRules, TimeLimit

log = logging.getLogger(__name__)


def _fallback_rules() -> CaseRules:
    """domain.md's defaults (cases.defaults), unsaved: used when no row is in force, so a complaint is
    never refused because an admin removed the configuration; the gap is logged."""
    from .defaults import DEFAULT_RULES, SINCE

    log.warning("no CaseRules row in force; using domain.md defaults")
    return CaseRules(effective_from=SINCE, outage_min_cases=3, outage_window_minutes=60, **DEFAULT_RULES)


def _fallback_limit(priority: str) -> TimeLimit:
    from .defaults import DEFAULT_LIMITS, SINCE

    log.warning("no TimeLimit row in force for %s; using domain.md defaults", priority)
    accept, contact, onsite, always, hours, days, extension = DEFAULT_LIMITS[priority]
    return TimeLimit(
        priority=priority, category="", accept_hours=Decimal(accept), contact_hours=Decimal(contact),
        onsite_hours=Decimal(onsite), onsite_always=always, resolve_hours=Decimal(hours) if hours else None,
        resolve_working_days=days, return_working_days=2, resolve_extension_working_days=extension,
        effective_from=SINCE,
    )  # fmt: skip


def _local_date(at: datetime) -> date:
    return timezone.localtime(at).date()


def rules_on(at: datetime | None = None) -> CaseRules:
    """The CaseRules row in force at ``at`` (default now); the newest when several overlap."""
    rows = rulebook.effective(rulebook.current().rules, _local_date(at or timezone.now()))
    return rows[0] if rows else _fallback_rules()


def time_limit_for(*, category: str, priority: str, at: datetime | None = None) -> TimeLimit:
    """The TimeLimit row for a case: a category-specific row first, else the priority's row; the newest
    in force when several are."""
    rows = [
        r
        for r in rulebook.effective(rulebook.current().limits, _local_date(at or timezone.now()))
        if r.priority == priority and r.category in (category, "")
    ]
    # Rows come newest first; a stable sort puts the category's own rows before the priority-wide ones.
    rows.sort(key=lambda r: r.category == "")
    return rows[0] if rows else _fallback_limit(priority)


def add_hours(start: datetime, hours: Decimal | float | None) -> datetime | None:
    if hours is None:
        return None
    return start + timedelta(seconds=float(hours) * 3600)


def is_working_day(day: date, exceptions: dict[date, bool] | None = None) -> bool:
    if exceptions is not None and day in exceptions:
        return exceptions[day]
    return day.weekday() < 5


def add_working_days(start: datetime, days: int) -> datetime:
    """The same local clock time ``days`` working days later (Mon–Fri, with CalendarDay exceptions).

    A case received on a Friday afternoon with 5 working days is due the next Friday afternoon; one received
    on a Saturday counts from Monday, due the Friday at the same clock time."""
    local = timezone.localtime(start)
    exceptions = rulebook.current().calendar
    day = local.date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, exceptions):
            remaining -= 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def resolve_due(*, category: str, priority: str, start: datetime) -> datetime:
    limit = time_limit_for(category=category, priority=priority, at=start)
    if limit.resolve_working_days:
        return add_working_days(start, limit.resolve_working_days)
    return add_hours(start, limit.resolve_hours)


def accept_and_return_due(*, category: str, priority: str, start: datetime) -> tuple[datetime, datetime]:
    limit = time_limit_for(category=category, priority=priority, at=start)
    return add_hours(start, limit.accept_hours), add_working_days(start, limit.return_working_days)


def contact_and_onsite_due(
    *, category: str, priority: str, start: datetime
) -> tuple[datetime, datetime | None]:
    """The contact and on-site deadlines of a case dispatched at ``start`` (the unit's clocks run from
    派单). Contact is always due; on site when the limit says so (always, or for heating categories), and
    for a measurement request within the city's measurement clock (CaseRules.measurement_hours)."""
    limit = time_limit_for(category=category, priority=priority, at=start)
    onsite = None
    if category in MEASUREMENT_CATEGORIES:
        onsite = add_hours(start, rules_on(start).measurement_hours)
    elif limit.onsite_hours is not None and (limit.onsite_always or category in HEATING_CATEGORIES):
        onsite = add_hours(start, limit.onsite_hours)
    return add_hours(start, limit.contact_hours), onsite


def extended_resolve_due(*, case, at: datetime) -> datetime:
    """The resolve deadline after the one extension the case's limit allows (normal: 5 more working days,
    10 in all). Raises LookupError when the limit allows none."""
    limit = time_limit_for(category=case.category, priority=case.priority, at=case.received_at)
    if not limit.resolve_extension_working_days:
        raise LookupError("该优先级的诉求不能延期")
    return add_working_days(case.resolve_due or at, limit.resolve_extension_working_days)
