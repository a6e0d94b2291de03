"""Routing (确权): which household/building, grid, station and company a complaint belongs to.

Only the registry decides: a household gives all four; a building gives them when its households agree;
anything else goes to the manual dispatch queue. There is never a default company. Address matching is
the triage engine's job (``wennuan.triage.service``, below cases); this module reads its typed result."""

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q

from wennuan.registry.models import Building, Household, Station
from wennuan.triage.enums import TriageStatus
from wennuan.triage.service import TriageResult, classify_text, detect_mass_complaints, triage_text

log = logging.getLogger(__name__)


@dataclass
class Route:
    household: Household | None = None
    building: Building | None = None
    grid_id: int | None = None
    station_id: int | None = None
    company_id: int | None = None
    category: str | None = None
    triage_status: TriageStatus | str = ""  # "" when the household was known (no triage)
    mass_complaint: bool = False


def classify(text: str) -> str | None:
    """The triage engine's category for ``text``, or None when it cannot say (the case is then 'other').
    Intake by a known household needs it too: the category comes from the text however the address came."""
    try:
        return classify_text(text) or None
    except Exception:  # noqa: BLE001 - a classifier failure must not lose the complaint
        log.exception("classification failed for intake")
        return None


def route_household(household: Household) -> Route:
    return Route(
        household=household,
        building=household.unit.building,
        grid_id=household.grid_id,
        station_id=household.station_id,
        company_id=household.station.company_id,
    )


def route_building(building: Building, *, unit_id: int | None = None) -> Route:
    """A building-level case: the grid most of its households (or, given ``unit_id``, that unit's
    households) are in; the station only if they all share one."""
    households = Household.objects.filter(unit__building=building)
    if unit_id:
        households = households.filter(unit_id=unit_id)
    rows = list(households.values_list("grid_id", "station_id", "station__company_id"))
    route = Route(building=building)
    if not rows:
        return route
    route.grid_id = Counter(r[0] for r in rows).most_common(1)[0][0]
    stations = {(r[1], r[2]) for r in rows}
    if len(stations) == 1:
        route.station_id, route.company_id = stations.pop()
    return route


def route_text(*, text: str, address: str) -> Route:
    """Ask the triage engine; use only a match it is sure of, else an unrouted Route (manual queue).

    A household match routes like a household; a unit or building match takes the station the engine
    determined (it answers "ambiguous" when a building is split between stations) and the grid most of
    that unit's/building's households are in."""
    query = " ".join(p for p in (address.strip(), text.strip()) if p)
    try:
        result = triage_text(query)
    except Exception:  # noqa: BLE001 - a triage failure must not lose the complaint; it goes to manual dispatch
        log.exception("triage failed for intake")
        return Route(triage_status=TriageStatus.ERROR)
    return route_result(result)


def route_result(result: TriageResult) -> Route:
    """The route for the engine's answer: only a match is routed; the category is kept either way."""
    category = result.category or None
    if result.status != TriageStatus.MATCHED:
        return Route(triage_status=result.status, category=category)
    found = None
    if result.household_id:
        household = (
            Household.objects.select_related("unit__building", "station")
            .filter(pk=result.household_id)
            .first()
        )
        found = route_household(household) if household is not None else None
    if found is None:
        building = Building.objects.filter(pk=result.building_id or 0).first()
        if building is None:
            return Route(triage_status=result.status, category=category)
        found = route_building(building, unit_id=result.unit_id)
        if found.station_id is None and result.station_id:
            company_id = (
                Station.objects.filter(pk=result.station_id).values_list("company_id", flat=True).first()
            )
            if company_id is not None:
                found.station_id, found.company_id = result.station_id, company_id
    found.category, found.triage_status = category, result.status
    return found


@dataclass
class Outage:
    """The suspected-outage cluster a new complaint falls into: whether it does, and which earlier cases
    of the cluster are not flagged yet."""

    suspected: bool = False
    earlier: list[int] = field(default_factory=list)  # the cluster's other stored cases
    to_flag: list[int] = field(default_factory=list)  # … of those, the ones not flagged yet
    batch: list[int] = field(default_factory=list)  # positions of the cluster's other cases in the same batch

    @property
    def note(self) -> str:
        size = len(self.earlier) + len(self.batch) + 1
        return f"同楼/同站短时间内{size}件诉求，疑似停热或爆管，请调度核实并案"


@dataclass(frozen=True)
class OutageLimits:
    """When complaints suggest an outage (疑似片区停热): this many OPEN complaints from one building, or
    from one station, within ``window``. A station's threshold grows with the households it heats (the
    city's ``CaseRules.outage_households_per_case``), so a 3,000-household station is not suspected after
    three ordinary calls."""

    building: int
    station: int
    window: timedelta


def outage_limits(cases: list, rules: list) -> list[OutageLimits]:
    """The limits in force for each of ``cases`` under its city's ``rules`` (a CaseRules row each); one
    query counts the households of their stations."""
    from math import ceil

    from django.db.models import Count

    stations = {c.station_id for c in cases} - {None}
    heated = dict(
        Household.objects.filter(station_id__in=stations)
        .values("station_id")
        .annotate(n=Count("id"))
        .values_list("station_id", "n")
    )
    out = []
    for case, r in zip(cases, rules, strict=True):
        per_case = r.outage_households_per_case
        scaled = ceil(heated.get(case.station_id, 0) / per_case) if per_case else 0
        window = timedelta(minutes=r.outage_window_minutes)
        out.append(OutageLimits(r.outage_min_cases, max(r.outage_min_cases, scaled), window))
    return out


def detect_mass(case, *, limits: OutageLimits) -> Outage:
    """Run the triage engine's outage detector over the open complaints from ``case``'s building or station
    within the window (a burst pipe, a station down), ``case`` included; it need not be saved yet, so
    intake can store the flag with the row."""
    return detect_mass_batch([case], limits=[limits])[0]


def detect_mass_batch(cases: list, *, limits: list[OutageLimits]) -> list[Outage]:
    """``detect_mass`` for unsaved cases received one after another (batch intake), in one query:
    answer i is what ``detect_mass`` says of ``cases[i]`` once ``cases[:i]`` are stored. ``limits[i]``:
    the limits in force for ``cases[i]``. Complaints already resolved or closed do not count: a cluster is
    of people still without heat."""
    out = [Outage() for _ in cases]
    placed = [i for i, c in enumerate(cases) if c.building_id or c.station_id]
    if not placed:
        return out
    from .enums import OPEN_STATES
    from .models import Case

    widest = max(lim.window for lim in limits)
    buildings = {cases[i].building_id for i in placed} - {None}
    stations = {cases[i].station_id for i in placed} - {None}
    rows = list(
        Case.objects.filter(
            Q(building_id__in=buildings) | Q(station_id__in=stations),
            state__in=OPEN_STATES,
            received_at__gte=min(cases[i].received_at for i in placed) - widest,
            received_at__lte=max(cases[i].received_at for i in placed) + widest,
        )
        .exclude(pk__in=[c.pk for c in cases if c.pk])
        .order_by()
        .values_list("id", "building_id", "station_id", "received_at", "suspected_outage")
    )
    flagged = {row[0] for row in rows if row[4]}
    for i in placed:
        case, lim = cases[i], limits[i]
        window = lim.window

        def near(building_id, station_id, at, case=case, window=window):
            same = (case.building_id and building_id == case.building_id) or (
                case.station_id and station_id == case.station_id
            )
            return same and abs(at - case.received_at) <= window

        complaints = [row[:4] for row in rows if near(*row[1:4])]
        complaints += [
            (("batch", j), c.building_id, c.station_id, c.received_at)
            for j, c in enumerate(cases[: i + 1])
            if near(c.building_id, c.station_id, c.received_at)
        ]
        me = ("batch", i)
        # a building's cluster and a station's, each against its own threshold
        by_building = [(pk, b, None, at) for pk, b, _, at in complaints]
        by_station = [(pk, None, s, at) for pk, _, s, at in complaints]
        found = detect_mass_complaints(by_building, min_cases=lim.building, window=window)
        found += detect_mass_complaints(by_station, min_cases=lim.station, window=window)
        mine = [c for c in found if me in c.case_ids]
        members = {pk for c in mine for pk in c.case_ids} - {me}
        stored = sorted(pk for pk in members if not isinstance(pk, tuple))
        out[i] = Outage(
            suspected=bool(mine),
            earlier=stored,
            to_flag=[pk for pk in stored if pk not in flagged],
            batch=sorted(pk[1] for pk in members if isinstance(pk, tuple)),
        )
        flagged.update(stored)
    return out
