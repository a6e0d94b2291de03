"""A figure's range from a request: explicit days, or a season of the scope's city ("current", "last",
or its name); checked like every day range (core.bounds)."""

from datetime import date

from django.utils import timezone

from wennuan.core.bounds import checked_days
from wennuan.core.errors import DomainError

from . import scopes
from .scopes import Scope
from .selectors import season_range


class BadRange(DomainError):
    code = "bad_range"
    http_status = 422


def resolve(
    scope: Scope, *, start: date | None, end: date | None, season: str | None, city: int | None = None
):
    """(start, end, season name or "") for a request; the current season when nothing is given."""
    if start or end:
        if not (start and end):
            raise BadRange("start 与 end 须同时给出")
        checked_days(start, end)
        return start, end, ""
    city_id = city or scopes.city_of(scope)
    if city_id is None:
        from wennuan.registry.models import City

        city_id = City.objects.order_by("id").values_list("id", flat=True).first()
    first, last, found = season_range(city_id, season or "current") if city_id else (None, None, None)
    if found is None:
        if season:
            raise BadRange(f"没有供暖季 {season}")
        today = timezone.localdate()
        return today.replace(day=1), today, ""
    return first, last, found.name
