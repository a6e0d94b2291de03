"""How far off the model is on a season it has not seen, against the two forecasts anyone could make
without it: last season's mean, and a straight line on the outdoor temperature."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import model, synthetic
from .model import Day


@dataclass(frozen=True)
class Backtest:
    seed: int
    days: int
    model_mape: float
    last_season_mean_mape: float
    temperature_line_mape: float
    oracle_mape: float  # the generator's own expected calls: the floor the noise sets


def baselines(train: list[Day], test: list[Day]) -> tuple[list[float], list[float]]:
    start = model.typical_start(train)
    last = model.season_year(train[-1].day, start)
    last_days = [d.calls for d in train if model.season_year(d.day, start) == last]
    mean = [sum(last_days) / len(last_days)] * len(test)
    x = np.c_[np.ones(len(train)), [d.outdoor_c for d in train]]
    b = np.linalg.lstsq(x, np.asarray([d.calls for d in train], dtype=float), rcond=None)[0]
    line = [float(b[0] + b[1] * d.outdoor_c) for d in test]
    return mean, line


def synthetic_backtest(*, seed: int, seasons: int = 5, level: float = 420.0) -> Backtest:
    """Fit on the first ``seasons - 1`` generated seasons, forecast the last from its weather."""
    means: list[float] = []
    history = synthetic.city_history(seasons, seed=seed, level=level, means=means)
    start = model.typical_start(history)
    last = model.season_year(history[-1].day, start)
    train = [d for d in history if model.season_year(d.day, start) < last]
    test_idx = [i for i, d in enumerate(history) if model.season_year(d.day, start) == last]
    test = [history[i] for i in test_idx]
    fitted = model.fit(train)
    predicted = model.predict(fitted, [Day(d.day, d.outdoor_c) for d in test])
    actual = [d.calls for d in test]
    mean, line = baselines(train, test)
    return Backtest(
        seed=seed,
        days=len(test),
        model_mape=model.mape(actual, predicted),
        last_season_mean_mape=model.mape(actual, mean),
        temperature_line_mape=model.mape(actual, line),
        oracle_mape=model.mape(actual, [means[i] for i in test_idx]),
    )
