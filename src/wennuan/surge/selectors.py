"""Reads for the surge forecast: a city's daily heating calls with its outdoor temperatures, what its
people have been observed to handle, and the latest forecast."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractHour, TruncDate, TruncHour
from django.utils import timezone

from wennuan.cases.models import Case, CaseEvent
from wennuan.core.categories import HEATING_CATEGORIES
from wennuan.core.roles import Role
from wennuan.registry.models import City
from wennuan.registry.regions import region_id
from wennuan.rules.selectors import seasons

from .enums import WeatherKind
from .model import Day
from .models import SurgeFit, WeatherDay
from .staffing import SHIFTS, Productivity

# How far back the people's productivity and the calls' spread are read.
OBSERVED_DAYS = 60


def _city_cases(city: City):
    """Heating complaints of ``city``: by its company's city, else its grid's (an unrouted case)."""
    return Case.objects.annotate(city_ref=Coalesce(F("company__city_id"), F(region_id("city")))).filter(
        city_ref=city.pk, category__in=HEATING_CATEGORIES
    )


def daily_history(city: City, *, before: date | None = None) -> list[Day]:
    """One ``Day`` per day of the city's seasons with an observed outdoor mean, with that day's heating
    calls: the imported count where the city imported one, else its heating complaints in wennuan (0 when
    none came). Three queries whatever the length of the history."""
    before = before or timezone.localdate()
    rows = WeatherDay.objects.filter(city=city, kind=WeatherKind.OBSERVED, day__lt=before)
    weather, imported = {}, {}
    for day, outdoor, calls in rows.values_list("day", "outdoor_c", "imported_calls"):
        weather[day] = outdoor
        if calls is not None:
            imported[day] = calls
    if not weather:
        return []
    in_season = set()
    for s in seasons(city=city):
        first, last = s.early_start_on or s.starts_on, s.extended_to or s.ends_on
        in_season.update(d for d in weather if first <= d <= last)
    counts = dict(
        _city_cases(city)
        .filter(received_at__date__gte=min(weather), received_at__date__lt=before)
        .annotate(day=TruncDate("received_at"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    return [Day(d, float(weather[d]), imported.get(d, counts.get(d, 0))) for d in sorted(in_season)]


def forecast_weather(city: City, *, start: date, days: int) -> list[Day]:
    rows = WeatherDay.objects.filter(
        city=city, kind=WeatherKind.FORECAST, day__gte=start, day__lt=start + timedelta(days=days)
    ).values_list("day", "outdoor_c")
    return [Day(d, float(t)) for d, t in rows.order_by("day")]


def productivity(city: City, *, until: date | None = None) -> tuple[Productivity, list[str]]:
    """What the city's agents and crews were observed to handle in the last ``OBSERVED_DAYS`` days, and
    notes saying where a default stood in for an observation (a new city has none)."""
    until = until or timezone.localdate()
    since = until - timedelta(days=OBSERVED_DAYS)
    cases = _city_cases(city).filter(received_at__date__gte=since, received_at__date__lt=until)
    events = CaseEvent.objects.filter(case__in=cases.values("pk"))
    notes = []
    received = events.filter(action="receive", actor__role=Role.HOTLINE_AGENT)
    agent_hours = received.annotate(h=TruncHour("at")).values("actor_id", "h").distinct().count()
    if agent_hours:
        per_agent_hour = received.count() / agent_hours
    else:
        per_agent_hour = settings.SURGE_DEFAULT_CASES_PER_AGENT_HOUR
        notes.append(f"近{OBSERVED_DAYS}天无坐席受理记录：每坐席每小时按默认 {per_agent_hour:g} 件")
    resolved = events.filter(action="resolve", actor__role=Role.STATION_CREW)
    crew_days = resolved.annotate(d=TruncDate("at")).values("actor_id", "d").distinct().count()
    if crew_days:
        per_crew_day = resolved.count() / crew_days
    else:
        per_crew_day = settings.SURGE_DEFAULT_CASES_PER_CREW_DAY
        notes.append(f"近{OBSERVED_DAYS}天无班组办结记录：每班组每天按默认 {per_crew_day:g} 件")
    by_hour = dict(
        cases.annotate(h=ExtractHour("received_at")).values("h").annotate(n=Count("id")).values_list("h", "n")
    )
    total = sum(by_hour.values())
    shift_share = {
        name: (sum(by_hour.get(h, 0) for h in range(start, end)) / total) if total else (end - start) / 24
        for name, start, end in SHIFTS
    }
    by_company = dict(
        cases.exclude(company=None)
        .values("company__name")
        .annotate(n=Count("id"))
        .values_list("company__name", "n")
    )
    routed = sum(by_company.values())
    company_share = {name: n / routed for name, n in by_company.items()} if routed else {}
    return Productivity(per_agent_hour, per_crew_day, shift_share, company_share), notes


def latest_fit(city: City) -> SurgeFit | None:
    return SurgeFit.objects.filter(city=city).first()


def latest_fits() -> list[SurgeFit]:
    """The newest forecast of each city (shown to the city-wide roles only: see ``navigation.VIEWERS``)."""
    fits = []
    for city in City.objects.order_by("name"):
        fit = latest_fit(city)
        if fit is not None:
            fits.append(fit)
    return fits
