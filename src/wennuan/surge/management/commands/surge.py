"""``wennuan surge forecast --history H.csv --weather W.csv``: the next days' heating calls from a city's
history (``date,outdoor_c,calls``) and the days' outdoor forecast (``date,outdoor_c``), as CSV
``date,calls`` on standard output. ``wennuan surge backtest``: the model against last season's mean and a
straight line on temperature, on generated seasons. ``wennuan surge refit``: what the nightly sweep does
(every city's forecast from its own cases and weather)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wennuan.core.errors import DomainError
from wennuan.surge import model
from wennuan.surge.days_csv import read_days, write_forecast


class Command(BaseCommand):
    help = (
        "寒潮话务预测：forecast（由历史与天气预报出每日来电数）、backtest（回测）、refit（重算各城市预测）。"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        f = sub.add_parser("forecast", help="由 H.csv（date,outdoor_c,calls）和 W.csv（date,outdoor_c）预测")
        f.add_argument(
            "--history", required=True, help="past seasons: date,outdoor_c,calls (one row per day)"
        )
        f.add_argument("--weather", required=True, help="the days to predict: date,outdoor_c")
        f.add_argument("--explain", action="store_true", help="print each term's effect to stderr")
        b = sub.add_parser("backtest", help="在生成的供暖季上回测（与上季均值、气温直线比较）")
        b.add_argument("--seeds", type=int, default=10)
        b.add_argument("--level", type=float, default=420.0, help="calls on a mild mid-season weekday")
        sub.add_parser("refit", help="重算各城市的预测（夜间任务同此）")

    def handle(self, *args, action, **opts):
        return getattr(self, action)(**opts)

    def _read(self, path: str, *, with_calls: bool):
        try:
            with Path(path).open(encoding="utf-8-sig", newline="") as stream:
                return read_days(stream, name=path, with_calls=with_calls)
        except OSError as err:
            raise CommandError(f"cannot read {path}: {err.strerror}") from err
        except DomainError as err:
            raise CommandError(str(err)) from err

    def forecast(self, *, history, weather, explain, **_):
        past = self._read(history, with_calls=True)
        days = self._read(weather, with_calls=False)
        try:
            fitted = model.fit(past)
        except model.NotEnoughHistory as err:
            raise CommandError(f"{history}: {err}") from err
        if explain:
            for line in model.explain(fitted):
                self.stderr.write(line)
        write_forecast(days, model.predict(fitted, days), sys.stdout)

    def backtest(self, *, seeds, level, **_):
        from wennuan.surge.backtest import synthetic_backtest

        if not 1 <= seeds <= 200 or not 10 <= level <= 100_000:
            raise CommandError("--seeds 1…200, --level 10…100000")
        rows = [synthetic_backtest(seed=s, level=level) for s in range(1, seeds + 1)]
        self.stdout.write("seed  days  model  last_season_mean  temperature_line  oracle  (MAPE %)")
        for r in rows:
            self.stdout.write(
                f"{r.seed:>4}  {r.days:>4}  {r.model_mape:5.1f}  {r.last_season_mean_mape:16.1f}"
                f"  {r.temperature_line_mape:16.1f}  {r.oracle_mape:6.1f}"
            )
        n = len(rows)
        avg = {
            k: sum(getattr(r, k) for r in rows) / n
            for k in ("model_mape", "last_season_mean_mape", "temperature_line_mape", "oracle_mape")
        }
        self.stdout.write(
            f"seasons={n} model_mape={avg['model_mape']:.1f} last_season_mean_mape={avg['last_season_mean_mape']:.1f}"
            f" temperature_line_mape={avg['temperature_line_mape']:.1f} oracle_mape={avg['oracle_mape']:.1f}"
        )

    def refit(self, **_):
        from wennuan.surge.services import refit_all

        for line in refit_all():
            self.stdout.write(line)
