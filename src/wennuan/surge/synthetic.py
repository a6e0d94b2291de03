"""Seasons of a made-up city, for backtests and tests: outdoor temperatures with cold waves, and daily calls
drawn from a process that is NOT the model's own form (a gamma-shaped start peak, a nonlinear response to
cold, a cold wave's effect spread over the following days with a hump, the odd outage spike, and
overdispersed noise), so that a backtest measures how well the model generalises, not how well it
recovers itself."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from .model import Day

SEASON_START = (11, 1)
SEASON_DAYS = 151  # 11-01 … 03-31


def season_weather(year: int, rng: random.Random) -> list[tuple[date, float]]:
    """Daily outdoor means for the season starting in November of ``year``: a cold mid-winter, day-to-day
    wander, and two to four cold waves (a drop of 8–14 ℃ within two days, recovering over a week)."""
    start = date(year, *SEASON_START)
    waves: list[int] = []
    count = rng.randint(2, 4)
    while len(waves) < count:  # cold waves a fortnight apart at least: they do not pile up
        w = rng.randrange(10, SEASON_DAYS - 15)
        if all(abs(w - other) >= 14 for other in waves):
            waves.append(w)
    waves.sort()
    depth = {w: rng.uniform(8, 14) for w in waves}
    wander = 0.0
    out = []
    for i in range(SEASON_DAYS):
        seasonal = 2.0 - 16.0 * math.sin(math.pi * (i + 5) / (SEASON_DAYS + 10))  # ≈ +2 → −14 → +2 ℃
        wander = 0.7 * wander + rng.gauss(0, 1.8)
        wave = 0.0
        for w in waves:
            k = i - w
            if 0 <= k < 2:
                wave -= depth[w] * (k + 1) / 2
            elif 2 <= k < 9:
                wave -= depth[w] * (1 - (k - 1) / 8)
        # A northern city's coldest daily means stay above about −35 ℃.
        out.append((start + timedelta(days=i), round(max(-35.0, seasonal + wander + wave), 1)))
    return out


def season_calls(
    weather: list[tuple[date, float]], *, level: float, rng: random.Random, means: list | None = None
) -> list[Day]:
    """Daily heating calls for one season's weather at a city's ``level`` (calls on a mild mid-season
    weekday). ``means``, when given, receives each day's true expected calls (what an oracle would
    forecast: the floor no model can beat, set by the noise)."""
    weekday = [1.0, 0.97, 0.95, 0.96, 0.98, 0.88, 0.78]
    temps = [t for _, t in weather]
    days = []
    for i, (d, t) in enumerate(weather):
        start_peak = 2.6 * (i + 1) ** 1.2 * math.exp(-(i + 1) / 2.8) / 2.0 + 0.9 * math.exp(-i / 14)
        cold = 0.028 * max(0.0, 5 - t) + 0.0018 * max(0.0, -8 - t) ** 2
        wave = 0.0
        for lag, weight in ((0, 0.04), (1, 0.075), (2, 0.06), (3, 0.03), (4, 0.012)):
            j = i - lag
            if j >= 3:
                drop = max(0.0, sum(temps[j - 3 : j]) / 3 - temps[j])
                wave += weight * drop
        mean = level * (1 + start_peak) * weekday[d.weekday()] * math.exp(cold + wave)
        if means is not None:
            means.append(mean)
        if rng.random() < 0.02:
            mean *= rng.uniform(1.3, 1.8)  # a burst main or a station down: not in any term
        shape = 150.0  # gamma-Poisson (negative binomial): ~8% more spread than Poisson alone
        calls = _poisson(rng.gammavariate(shape, mean / shape), rng)
        days.append(Day(d, t, calls))
    return days


def city_history(
    seasons: int, *, seed: int = 7, level: float = 420.0, trend: float = 0.92, means: list | None = None
) -> list[Day]:
    """``seasons`` consecutive seasons (the first starting November 2020); each season's level is
    ``trend`` times the one before (a city that improves)."""
    rng = random.Random(seed)
    out: list[Day] = []
    for k in range(seasons):
        out += season_calls(season_weather(2020 + k, rng), level=level * trend**k, rng=rng, means=means)
    return out


def _poisson(mean: float, rng: random.Random) -> int:
    if mean > 60:  # normal approximation: exact enough here, and fast
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
