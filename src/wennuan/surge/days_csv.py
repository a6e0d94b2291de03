"""``date,outdoor_c[,calls]`` files: a city's history (with calls) and the days to forecast (without).

Every row is checked and every bad one reported (row, field, why) before anything is used: a forecast is
made from a whole file or not at all."""

from __future__ import annotations

import csv
import io
import math
from datetime import date

from wennuan.core.errors import DomainError
from wennuan.core.sheets import bounded_lines

from .model import Day

# Outdoor daily means outside this are a typo or a unit slip (°F, tenths of a degree), not a winter.
OUTDOOR_MIN_C, OUTDOOR_MAX_C = -60.0, 45.0
MAX_CALLS = 10_000_000
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)


class BadDaysFile(DomainError):
    code = "bad_days_file"
    http_status = 422

    def __init__(self, name: str, errors: list[str]):
        self.errors = errors
        shown = "\n".join(errors[:20]) + (f"\n……共 {len(errors)} 处错误" if len(errors) > 20 else "")
        super().__init__(f"{name}：\n{shown}")


def read_days(stream, *, name: str, with_calls: bool) -> list[Day]:
    """The rows of a ``date,outdoor_c[,calls]`` CSV (UTF-8, a BOM allowed), sorted by date; BadDaysFile
    listing every bad row otherwise."""
    if isinstance(stream, bytes | bytearray):
        stream = io.StringIO(bytes(stream).decode("utf-8-sig"))
    reader = csv.reader(bounded_lines(stream))
    header = [h.strip().lstrip("\ufeff").lower() for h in next(reader, [])]
    need = ["date", "outdoor_c"] + (["calls"] if with_calls else [])
    missing = [c for c in need if c not in header]
    if missing:
        raise BadDaysFile(name, [f"第1行（表头）：缺少列 {', '.join(missing)}（需要 {','.join(need)}）"])
    col = {c: header.index(c) for c in need}
    days: list[Day] = []
    errors: list[str] = []
    seen: dict[date, int] = {}
    for n, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in col.items()}
        problems = []
        try:
            day = date.fromisoformat(cells["date"])
            if not FIRST_DAY <= day <= LAST_DAY:
                problems.append(f"date {day} 不在 {FIRST_DAY.year}–{LAST_DAY.year} 年之间")
        except ValueError:
            day = None
            problems.append(f"date “{cells['date'][:20]}” 不是 YYYY-MM-DD 日期")
        try:
            outdoor = float(cells["outdoor_c"])
            if not math.isfinite(outdoor) or not OUTDOOR_MIN_C <= outdoor <= OUTDOOR_MAX_C:
                problems.append(
                    f"outdoor_c {cells['outdoor_c']} 不在 {OUTDOOR_MIN_C:g}…{OUTDOOR_MAX_C:g} ℃ 之间"
                )
        except ValueError:
            outdoor = None
            problems.append(f"outdoor_c “{cells['outdoor_c'][:20]}” 不是数字")
        calls = None
        if with_calls:
            try:
                calls = int(cells["calls"])
                if not 0 <= calls <= MAX_CALLS:
                    problems.append(f"calls {calls} 不在 0…{MAX_CALLS} 之间")
            except ValueError:
                problems.append(f"calls “{cells['calls'][:20]}” 不是整数")
        if day is not None and day in seen:
            problems.append(f"date {day} 与第{seen[day]}行重复")
        if problems:
            errors.append(f"第{n}行：" + "；".join(problems))
            continue
        seen[day] = n
        days.append(Day(day, outdoor, calls))
    if errors:
        raise BadDaysFile(name, errors)
    if not days:
        raise BadDaysFile(name, ["没有数据行"])
    return sorted(days, key=lambda d: d.day)


def write_forecast(days: list[Day], calls: list[float], out) -> None:
    """``date,calls`` for each day, calls rounded to whole calls."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "calls"])
    for d, c in zip(days, calls, strict=True):
        w.writerow([d.day.isoformat(), round(c)])
