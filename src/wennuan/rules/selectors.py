"""The one read path for a city's rules. ``on`` is a date, or a moment (read as the local date)."""

import logging
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from . import defaults
from .enums import RoomType
from .models import IndoorStandard, Season

log = logging.getLogger(__name__)


def _day(on: date | datetime | None) -> date:
    if on is None:
        return timezone.localdate()
    if isinstance(on, datetime):
        return timezone.localdate(on)
    return on


def _city_id(city) -> int:
    return city if isinstance(city, int) else city.pk


def indoor_standard(*, city, on: date | datetime | None = None, room_type: str = RoomType.MAIN) -> Decimal:
    """The lowest indoor °C for ``room_type`` in ``city`` on ``on`` (default today).

    The newest row in force wins; a room type without a row takes the bedrooms' and living rooms' standard;
    with no row at all, domain.md's 18 °C (logged), so a reading is never judged against nothing."""
    day = _day(on)
    rows = (
        IndoorStandard.objects.filter(city_id=_city_id(city), room_type__in={room_type, RoomType.MAIN})
        .effective_on(day)
        .order_by("-effective_from", "-id")
        .values_list("room_type", "celsius")
    )
    by_type: dict[str, Decimal] = {}
    for kind, celsius in rows:
        by_type.setdefault(kind, celsius)
    if room_type in by_type:
        return by_type[room_type]
    if RoomType.MAIN in by_type:
        return by_type[RoomType.MAIN]
    log.warning("no indoor standard in force for city %s on %s; using domain.md's default", city, day)
    return defaults.INDOOR_STANDARD


def indoor_standards(*, city, on: date | datetime | None = None) -> dict[str, Decimal]:
    """Every room type's standard on ``on``: {room type: °C} (for pages that show the whole rule)."""
    return {kind: indoor_standard(city=city, on=on, room_type=kind) for kind in RoomType.values}


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
