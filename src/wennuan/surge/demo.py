"""The demo city's weather and 12345 statistics: three seasons before this one and this one up to
yesterday (generated, deterministic), a three-day forecast, and a fit, so `make run` shows a forecast.
The calls are at the demo city's own scale: its households' complaint rate this season (so a supervisor
does not read 300 calls forecast for a city that gets eight a day)."""

import random
from datetime import timedelta

from django.utils import timezone

from wennuan.cases.kpis import in_city
from wennuan.cases.models import Case
from wennuan.core.demo import register
from wennuan.registry.models import City, Household
from wennuan.rules.models import Season

from . import services, synthetic
from .enums import WeatherKind


@register("surge", order=300)
def seed() -> str:
    city = City.objects.order_by("pk").first()
    if city is None or city.weather_days.exists():
        return ""
    today = timezone.localdate()
    this = today.year if today.month >= 7 else today.year - 1
    rng = random.Random(2026)
    level = _level(city, today)
    history, forecast = [], []
    for k, year in enumerate(range(this - 3, this + 1)):
        weather = synthetic.season_weather(year, rng)
        days = synthetic.season_calls(weather, level=level / 0.93**3 * 0.93**k, rng=rng)
        history += [(d.day, d.outdoor_c, d.calls) for d in days if d.day < today]
        forecast += [(d, t) for d, t in weather if today <= d < today + timedelta(days=services.AHEAD_DAYS)]
        Season.objects.get_or_create(
            city=city,
            starts_on=weather[0][0],
            defaults={"name": f"{year}-{year + 1}", "ends_on": weather[-1][0]},
        )
    services.store_days(city=city, days=history, kind=WeatherKind.OBSERVED, by=None, source="演示数据")
    if forecast:
        services.store_days(city=city, days=forecast, kind=WeatherKind.FORECAST, by=None, source="演示数据")
    fit = services.refit(city=city)
    told = f"，预测 {len(fit.forecast)} 天" if fit else ""
    return f"话务预测：{len(history)} 天历史统计与气温{told}"


# Calls on a mild weekday per household when the city has no season yet: about 5 complaints per 100
# households in a season's first four weeks (the demo season's rate).
PER_HOUSEHOLD = 0.0018


# A season's first four weeks bring about this many times the calls of a mild mid-season weekday (the
# start-up surge and the first cold in synthetic.season_calls).
FIRST_WEEKS = 2.5


def _level(city, today) -> float:
    """Calls on a mild mid-season weekday in this city: its own last four weeks' complaints a day over
    FIRST_WEEKS, else its households at PER_HOUSEHOLD; never below 3 (a model of a handful is noise)."""
    since = today - timedelta(days=28)
    recent = (
        Case.objects.filter(
            in_city(city.pk), received_at__date__gte=since, received_at__date__lt=today
        ).count()
        / 28
    )
    households = Household.objects.filter(station__company__city=city).count()
    return max(3.0, recent / FIRST_WEEKS or households * PER_HOUSEHOLD)
