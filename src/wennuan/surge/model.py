"""The surge model: a city's daily heating calls as a Poisson regression (log link) on terms anyone at the
dispatch meeting can read off — the season-start surge, the day of the week, the cold, a sudden drop in
the days after it, and the trend from season to season.

    log E[calls] = b0 + trend·season + start surge + weekday + cold + cold-wave drops

Each term multiplies the calls: ``explain`` turns the fitted coefficients into Chinese sentences
("周日比周一少 18%", "骤降后第 1 天每降 1 ℃ 多 6%"). Pure: no database, no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import statsmodels.api as sm

# The terms, in the order of the design matrix. The start surge has a fast and a slow decay so that it can
# take the shape a city's first weeks have (a sharp first days' peak, and air in the pipes for two weeks).
START_FAST_DAYS = 3.0
START_SLOW_DAYS = 12.0
DROP_LAGS = (0, 1, 2, 3)  # the day of a drop and the three after it: calls peak in the days after a cold wave
DROP_BASE_DAYS = 3  # a drop is measured against the mean of the three days before
SEVERE_COLD_C = -15.0  # below this each further degree adds more
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
TERMS = (
    "常数",
    "每过一个供暖季",
    "开栓初期（快）",
    "开栓初期（慢）",
    "供暖季进程",
    *(f"{d}（对周一）" for d in WEEKDAYS[1:]),
    "室外气温每低 1 ℃",
    f"低于 {SEVERE_COLD_C:g} ℃ 后每低 1 ℃",
    *(f"骤降后第 {lag} 天（每降 1 ℃）" if lag else "骤降当天（每降 1 ℃）" for lag in DROP_LAGS),
)


class NotEnoughHistory(ValueError):
    pass


@dataclass(frozen=True)
class Day:
    """One day of a city: its date, outdoor daily mean (℃) and, for history, the heating calls."""

    day: date
    outdoor_c: float
    calls: int | None = None


@dataclass
class Model:
    coefficients: list[float]
    season_start: tuple[int, int]  # (month, day) the city's seasons start on
    first_season: int  # the season year (its November's year) that trend index 0 stands for
    history_tail: list[Day] = field(default_factory=list)  # the last days, for drops at a forecast's start
    days: int = 0

    def as_dict(self) -> dict:
        return {
            "coefficients": self.coefficients,
            "season_start": list(self.season_start),
            "first_season": self.first_season,
            "history_tail": [[d.day.isoformat(), d.outdoor_c] for d in self.history_tail],
            "days": self.days,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Model:
        return cls(
            coefficients=list(data["coefficients"]),
            season_start=tuple(data["season_start"]),
            first_season=int(data["first_season"]),
            history_tail=[Day(date.fromisoformat(d), float(t)) for d, t in data["history_tail"]],
            days=int(data.get("days", 0)),
        )


def season_year(d: date, start: tuple[int, int]) -> int:
    """The season a day belongs to, named by the year it starts in (a season starting in November 2026 and
    ending in March 2027 is 2026)."""
    return d.year if d.month >= 7 else d.year - 1


def season_start_of(d: date, start: tuple[int, int]) -> date:
    return date(season_year(d, start), *start)


def _runs(days: list[Day]) -> list[list[Day]]:
    """Contiguous stretches of days (a gap of more than 30 days separates two seasons)."""
    runs: list[list[Day]] = []
    for d in days:
        if runs and (d.day - runs[-1][-1].day).days <= 30:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def typical_start(days: list[Day]) -> tuple[int, int]:
    """The (month, day) a city's seasons start on: the median first day of its seasons in the history."""
    firsts = sorted(
        (r[0].day.month if r[0].day.month >= 7 else r[0].day.month + 12, r[0].day.day) for r in _runs(days)
    )
    month, day = firsts[len(firsts) // 2]
    return (month if month <= 12 else month - 12, day)


def _temps_by_day(days: list[Day]) -> dict[date, float]:
    return {d.day: d.outdoor_c for d in days}


def design(
    days: list[Day], *, start: tuple[int, int], first_season: int, known: dict[date, float]
) -> np.ndarray:
    """The design matrix, one row per day in ``days``. ``known`` holds every outdoor mean available (the
    history's and the days' own), for the drop terms that look back three days."""
    rows = []
    for d in days:
        since = max(0, (d.day - season_start_of(d.day, start)).days)
        weekday = [1.0 if d.day.weekday() == k else 0.0 for k in range(1, 7)]
        t = d.outdoor_c
        drops = []
        for lag in DROP_LAGS:
            day = d.day - timedelta(days=lag)
            before = [known.get(day - timedelta(days=k)) for k in range(1, DROP_BASE_DAYS + 1)]
            today = known.get(day)
            if today is None or any(b is None for b in before):
                drops.append(0.0)
            else:
                drops.append(max(0.0, sum(before) / len(before) - today))
        rows.append(
            [
                1.0,
                float(season_year(d.day, start) - first_season),
                math.exp(-since / START_FAST_DAYS),
                math.exp(-since / START_SLOW_DAYS),
                since / 100.0,
                *weekday,
                -t,
                max(0.0, SEVERE_COLD_C - t),
                *drops,
            ]
        )
    return np.asarray(rows, dtype=float)


def fit(history: list[Day]) -> Model:
    """Fit on past seasons (one row per day with calls). Needs at least 60 days."""
    history = sorted((d for d in history if d.calls is not None), key=lambda d: d.day)
    if len(history) < 60:
        raise NotEnoughHistory(f"历史数据只有 {len(history)} 天，至少需要 60 天（一个供暖季的大部分）")
    start = typical_start(history)
    first = season_year(history[0].day, start)
    x = design(history, start=start, first_season=first, known=_temps_by_day(history))
    y = np.asarray([d.calls for d in history], dtype=float)
    one_season = len({season_year(d.day, start) for d in history}) < 2
    if one_season:
        x = np.delete(x, 1, axis=1)  # one season: no trend to learn
    result = sm.GLM(y, x, family=sm.families.Poisson()).fit()
    coef = [0.0 if not np.isfinite(c) else float(c) for c in result.params]
    if one_season:
        coef.insert(1, 0.0)
    return Model(
        coef, start, first, history_tail=history[-(DROP_BASE_DAYS + max(DROP_LAGS)) :], days=len(history)
    )


def predict(model: Model, days: list[Day]) -> list[float]:
    """Expected calls for each of ``days`` (their outdoor means are the forecast)."""
    days = sorted(days, key=lambda d: d.day)
    known = _temps_by_day(model.history_tail) | _temps_by_day(days)
    x = design(days, start=model.season_start, first_season=model.first_season, known=known)
    return [float(v) for v in np.exp(x @ np.asarray(model.coefficients))]


def explain(model: Model) -> list[str]:
    """Each term's effect in words: a multiplier on the day's calls."""
    out = []
    for name, c in zip(TERMS[1:], model.coefficients[1:], strict=True):
        pct = (math.exp(c) - 1) * 100
        if abs(pct) >= 0.5:
            out.append(f"{name}：{'多' if pct > 0 else '少'} {abs(pct):.0f}%")
    return out


def mape(actual: list[float], predicted: list[float]) -> float:
    """Mean absolute percentage error over the days with calls (a day with none has no percentage)."""
    pairs = [(a, p) for a, p in zip(actual, predicted, strict=True) if a > 0]
    return 100.0 * sum(abs(a - p) / a for a, p in pairs) / len(pairs)
