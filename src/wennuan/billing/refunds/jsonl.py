"""One JSON line ↔ one refund: the contract of ``wennuan refund compute`` (issue 15, item 4).

In:  {"id": "X1", "city": "default", "season": ["2025-11-01", "2026-03-31"], "area_m2": 100,
      "price_per_m2": 27, "readings": [{"at": "2025-12-10T09:30+08:00", "celsius": 15.0, "signed": true}, …]}
     optional per reading: "cause" ("resident"/"company"), "cause_note", "refusal" ("measure"/"certificate"/
     "sign"), "room", "room_area_m2"; per line: "complaint_at", "measurement_deadline_hours", "standard",
     "outages": [{"start", "end"}] (company-caused stoppages).
Out: {"id", "refund_yuan", "days", "explanation"}, or {"id", "line", "error"} for a line that cannot be computed.
"""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..enums import Cause, Refusal
from .engine import InputError, Interval, Reading, RefundInput, compute
from .presets import preset

MAX_ID_LENGTH = 200


def compute_line(text: str, line: int) -> dict[str, Any]:
    """The output object for one input line; never raises for bad input."""
    item_id = None
    try:
        try:
            raw = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as err:
            raise InputError("JSON", f"不是合法的JSON（{err.msg}，第{err.colno}列）") from None
        if not isinstance(raw, dict):
            raise InputError("JSON", "每行须是一个对象")
        item_id = raw.get("id")
        if (
            not isinstance(item_id, str | int)
            or isinstance(item_id, bool)
            or len(str(item_id)) > MAX_ID_LENGTH
        ):
            item_id = None
            raise InputError("id", "缺少id（字符串或整数）")
        result = compute(parse(raw))
    except InputError as err:
        return {"id": item_id, "line": line, "error": str(err)}
    return {
        "id": item_id,
        "refund_yuan": float(result.refund_yuan),
        "days": result.days,
        "explanation": result.explanation,
    }


def parse(raw: dict[str, Any]) -> RefundInput:
    """A JSON object → the engine's input; InputError names the field and why."""
    city = raw.get("city", "default")
    if not isinstance(city, str):
        raise InputError("city", "须是城市规则名称")
    try:
        rule = preset(city)
    except KeyError as err:
        raise InputError("city", err.args[0]) from None
    season = raw.get("season")
    if not isinstance(season, list) or len(season) != 2:
        raise InputError("season", '须是 ["开始日期", "结束日期"]')
    readings = raw.get("readings", [])
    if not isinstance(readings, list):
        raise InputError("readings", "须是列表")
    outages = raw.get("outages", [])
    if not isinstance(outages, list):
        raise InputError("outages", "须是列表")
    return RefundInput(
        rule=rule,
        season_start=_date(season[0], "season[0]"),
        season_end=_date(season[1], "season[1]"),
        area_m2=_number(raw.get("area_m2"), "area_m2"),
        price_per_m2=_number(raw.get("price_per_m2"), "price_per_m2"),
        readings=tuple(_reading(r, i) for i, r in enumerate(readings, 1)),
        outages=tuple(_outage(o, i) for i, o in enumerate(outages, 1)),
        complaint_at=_moment(raw["complaint_at"], "complaint_at") if raw.get("complaint_at") else None,
        measurement_deadline_hours=_optional_number(raw, "measurement_deadline_hours"),
        standard=_optional_number(raw, "standard"),
    )


def _reading(raw: Any, i: int) -> Reading:
    if not isinstance(raw, dict):
        raise InputError(f"readings[{i}]", "须是对象")
    signed = raw.get("signed", False)
    if not isinstance(signed, bool):
        raise InputError(f"readings[{i}].signed", "须是 true 或 false")
    return Reading(
        at=_moment(raw.get("at"), f"readings[{i}].at"),
        celsius=_optional_number(raw, "celsius", f"readings[{i}]."),
        signed=signed,
        cause=_choice(raw.get("cause"), Cause, f"readings[{i}].cause"),
        cause_note=_text(raw.get("cause_note", ""), f"readings[{i}].cause_note"),
        refusal=_choice(raw.get("refusal"), Refusal, f"readings[{i}].refusal"),
        room=_text(raw.get("room", ""), f"readings[{i}].room"),
        room_area_m2=_optional_number(raw, "room_area_m2", f"readings[{i}]."),
    )


def _outage(raw: Any, i: int) -> Interval:
    if not isinstance(raw, dict):
        raise InputError(f"outages[{i}]", "须是对象")
    return Interval(
        start=_moment(raw.get("start"), f"outages[{i}].start"),
        end=_moment(raw.get("end"), f"outages[{i}].end"),
    )


def _number(value: Any, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InputError(field, "须是数字")
    number = Decimal(value)
    if not number.is_finite():
        raise InputError(field, "须是有限的数字")
    return number


def _optional_number(raw: dict, key: str, prefix: str = "") -> Decimal | None:
    return None if raw.get(key) is None else _number(raw[key], prefix + key)


def _date(value: Any, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(field, "须是日期，如 2025-11-01") from None


def _moment(value: Any, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(field, "须是带时区的时间，如 2025-12-10T09:30+08:00") from None
    if moment.tzinfo is None:
        raise InputError(field, "时间须带时区（如 2025-12-10T09:30+08:00）")
    return moment


def _choice(value: Any, enum, field: str):
    if value is None:
        return None
    if value not in enum.values:
        raise InputError(field, f"须是 {'/'.join(enum.values)} 之一")
    return enum(value)


def _text(value: Any, field: str, limit: int = 200) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise InputError(field, f"须是不超过{limit}字的文字")
    return value
