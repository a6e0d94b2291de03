"""Routing (确权): which household/building, grid, station and company a complaint belongs to.

Only the registry decides: a household gives all four; a building gives them when its households agree;
anything else goes to the manual dispatch queue. There is never a default company. Address matching is
the triage engine's job (wennuan.triage.service); this module only reads its result."""

import importlib
import logging
from collections import Counter
from dataclasses import dataclass

from wennuan.registry.models import Building, Household

log = logging.getLogger(__name__)


@dataclass
class Route:
    household: Household | None = None
    building: Building | None = None
    grid_id: int | None = None
    station_id: int | None = None
    company_id: int | None = None
    category: str | None = None
    triage_status: str = ""
    mass_complaint: bool = False


def _triage_module():
    """The triage service if it is installed in this checkout, else None (cases then go to manual dispatch)."""
    try:
        return importlib.import_module("wennuan.triage.service")
    except ImportError:
        return None


def route_household(household: Household) -> Route:
    return Route(
        household=household,
        building=household.unit.building,
        grid_id=household.grid_id,
        station_id=household.station_id,
        company_id=household.station.company_id,
    )


def route_building(building: Building) -> Route:
    """A building-level case: the grid most of its households are in; the station only if they all share one."""
    rows = list(
        Household.objects.filter(unit__building=building).values_list(
            "grid_id", "station_id", "station__company_id"
        )
    )
    route = Route(building=building)
    if not rows:
        return route
    route.grid_id = Counter(r[0] for r in rows).most_common(1)[0][0]
    stations = {(r[1], r[2]) for r in rows}
    if len(stations) == 1:
        route.station_id, route.company_id = stations.pop()
    return route


def route_text(*, text: str, address: str) -> Route:
    """Ask the triage engine; use only a match it is sure of, else an unrouted Route (manual queue)."""
    triage = _triage_module()
    if triage is None or not hasattr(triage, "triage_text"):
        return Route(triage_status="unavailable")
    query = " ".join(p for p in (address.strip(), text.strip()) if p)
    try:
        result = triage.triage_text(query)
    except Exception:  # noqa: BLE001 - a triage failure must not lose the complaint; it goes to manual dispatch
        log.exception("triage failed for intake")
        return Route(triage_status="error")
    status = str(getattr(result, "status", "") or "")
    route = Route(triage_status=status, category=getattr(result, "category", None) or None)
    if status == "matched":
        household_id = getattr(result, "household_id", None)
        building_id = getattr(result, "building_id", None)
        if household_id:
            household = (
                Household.objects.select_related("unit__building", "station").filter(pk=household_id).first()
            )
            if household is not None:
                found = route_household(household)
                found.category, found.triage_status = route.category, status
                return found
        if building_id:
            building = Building.objects.filter(pk=building_id).first()
            if building is not None:
                found = route_building(building)
                found.category, found.triage_status = route.category, status
                return found
    return route


def detect_mass(case) -> bool:
    """True when the triage engine's outage detector (if present) says this case is part of a burst."""
    triage = _triage_module()
    detector = getattr(triage, "detect_mass_complaints", None) if triage else None
    if detector is None:
        return False
    try:
        found = detector(case=case)
    except TypeError:
        return False
    except Exception:  # noqa: BLE001 - the detector is advisory
        log.exception("mass complaint detection failed")
        return False
    return bool(found)
