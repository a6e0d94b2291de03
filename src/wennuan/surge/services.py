"""Writes of the surge forecast: a city's outdoor temperatures in, and a new fit with its forecast and
staffing out. Each is one transaction and audited."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from wennuan.core.audit import record
from wennuan.registry.models import City

from . import model, selectors
from .days_csv import read_days
from .enums import WeatherKind
from .models import SurgeFit, WeatherDay
from .staffing import agents_per_shift, crews_per_company

# The days ahead a forecast covers (the dashboard shows three).
AHEAD_DAYS = 3


@transaction.atomic
def import_weather(*, city: City, stream, name: str, kind: WeatherKind, by, source: str = "文件导入") -> int:
    """Store a ``date,outdoor_c`` file's days for ``city`` (a day already stored is updated): all rows or,
    with any bad row, none (BadDaysFile naming each). Returns the number of days."""
    days = read_days(stream, name=name, with_calls=False)
    return store_days(city=city, days=[(d.day, d.outdoor_c) for d in days], kind=kind, by=by, source=source)


@transaction.atomic
def import_history(*, city: City, stream, name: str, by, source: str = "12345统计导入") -> int:
    """Store a ``date,outdoor_c,calls`` file (the H.csv of ``wennuan surge forecast``): each day's observed
    outdoor mean and the 12345 platform's count of heating calls, which wins over counted cases. All rows
    or none."""
    days = read_days(stream, name=name, with_calls=True)
    return store_days(
        city=city, days=[(d.day, d.outdoor_c, d.calls) for d in days], kind=WeatherKind.OBSERVED, by=by,
        source=source,
    )  # fmt: skip


def store_days(*, city, days, kind, by, source) -> int:
    """``days``: (date, ℃) or (date, ℃, imported calls)."""
    rows = [
        WeatherDay(
            city=city,
            day=d[0],
            kind=kind,
            outdoor_c=Decimal(str(round(d[1], 1))),
            source=source[:60],
            imported_calls=d[2] if len(d) > 2 else None,
        )  # fmt: skip
        for d in days
    ]
    fields = ["outdoor_c", "source", "updated_at"] + (["imported_calls"] if days and len(days[0]) > 2 else [])
    WeatherDay.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["city", "day", "kind"], update_fields=fields
    )
    if rows:
        record(
            actor=by,
            action="surge.weather_import",
            obj=city,
            summary=f"导入{WeatherKind(kind).label}气温 {len(rows)} 天（{min(d[0] for d in days)}–{max(d[0] for d in days)}）",
            changes={
                "kind": kind,
                "days": len(rows),
                "source": source,
                "with_calls": "imported_calls" in fields,
            },
        )
    return len(rows)


def fetch_forecast(*, city: City) -> int:
    """Ask the configured weather source (``WENNUAN_WEATHER_SOURCE``: a dotted path to
    ``fn(city_name, start, days) -> [(date, outdoor_c), …]``) for the coming days; 0 when none is set."""
    path = settings.SURGE_WEATHER_SOURCE
    if not path:
        return 0
    start = timezone.localdate()
    days = import_string(path)(city.name, start, AHEAD_DAYS)
    checked = [(d, float(t)) for d, t in days if start <= d < start + timedelta(days=AHEAD_DAYS)]
    return store_days(city=city, days=checked, kind=WeatherKind.FORECAST, by=None, source=path)


@transaction.atomic
def refit(*, city: City, by=None) -> SurgeFit | None:
    """Fit the city's model on its own seasons, forecast the next days it has a weather forecast for, and
    suggest the staffing; None when the history is still too short (under 60 days)."""
    history = selectors.daily_history(city)
    try:
        fitted = model.fit(history)
    except model.NotEnoughHistory:
        return None
    today = timezone.localdate()
    ahead = selectors.forecast_weather(city, start=today, days=AHEAD_DAYS)
    calls = model.predict(fitted, ahead) if ahead else []
    productivity, notes = selectors.productivity(city)
    forecast = [
        {
            "day": d.day.isoformat(),
            "outdoor_c": d.outdoor_c,
            "calls": round(c),
            "agents": agents_per_shift(c, productivity),
            "crews": crews_per_company(c, productivity),
        }
        for d, c in zip(ahead, calls, strict=True)
    ]
    fit = SurgeFit.objects.create(
        city=city,
        fitted_at=timezone.now(),
        history_days=len(history),
        model=fitted.as_dict(),
        forecast=forecast,
        staffing={
            "cases_per_agent_hour": round(productivity.cases_per_agent_hour, 2),
            "cases_per_crew_day": round(productivity.cases_per_crew_day, 2),
            "notes": notes,
        },
    )
    record(
        actor=by,
        action="surge.refit",
        obj=city,
        summary=f"重算话务预测：历史 {len(history)} 天，预测 {len(forecast)} 天",
        changes={"history_days": len(history), "forecast": [(f["day"], f["calls"]) for f in forecast]},
    )
    return fit


def refresh(*, city: City, by=None) -> tuple[int, SurgeFit | None]:
    """Fetch the city's forecast from the weather source (if one is set), then refit: (days fetched, the
    fit or None when the history is too short). What the nightly sweep and 「全部重算」 do per city."""
    return fetch_forecast(city=city), refit(city=city, by=by)


def refit_all(*, by=None) -> list[str]:
    lines = []
    for city in City.objects.order_by("name"):
        fetched, fit = refresh(city=city, by=by)
        if fit is None:
            lines.append(f"{city.name}：历史不足 60 天，未拟合")
        else:
            days = "，".join(f"{f['day']} {f['calls']} 件" for f in fit.forecast) or "无天气预报，未出预测"
            lines.append(
                f"{city.name}：历史 {fit.history_days} 天{f'，取预报 {fetched} 天' if fetched else ''}；{days}"
            )
    return lines
