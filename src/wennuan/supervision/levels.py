"""The scopes a figure is asked for (each a level of the summary tables) and the grains of its periods."""

from datetime import date, timedelta

from django.db import models


class Level(models.TextChoices):
    CITY = "city", "城市"
    DISTRICT = "district", "区县"
    STREET = "street", "街道"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"
    COMPANY = "company", "供热企业"
    STATION = "station", "换热站"
    ESTATE = "estate", "小区"


class Grain(models.TextChoices):
    DAY = "d", "日"
    WEEK = "w", "周"
    MONTH = "m", "月"


ALL_CATEGORIES = "*"  # the category column of a row that sums every category


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    return day.replace(day=1)


def periods_of(day: date) -> dict[str, date]:
    """The period (its first day) of each grain ``day`` falls in."""
    return {Grain.DAY: day, Grain.WEEK: week_of(day), Grain.MONTH: month_of(day)}


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def segments(start: date, end: date) -> list[tuple[str, date]]:
    """[start, end] (inclusive) as few whole periods as possible: months, else weeks that stay inside a
    month not wholly in range, else days. A season is five month rows; any range is at most ~25 rows."""
    out = []
    day = start
    while day <= end:
        following = _next_month(day)
        if day.day == 1 and following - timedelta(days=1) <= end:
            out.append((Grain.MONTH, day))
            day = following
            continue
        week_end = day + timedelta(days=6)
        # A week that runs into the next month only when that month cannot be taken whole.
        month_whole_next = _next_month(following) - timedelta(days=1) <= end
        crosses = week_end >= following
        if day.weekday() == 0 and week_end <= end and not (crosses and month_whole_next):
            out.append((Grain.WEEK, day))
            day = week_end + timedelta(days=1)
            continue
        out.append((Grain.DAY, day))
        day += timedelta(days=1)
    return out
