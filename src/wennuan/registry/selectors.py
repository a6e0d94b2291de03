"""Registry reads. Each starts from ``Model.objects.visible_to(user)``: a row outside the user's scope is
never returned, so pages, API and exports that call these cannot leak one.

Tree and heating-side rows (districts … grids, companies, stations) have no scope of their own: they are
visible when a visible household points at them.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from wennuan.core.scope import ScopeKind

from .enums import PaymentStatus
from .filters import HouseholdFilters, apply_household_filters
from .models import Building, Company, District, Estate, Grid, Household, Station, Street, Unit
from .regions import region, region_id, region_name

# Ids are 64-bit; a larger one (a typed URL, a fuzzer) must be "not found", not a driver overflow.
MAX_ID = 2**63 - 1


def _get_visible(rows, pk: int):
    if not 1 <= pk <= MAX_ID:
        raise Http404
    return get_object_or_404(rows, pk=pk)


# ---- households ---------------------------------------------------------------------------------------


def households(*, user, filters: HouseholdFilters | None = None):
    """Visible households, filtered, with what a list row shows loaded in the same query."""
    rows = Household.objects.visible_to(user)
    if filters is not None:
        rows = apply_household_filters(rows, filters, user=user)
    return rows.select_related("unit__building__estate", "station", "grid").order_by("unit_id", "room", "id")


def household_by_account(*, user, account: str) -> Household:
    """The household with this 户号 if the user may see it; Http404 otherwise (outside scope looks absent)."""
    rows = Household.objects.visible_to(user).select_related(
        "unit__building__estate__district",
        "station__company",
        region(ScopeKind.DISTRICT),
    )
    return get_object_or_404(rows, account=account)


# ---- housing ------------------------------------------------------------------------------------------


def estates(*, user, q: str = "", district: int | None = None):
    """Visible estates by name; ``q`` matches the estate name or one of its buildings' door addresses."""
    rows = Estate.objects.visible_to(user).select_related("district")
    if district:
        rows = rows.filter(district_id=district)
    q = q.strip()
    if q:
        by_door = Building.objects.filter(door_address__icontains=q).values("estate_id")
        rows = rows.filter(Q(name__icontains=q) | Q(pk__in=by_door))
    return rows.order_by("name", "id")


def estate(*, user, pk: int) -> Estate:
    return _get_visible(Estate.objects.visible_to(user).select_related("district"), pk)


def with_household_counts(*, user, estates: list[Estate]) -> list[Estate]:
    """Set ``household_count`` on each estate: the households this user may see (one grouped query)."""
    counts = dict(
        Household.objects.visible_to(user)
        .filter(unit__building__estate__in=[e.pk for e in estates])
        .values_list("unit__building__estate_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for e in estates:
        e.household_count = counts.get(e.pk, 0)
    return estates


def buildings_of_estate(*, user, estate: Estate) -> list[Building]:
    """The estate's visible buildings, each with ``household_count``: the households this user may see."""
    visible = Household.objects.visible_to(user).filter(unit__building__estate=estate)
    counts = dict(visible.values_list("unit__building_id").annotate(n=Count("id")).order_by())
    rows = list(Building.objects.visible_to(user).filter(estate=estate).order_by("id"))
    for b in rows:
        b.household_count = counts.get(b.pk, 0)
    return rows


def building(*, user, pk: int) -> Building:
    return _get_visible(Building.objects.visible_to(user).select_related("estate__district"), pk)


def households_of_building(*, user, building: Building):
    """Visible households of one building in stairwell order (a building holds at most a few hundred)."""
    return (
        Household.objects.visible_to(user)
        .filter(unit__building=building)
        .select_related("unit", "station")
        .order_by("unit_id", "room", "id")
    )


def units_of_building(*, user, building: Building):
    return Unit.objects.visible_to(user).filter(building=building).order_by("id")


# ---- city tree and heating side -----------------------------------------------------------------------


def _visible_grid_ids(user):
    return Household.objects.visible_to(user).values("grid_id")


def grids(*, user, district: int | None = None):
    rows = Grid.objects.filter(pk__in=_visible_grid_ids(user)).select_related(
        region(ScopeKind.DISTRICT, via="")
    )
    if district:
        rows = rows.filter(**{region_id(ScopeKind.DISTRICT, via=""): district})
    kinds = (ScopeKind.DISTRICT, ScopeKind.STREET, ScopeKind.COMMUNITY, ScopeKind.GRID)
    return rows.order_by(*(region_name(kind, via="") for kind in kinds))


def districts(*, user):
    grid_ids = _visible_grid_ids(user)
    return District.objects.filter(streets__communities__grids__in=grid_ids).distinct().order_by("name")


def streets(*, user, district: int | None = None):
    rows = Street.objects.filter(communities__grids__in=_visible_grid_ids(user)).distinct()
    if district:
        rows = rows.filter(district_id=district)
    return rows.select_related("district").order_by("district__name", "name")


def region_tree(*, user, district: int | None = None) -> list[dict]:
    """District → street → community → grid, only the branches holding a visible household."""
    tree: dict[int, dict] = {}
    for g in grids(user=user, district=district):
        c = g.community
        s = c.street
        d = s.district
        dn = tree.setdefault(d.pk, {"id": d.pk, "name": d.name, "streets": {}})
        sn = dn["streets"].setdefault(s.pk, {"id": s.pk, "name": s.name, "communities": {}})
        cn = sn["communities"].setdefault(c.pk, {"id": c.pk, "name": c.name, "phone": c.phone, "grids": []})
        cn["grids"].append(
            {"id": g.pk, "name": g.name, "worker_name": g.worker_name, "worker_phone": g.worker_phone}
        )
    return [
        {
            **{k: v for k, v in dn.items() if k != "streets"},
            "streets": [
                {
                    **{k: v for k, v in sn.items() if k != "communities"},
                    "communities": list(sn["communities"].values()),
                }
                for sn in dn["streets"].values()
            ],
        }
        for dn in tree.values()
    ]


def stations(*, user, company: int | None = None):
    rows = Station.objects.filter(pk__in=Household.objects.visible_to(user).values("station_id"))
    if company:
        rows = rows.filter(company_id=company)
    return rows.select_related("company").order_by("company__name", "name")


def companies(*, user) -> list[Company]:
    """Visible companies, each with ``visible_stations``: the stations serving a visible household."""
    by_company: dict[int, list[Station]] = {}
    found: dict[int, Company] = {}
    for st in stations(user=user):
        found.setdefault(st.company_id, st.company)
        by_company.setdefault(st.company_id, []).append(st)
    rows = sorted(found.values(), key=lambda c: (c.name, c.pk))
    for c in rows:
        c.visible_stations = by_company[c.pk]
    return rows


# ---- overview -----------------------------------------------------------------------------------------


@dataclass
class Overview:
    households: int
    priority_households: int
    estates: int
    stations: int
    area: float
    by_district: list[dict]  # {"id", "name", "households", "priority", "unpaid", "area"}
    by_payment: list[dict]  # {"status", "label", "count"}


def overview(*, user) -> Overview:
    """City (or scope) figures in four aggregate queries; nothing is loaded row by row."""
    hh = Household.objects.visible_to(user)
    district_id, district_name = region_id(ScopeKind.DISTRICT), region_name(ScopeKind.DISTRICT)
    rows = (
        hh.values(district_id, district_name)
        .annotate(
            households=Count("id"),
            priority=Count("id", filter=~Q(priority_groups="")),
            unpaid=Count("id", filter=Q(payment_status=PaymentStatus.UNPAID)),
            area=Sum("area"),
        )
        .order_by(district_name)
    )
    by_district = [
        {
            "id": r[district_id],
            "name": r[district_name],
            "households": r["households"],
            "priority": r["priority"],
            "unpaid": r["unpaid"],
            "area": float(r["area"] or 0),
        }
        for r in rows
    ]
    counts = dict(hh.values_list("payment_status").annotate(n=Count("id")).order_by())
    by_payment = [
        {"status": s.value, "label": s.label, "count": counts.get(s.value, 0)} for s in PaymentStatus
    ]
    return Overview(
        households=sum(d["households"] for d in by_district),
        priority_households=sum(d["priority"] for d in by_district),
        estates=Estate.objects.visible_to(user).count(),
        stations=stations(user=user).count(),
        area=sum(d["area"] for d in by_district),
        by_district=by_district,
        by_payment=by_payment,
    )
