"""Hotspots (问题集中点位): estates, buildings or stations ranked by complaints per household, repeat rate,
below-standard readings and outages over a date range, each with its dominant complaint categories.

Read in the user's scope (each source from its own ``visible_to``). The complaint figures (受理量, 重复投诉,
重复投诉率) are ``cases.kpis.kpi_table``'s, grouped by the site: one formula, written once. Below-standard
readings are the door-to-door visits' (``visits.TemperatureReading.below_standard``) plus the signed
dispute measurements that failed (``billing.Measurement.compliant`` false); outages are those that
started in the range and hit at least one household of the site."""

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q

from wennuan.billing.models import Measurement
from wennuan.cases.kpis import kpi_table
from wennuan.cases.models import Case
from wennuan.core.categories import Category
from wennuan.outages.models import Outage, OutageHousehold
from wennuan.registry.models import Building, Estate, Household, Station
from wennuan.visits.models import TemperatureReading

from .enums import HotspotOrder, SiteLevel

# From a household to the site of each level.
_FROM_HOUSEHOLD = {
    SiteLevel.ESTATE: "unit__building__estate_id",
    SiteLevel.BUILDING: "unit__building_id",
    SiteLevel.STATION: "station_id",
}
TOP_CATEGORIES = 3


@dataclass
class Hotspot:
    level: str
    site_id: int
    name: str
    district_id: int | None
    district: str
    company_id: int | None
    company: str
    households: int
    complaints: int
    repeats: int
    repeat_rate: float | None
    below_standard: int  # readings under the standard (visits + dispute measurements)
    readings: int  # all such readings
    outages: int
    categories: list[tuple[str, int]] = field(default_factory=list)  # [(类别名, 件数)], most first

    @property
    def per_100(self) -> float | None:
        """Complaints per 100 households (the dashboard's and the ledger's measure of density)."""
        return round(100 * self.complaints / self.households, 2) if self.households else None

    @property
    def categories_label(self) -> str:
        return "、".join(f"{name}{n}件" for name, n in self.categories)

    def as_evidence(self, *, start, end) -> dict:
        """The figures as kept on a ledger item (JSON)."""
        data = asdict(self)
        data.update(per_100=self.per_100, start=start.isoformat(), end=end.isoformat())
        data["categories"] = [list(c) for c in self.categories]
        return data


def _sort_key(order: str):
    def key(h: Hotspot):
        value = {
            HotspotOrder.PER_HOUSEHOLD: h.per_100,
            HotspotOrder.REPEAT_RATE: h.repeat_rate,
            HotspotOrder.BELOW_STANDARD: h.below_standard,
            HotspotOrder.OUTAGES: h.outages,
            HotspotOrder.COMPLAINTS: h.complaints,
        }[HotspotOrder(order)]
        return (value is None, -(value or 0), -h.complaints, h.site_id)

    return key


def hotspots(
    *,
    user,
    start: datetime,
    end: datetime,
    level: str = SiteLevel.ESTATE,
    order: str = HotspotOrder.PER_HOUSEHOLD,
    limit: int | None = 50,
) -> list[Hotspot]:
    """The sites of ``level`` with any complaint, failing reading or outage in [start, end), worst first
    by ``order``; at most ``limit`` of them. Raises ValueError for an unknown level or order."""
    level, order = SiteLevel(level), HotspotOrder(order)
    path = _FROM_HOUSEHOLD[level]

    households: dict[int, Counter] = defaultdict(Counter)  # site -> {company_id: households}
    rows = Household.objects.visible_to(user).values(site=F(path), company=F("station__company_id"))
    for row in rows.annotate(n=Count("id")).order_by():
        households[row["site"]][row["company"]] += row["n"]

    cases = {
        row["group_id"]: row
        for row in kpi_table(user=user, start=start, end=end, group=level)["rows"]
        if row["group_id"] is not None
    }
    categories = _categories(user, start, end, level)
    below, readings = _readings(user, start, end, path)
    outages = _outages(user, start, end, path)

    sites = (set(cases) | {s for s, n in below.items() if n} | set(outages)) - {None}
    found = []
    for site in sites:
        kpis = cases.get(site, {})
        companies = households.get(site, Counter())
        found.append(
            Hotspot(
                level=level,
                site_id=site,
                name="",
                district_id=None,
                district="",
                company_id=companies.most_common(1)[0][0] if companies else None,
                company="",
                households=sum(companies.values()),
                complaints=kpis.get("received", 0),
                repeats=kpis.get("repeats", 0),
                repeat_rate=kpis.get("repeat_rate"),
                below_standard=below.get(site, 0),
                readings=readings.get(site, 0),
                outages=outages.get(site, 0),
                categories=categories.get(site, []),
            )
        )
    found.sort(key=_sort_key(order))
    if limit is not None:
        found = found[:limit]
    _name(found, level)
    return found


def _categories(user, start, end, level) -> dict[int, list[tuple[str, int]]]:
    key = {
        SiteLevel.ESTATE: "building__estate_id",
        SiteLevel.BUILDING: "building_id",
        SiteLevel.STATION: "station_id",
    }[level]
    rows = (
        Case.objects.visible_to(user)
        .filter(received_at__gte=start, received_at__lt=end)
        .values(site=F(key), cat=F("category"))
        .annotate(n=Count("id"))
        .order_by()
    )
    per_site: dict[int, list] = defaultdict(list)
    for row in rows:
        per_site[row["site"]].append((row["n"], row["cat"]))
    labels = dict(Category.choices)
    return {
        site: [(labels.get(cat, cat), n) for n, cat in sorted(pairs, key=lambda p: (-p[0], p[1]))][
            :TOP_CATEGORIES
        ]
        for site, pairs in per_site.items()
    }


def _readings(user, start, end, path) -> tuple[Counter, Counter]:
    below, total = Counter(), Counter()
    visit_rows = (
        TemperatureReading.objects.visible_to(user)
        .filter(measured_at__gte=start, measured_at__lt=end)
        .values(site=F(f"visit__household__{path}"))
        .annotate(below=Count("id", filter=Q(below_standard=True)), total=Count("id"))
        .order_by()
    )
    measured = (
        Measurement.objects.visible_to(user)
        .filter(measured_at__gte=start, measured_at__lt=end, compliant__isnull=False)
        .values(site=F(f"household__{path}"))
        .annotate(below=Count("id", filter=Q(compliant=False)), total=Count("id"))
        .order_by()
    )
    for rows in (visit_rows, measured):
        for row in rows:
            below[row["site"]] += row["below"]
            total[row["site"]] += row["total"]
    return below, total


def _outages(user, start, end, path) -> Counter:
    visible = Outage.objects.visible_to(user).filter(start__gte=start, start__lt=end).values("pk")
    rows = (
        OutageHousehold.objects.filter(outage_id__in=visible)
        .values(site=F(f"household__{path}"))
        .annotate(n=Count("outage_id", distinct=True))
        .order_by()
    )
    return Counter({row["site"]: row["n"] for row in rows})


def _name(found: list[Hotspot], level) -> None:
    """Fill each hotspot's name, district and company name (three small queries for the listed ones)."""
    from wennuan.registry.models import Company

    ids = [h.site_id for h in found]
    if level == SiteLevel.ESTATE:
        sites = {
            e.pk: (e.name, e.district_id, e.district.name)
            for e in Estate.objects.filter(pk__in=ids).select_related("district")
        }
    elif level == SiteLevel.BUILDING:
        sites = {
            b.pk: (f"{b.estate.name}{b.label}", b.estate.district_id, b.estate.district.name)
            for b in Building.objects.filter(pk__in=ids).select_related("estate__district")
        }
    else:
        sites = {s.pk: (s.name, *_station_district(s.pk)) for s in Station.objects.filter(pk__in=ids)}
        # A station's company is its own, whoever its households are.
        owners = dict(Station.objects.filter(pk__in=ids).values_list("pk", "company_id"))
        for h in found:
            h.company_id = owners.get(h.site_id, h.company_id)
    companies = dict(Company.objects.filter(pk__in={h.company_id for h in found}).values_list("pk", "name"))
    for h in found:
        h.name, h.district_id, h.district = sites.get(h.site_id, (f"#{h.site_id}", None, ""))
        h.company = companies.get(h.company_id, "")


def _station_district(station_id: int) -> tuple[int | None, str]:
    """The district most of a station's households lie in."""
    from wennuan.core.scope import ScopeKind
    from wennuan.registry.regions import region_id, region_name

    row = (
        Household.objects.filter(station_id=station_id)
        .values(d=F(region_id(ScopeKind.DISTRICT)), name=F(region_name(ScopeKind.DISTRICT)))
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return (row["d"], row["name"]) if row else (None, "")


def hotspot_for(*, user, start, end, level, site_id: int) -> Hotspot | None:
    """One site's hotspot figures (None when it has nothing in the range or is out of scope)."""
    for h in hotspots(user=user, start=start, end=end, level=level, limit=None):
        if h.site_id == site_id:
            return h
    return None
