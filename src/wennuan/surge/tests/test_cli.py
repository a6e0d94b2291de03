"""``wennuan surge forecast --history H.csv --weather W.csv`` prints ``date,calls`` for every day of W."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from wennuan.surge import synthetic


def _write(path, rows, header):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


@pytest.fixture
def files(tmp_path):
    days = synthetic.city_history(4, seed=5)
    past = [d for d in days if d.day.year < 2023 or (d.day.year == 2023 and d.day.month < 7)]
    ahead = [d for d in days if d not in past][:10]
    h = _write(
        tmp_path / "H.csv", [(d.day, d.outdoor_c, d.calls) for d in past], ["date", "outdoor_c", "calls"]
    )
    w = _write(tmp_path / "W.csv", [(d.day, d.outdoor_c) for d in ahead], ["date", "outdoor_c"])
    return h, w, ahead


def test_forecast_prints_a_row_for_every_day_of_the_weather_file(files, capsys):
    h, w, ahead = files
    call_command("surge", "forecast", "--history", str(h), "--weather", str(w))
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["date"] for r in rows] == [d.day.isoformat() for d in ahead]
    for row, day in zip(rows, ahead, strict=True):
        assert int(row["calls"]) >= 0
        assert abs(int(row["calls"]) - day.calls) / day.calls < 0.35  # the first days of a season, forecast


def test_a_bad_history_names_row_and_field(files, tmp_path):
    _, w, _ = files
    bad = _write(
        tmp_path / "bad.csv",
        [
            ("2024-11-01", "-3", "120"),
            ("2024-11-02", "abc", "80"),
            ("2024-13-01", "1", "-4"),
            ("2024-11-01", "2", "9"),
        ],
        ["date", "outdoor_c", "calls"],
    )
    with pytest.raises(CommandError) as err:
        call_command("surge", "forecast", "--history", str(bad), "--weather", str(w))
    text = str(err.value)
    assert "第3行：outdoor_c “abc” 不是数字" in text
    assert "第4行：date “2024-13-01” 不是 YYYY-MM-DD 日期；calls -4 不在" in text
    assert "第5行：date 2024-11-01 与第2行重复" in text


def test_a_weather_file_without_its_columns_is_refused(files, tmp_path):
    h, _, _ = files
    bad = _write(tmp_path / "w.csv", [("2024-11-01",)], ["day"])
    with pytest.raises(CommandError, match="缺少列 date, outdoor_c"):
        call_command("surge", "forecast", "--history", str(h), "--weather", str(bad))


def test_an_outdoor_temperature_out_of_range_is_refused(files, tmp_path):
    h, _, _ = files
    bad = _write(tmp_path / "w.csv", [("2024-11-01", "nan"), ("2024-11-02", "-273")], ["date", "outdoor_c"])
    with pytest.raises(CommandError) as err:
        call_command("surge", "forecast", "--history", str(h), "--weather", str(bad))
    assert "第2行" in str(err.value) and "第3行" in str(err.value)


def test_backtest_prints_the_comparison(capsys):
    call_command("surge", "backtest", "--seeds", "2")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("seasons=2 model_mape=") and "last_season_mean_mape=" in last
