"""Filters shared by the registry pages and the API, so a search means the same thing on both."""

from dataclasses import dataclass

from django.db.models import Q

from wennuan.core.masking import sees_personal_data

from .models import Building


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


def _address_buildings(token: str):
    # Match buildings first (tens of thousands of rows), then households through the unit FK index,
    # instead of a LIKE over a million households joined to their buildings.
    return Building.objects.filter(
        Q(door_address__icontains=token) | Q(estate__name__icontains=token) | Q(label=token)
    ).values("pk")


def _token_q(token: str, *, personal: bool) -> Q:
    cond = Q(account__startswith=token) | Q(room=token) | Q(unit__building__in=_address_buildings(token))
    if personal:
        # Only roles that may see names and phones may search by them: a match would confirm who lives where.
        cond |= Q(phone=token) | Q(resident_name=token)
    return cond


def search_q(q: str, *, user) -> Q:
    """Every whitespace-separated word must match the account (prefix), the room, the address
    (door address, estate name, building label) or, for roles seeing personal data, the exact phone/name."""
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
