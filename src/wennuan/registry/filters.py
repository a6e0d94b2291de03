"""Filters shared by the registry pages and the API, so a search means the same thing on both."""

from dataclasses import dataclass

from django.db.models import Q

from wennuan.core.masking import sees_personal_data

from .models import Building, Household, Unit


@dataclass(frozen=True)
class HouseholdFilters:
    estate: int | None = None
    building: int | None = None
    unit: int | None = None
    station: int | None = None
    grid: int | None = None
    account: str = ""
    q: str = ""
    priority_only: bool = False
    payment_status: str = ""


# Past this many units an address word is unselective (一个"小区"); a subquery is then as good as a list.
MAX_UNIT_LIST = 5000


def _address_units(token: str):
    """Units of the buildings whose door address, estate name or label matches ``token``.

    Matching buildings first (tens of thousands of rows) and then households by their indexed unit id is
    what keeps a word search fast on a million households; a LIKE across the join would scan them all.
    """
    buildings = Building.objects.filter(
        Q(door_address__icontains=token) | Q(estate__name__icontains=token) | Q(label=token)
    ).values("pk")
    units = Unit.objects.filter(building__in=buildings).values_list("pk", flat=True)
    ids = list(units[: MAX_UNIT_LIST + 1])
    return ids if len(ids) <= MAX_UNIT_LIST else units


def _token_q(token: str, *, personal: bool) -> Q:
    """The alternatives one search word may match. Each is checked on its own first, so the final query ORs
    only alternatives that exist: an OR with an alternative that needs a full scan would make every search
    scan the table, even one that finds nothing."""
    parts = []
    if Household.objects.filter(account__startswith=token).exists():
        parts.append(Q(account__startswith=token))
    units = _address_units(token)
    if not isinstance(units, list) or units:
        parts.append(Q(unit_id__in=units))
    if token.isdigit() and len(token) <= 5:
        parts.append(Q(room=token))
    if personal:
        # Only roles that may see names and phones may search by them: a hit would confirm who lives where.
        if token.isdigit() and len(token) >= 7:
            parts.append(Q(phone=token))
        elif not token.isascii():
            parts.append(Q(resident_name=token))
    if not parts:
        return Q(pk__in=[])
    cond = parts[0]
    for part in parts[1:]:
        cond |= part
    return cond


def search_q(q: str, *, user) -> Q:
    """Every whitespace-separated word (at most five) must match the account (prefix), the room, the
    address (door address, estate name, building label) or, for roles seeing personal data, the exact
    phone or name."""
    personal = sees_personal_data(user)
    cond = Q()
    for token in q.split()[:5]:
        cond &= _token_q(token, personal=personal)
    return cond


def apply_household_filters(rows, f: HouseholdFilters, *, user):
    """Narrow an already scoped household queryset (``visible_to``) by ``f``."""
    exact = {
        "unit__building__estate_id": f.estate,
        "unit__building_id": f.building,
        "unit_id": f.unit,
        "station_id": f.station,
        "grid_id": f.grid,
    }
    rows = rows.filter(**{k: v for k, v in exact.items() if v is not None})
    if f.account:
        rows = rows.filter(account=f.account.strip())
    if f.payment_status:
        rows = rows.filter(payment_status=f.payment_status)
    if f.priority_only:
        rows = rows.exclude(priority_groups="")
    if f.q.strip():
        rows = rows.filter(search_q(f.q, user=user))
    return rows
