"""Reads, each starting from ``visible_to(user)``."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from wennuan.cases.models import Case
from wennuan.registry.models import Household, Station
from wennuan.rules import selectors as rules
from wennuan.visits.models import TemperatureReading, Visit

from . import config
from .models import ColdAlert, DeadLetter, Device, Reading, SensorDay

CHART_HOURS = 48
STATION_CHART_HOURS = 24
STATION_CHART_DEVICES = 200


def devices(*, user, offline: bool = False, station: int | None = None):
    rows = Device.objects.visible_to(user).select_related(
        "household__unit__building__estate", "household__station__company"
    )
    if station:
        rows = rows.filter(household__station_id=station)
    if offline:
        rows = rows.filter(offline_q())
    return rows.order_by("household__station__company__name", "household__station__name", "serial")


def offline_q(now=None) -> Q:
    """No reading for the offline span (3 h): silent since, or never heard from."""
    since = (now or timezone.now()) - config.offline_after()
    return Q(last_reading_at__lt=since) | Q(last_reading_at__isnull=True)


def is_offline(device: Device, now=None) -> bool:
    now = now or timezone.now()
    return device.last_reading_at is None or device.last_reading_at < now - config.offline_after()


def series(device_ids: list[int], *, since, until=None, offsets: dict) -> dict[int, list[tuple]]:
    """{device id: [(time, calibrated °C)]} over [since, until], oldest first: one query on the primary key."""
    rows = Reading.objects.filter(device_id__in=device_ids, time__gte=since)
    if until is not None:
        rows = rows.filter(time__lte=until)
    out = defaultdict(list)
    for device_id, t, c in rows.order_by("device_id", "time").values_list("device_id", "time", "celsius"):
        out[device_id].append((t, round(c + offsets.get(device_id, 0.0), 1)))
    return out


@dataclass
class HouseholdChart:
    household: Household
    devices: list
    series: dict
    standard: float
    alerts: list
    cases: list
    visits: list
    visit_readings: list


def household_chart(*, user, household: Household, hours: int = CHART_HOURS) -> HouseholdChart:
    """A household's collectors and their readings (calibrated), its city's standard, its sensor alerts,
    its recent cases and visits (with the visitors' measurements, drawn on the same chart)."""
    now = timezone.now()
    since = now - timedelta(hours=hours)
    devs = list(Device.objects.visible_to(user).filter(household=household).order_by("serial"))
    data = series(
        [d.pk for d in devs], since=since, offsets={d.pk: float(d.calibration_offset) for d in devs}
    )
    city = household.station.company.city_id
    standard = float(rules.indoor_standard(city=city, on=now))
    alerts = list(ColdAlert.objects.visible_to(user).filter(household=household).select_related("case")[:10])
    cases = list(Case.objects.visible_to(user).filter(household=household).order_by("-received_at")[:10])
    visits = list(Visit.objects.visible_to(user).filter(household=household).order_by("-visited_at")[:10])
    readings = list(
        TemperatureReading.objects.visible_to(user)
        .filter(visit__household=household, measured_at__gte=since)
        .order_by("measured_at")
    )
    return HouseholdChart(household, devs, data, standard, alerts, cases, visits, readings)


def station_chart(*, user, station: Station, hours: int = STATION_CHART_HOURS):
    """A station's collectors (at most 200) and their readings of the last day, one line each."""
    devs = list(devices(user=user, station=station.pk)[:STATION_CHART_DEVICES])
    since = timezone.now() - timedelta(hours=hours)
    data = series(
        [d.pk for d in devs], since=since, offsets={d.pk: float(d.calibration_offset) for d in devs}
    )
    standard = float(rules.indoor_standard(city=station.company.city_id))
    return devs, data, standard


@dataclass
class Share:
    company_id: int
    company: str
    households: int  # sensor households reporting (not offline)
    at_standard: int

    @property
    def share(self) -> float | None:
        return round(100 * self.at_standard / self.households, 1) if self.households else None


def share_at_standard(*, user, now=None) -> list[Share]:
    """室温达标率 from collectors, per company: of the households whose collectors report (none offline
    counts as reporting if one does), the share whose every reporting room's latest plausible reading is
    at or above its city's standard for that room type. A KPI of the moment (the devices' state)."""
    now = now or timezone.now()
    rows = (
        Device.objects.visible_to(user)
        .exclude(offline_q(now))
        .filter(last_celsius__isnull=False)
        .values_list(
            "household_id",
            "room_type",
            "last_celsius",
            "household__station__company_id",
            "household__station__company__name",
            "household__station__company__city_id",
        )  # fmt: skip
    )
    ok: dict[int, bool] = {}
    company_of: dict[int, tuple] = {}
    standards: dict = {}
    for household_id, room_type, celsius, company_id, company, city_id in rows:
        key = (city_id, room_type)
        if key not in standards:
            standards[key] = float(rules.indoor_standard(city=city_id, on=now, room_type=room_type))
        ok[household_id] = ok.get(household_id, True) and celsius >= standards[key]
        company_of[household_id] = (company_id, company)
    shares: dict[int, Share] = {}
    for household_id, good in ok.items():
        company_id, name = company_of[household_id]
        s = shares.setdefault(company_id, Share(company_id, name, 0, 0))
        s.households += 1
        s.at_standard += good
    return sorted(shares.values(), key=lambda s: s.company)


@dataclass
class DaysShare:
    company_id: int
    company: str
    days: int  # sensor household-days reporting
    at_standard: int

    @property
    def share(self) -> float | None:
        return round(100 * self.at_standard / self.days, 1) if self.days else None


def days_at_standard(*, user, start, end) -> list[DaysShare]:
    """传感器室温达标率 per company over [start, end] (the registered KPI, kpi.py, on the same summary):
    household-days at standard of the household-days reporting, the rule in days.py."""
    rows = (
        SensorDay.objects.visible_to(user)
        .filter(day__gte=start, day__lte=end)
        .values("company_id", "company__name")
        .annotate(n=Count("pk"), ok=Count("pk", filter=Q(at_standard=True)))
        .order_by("company__name")
    )
    return [DaysShare(r["company_id"], r["company__name"], r["n"], r["ok"]) for r in rows]


def dead_letters(*, limit: int = 200):
    return DeadLetter.objects.all()[:limit]
