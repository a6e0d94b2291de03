"""The demo city's weather and 12345 statistics: three seasons before this one and this one up to
yesterday (generated, deterministic), a three-day forecast, and a fit, so `make run` shows a forecast."""

import random
from datetime import timedelta

from django.utils import timezone

from wennuan.core.demo import register
from wennuan.registry.models import City
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
    history, forecast = [], []
    for k, year in enumerate(range(this - 3, this + 1)):
        weather = synthetic.season_weather(year, rng)
        days = synthetic.season_calls(weather, level=260.0 * 0.93**k, rng=rng)
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
