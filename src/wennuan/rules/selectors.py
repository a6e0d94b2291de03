"""The one read path for a city's rules.

``city`` is a City, its id, or None ("the city" of a one-city deployment; with several, domain.md's
defaults). ``on``/``at`` is a date or a moment (read as its local date), default today. The case rules and
the standards come from the in-memory ``rulebook`` (no query once read); seasons from the table."""

import logging
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from wennuan.core.scope import ScopeKind
from wennuan.registry.regions import region_id

from . import defaults, rulebook
from .enums import RoomType
from .models import CaseRules, Season, TimeLimit

log = logging.getLogger(__name__)


def _day(on: date | datetime | None) -> date:
    if on is None:
        return timezone.localdate()
    if isinstance(on, datetime):
        return timezone.localdate(on)
    return on


def _city_id(city) -> int | None:
    return city if city is None or isinstance(city, int) else city.pk


def _of(city) -> rulebook.CityRules:
    return rulebook.current().of(_city_id(city))


def indoor_standard(*, city, on: date | datetime | None = None, room_type: str = RoomType.MAIN) -> Decimal:
    """The lowest indoor °C for ``room_type`` in ``city`` on ``on``.

    The newest row in force wins; a room type without a row takes the bedrooms' and living rooms' standard;
    with no row at all, domain.md's 18 °C (logged), so a reading is never judged against nothing."""
    day = _day(on)
    rows = rulebook.effective(_of(city).standards, day)
    for wanted in (room_type, RoomType.MAIN):
        for row in rows:
            if row.room_type == wanted:
                return row.celsius
    log.warning("no indoor standard in force for city %s on %s; using domain.md's default", city, day)
    return defaults.INDOOR_STANDARD


def indoor_standards(*, city, on: date | datetime | None = None) -> dict[str, Decimal]:
    """Every room type's standard on ``on``: {room type: °C} (for pages that show the whole rule)."""
    return {kind: indoor_standard(city=city, on=on, room_type=kind) for kind in RoomType.values}


def case_rules(*, city, at: date | datetime | None = None) -> CaseRules:
    """The city's CaseRules row in force at ``at``; the newest when several are. With none in force,
    domain.md's defaults (unsaved, logged): a complaint is never refused because a row was removed."""
    rows = rulebook.effective(_of(city).rules, _day(at))
    if rows:
        return rows[0]
    log.warning("no CaseRules row in force for city %s; using domain.md defaults", city)
    return CaseRules(city_id=_city_id(city), effective_from=defaults.SINCE, **defaults.CASE_RULES)


def time_limit(*, city, category: str, priority: str, at: date | datetime | None = None) -> TimeLimit:
    """The city's TimeLimit row for a case: a category-specific row first, else the priority's row; the
    newest in force when several are; domain.md's defaults (unsaved, logged) when none is."""
    rows = [
        r
        for r in rulebook.effective(_of(city).limits, _day(at))
        if r.priority == priority and r.category in (category, "")
    ]
    # Rows come newest first; a stable sort puts the category's own rows before the priority-wide ones.
    rows.sort(key=lambda r: r.category == "")
    if rows:
        return rows[0]
    log.warning("no TimeLimit row in force for city %s, %s; using domain.md defaults", city, priority)
    return TimeLimit(city_id=_city_id(city), **defaults.time_limit_fields(priority))


def cities_with_rules() -> list[int]:
    """The ids of the cities that have rules of their own (from the in-memory rulebook, no query)."""
    return sorted(rulebook.current().cities)


def working_calendar(*, city) -> dict[date, bool]:
    """The city's exceptions to Monday–Friday: {date: is a working day}. Read it, never change it."""
    return _of(city).calendar


def season_on(*, city, on: date | datetime | None = None) -> Season | None:
    """The city's season heating on ``on`` (early start and extension included), or None out of season."""
    return Season.objects.filter(city_id=_city_id(city)).covering(_day(on)).order_by("-starts_on").first()


def seasons(*, city):
    """The city's seasons, newest first."""
    return Season.objects.filter(city_id=_city_id(city)).order_by("-starts_on")


def current_or_next_season(*, city, on: date | datetime | None = None) -> Season | None:
    """The season heating on ``on``, else the next one to start, else the last one that ended."""
    day = _day(on)
    found = season_on(city=city, on=day)
    if found is not None:
        return found
    upcoming = seasons(city=city).filter(starts_on__gt=day).order_by("starts_on").first()
    return upcoming or seasons(city=city).filter(ends_on__lt=day).first()


def city_id_for(*, company_id: int | None = None, grid_id: int | None = None) -> int | None:
    """The city of a case or a task, from its company (else its grid); None when it has neither."""
    from wennuan.registry.models import Company, Grid

    # Which city a company or a grid is in never changes, so the rulebook remembers it (one query per id).
    if company_id is not None:
        key, rows = ("company", company_id), Company.objects.filter(pk=company_id).values_list("city_id")
    elif grid_id is not None:
        key = ("grid", grid_id)
        rows = Grid.objects.filter(pk=grid_id).values_list(region_id(ScopeKind.CITY, via=""))
    else:
        return None
    if key not in rulebook.places:
        found = rows.first()
        if found is None:
            return None
        rulebook.places[key] = found[0]
    return rulebook.places[key]
