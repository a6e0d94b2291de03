"""The surge model on generated seasons: it learns the terms the calls follow and forecasts a season it has
not seen far better than last season's mean or a straight line on temperature."""

import math
from datetime import date, timedelta

import pytest

from wennuan.surge import model, synthetic
from wennuan.surge.backtest import synthetic_backtest
from wennuan.surge.model import Day


@pytest.fixture(scope="module")
def fitted():
    history = synthetic.city_history(4, seed=11)
    return model.fit(history)


def _coef(m, name):
    return m.coefficients[model.TERMS.index(name)]


def test_it_learns_what_the_calls_follow(fitted):
    assert fitted.season_start == (11, 1)
    assert _coef(fitted, "周日（对周一）") < -0.1  # fewer calls on Sundays
    assert _coef(fitted, "室外气温每低 1 ℃") > 0  # more with cold
    assert _coef(fitted, "骤降后第 1 天（每降 1 ℃）") > 0.02  # and after a sudden drop
    assert _coef(fitted, "每过一个供暖季") < 0  # a city that improves
    first_day = model.predict(fitted, [Day(date(2024, 11, 2), -2.0)])[0]
    a_month_in = model.predict(fitted, [Day(date(2024, 12, 2), -2.0)])[0]
    assert first_day > 1.5 * a_month_in  # the season-start surge


def test_a_cold_wave_raises_the_days_after_it(fitted):
    calm = [Day(date(2024, 12, 10) + timedelta(days=i), -8.0) for i in range(6)]
    wave = [Day(d.day, -8.0 if i < 3 else -20.0) for i, d in enumerate(calm)]
    flat, cold = model.predict(fitted, calm), model.predict(fitted, wave)
    assert cold[4] / flat[4] > cold[3] / flat[3] > 1.2  # the day after the drop rises more than the day of it


@pytest.mark.parametrize("seed", [101, 202, 303])
def test_an_unseen_season_is_forecast_within_about_ten_percent(seed):
    r = synthetic_backtest(seed=seed)
    assert r.model_mape < 12.0, r
    assert r.model_mape < r.oracle_mape + 4.0, r  # close to the floor the noise sets
    assert r.model_mape < r.last_season_mean_mape / 3 and r.model_mape < r.temperature_line_mape / 3, r


def test_explain_says_each_effect_in_words(fitted):
    lines = model.explain(fitted)
    assert any(line.startswith("周日（对周一）：少") for line in lines)
    assert any("骤降后第 1 天" in line and "多" in line for line in lines)


def test_a_model_survives_storage(fitted):
    again = model.Model.from_dict(fitted.as_dict())
    days = [Day(date(2024, 11, 20), -5.0), Day(date(2024, 11, 21), -12.0)]
    assert model.predict(again, days) == pytest.approx(model.predict(fitted, days))


def test_too_short_a_history_is_refused():
    with pytest.raises(model.NotEnoughHistory, match="至少需要 60 天"):
        model.fit(synthetic.city_history(1, seed=1)[:30])


def test_mape_skips_days_without_calls():
    assert model.mape([100, 0, 50], [110, 5, 45]) == pytest.approx(10.0)
    assert math.isclose(model.mape([10], [10]), 0.0)
