"""The ranges a measured temperature, a reported moment and a queried day must lie in.

Checked twice: at the edge (the ninja types below, Django form bounds) and again in the services (the
``checked_*`` functions), so a console command, a test or a future caller cannot store what the API
refuses. One temperature of 1e20 once made a case unreadable for everyone (``decimal.InvalidOperation``
on every later read); NaN and infinities are refused for the same reason.
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator, AwareDatetime, Field

from .errors import DomainError

# Indoor and outdoor readings in a northern city's winter, with room for a broken radiator's steam.
TEMPERATURE_MIN, TEMPERATURE_MAX = -50, 60
# Nothing in the campaign happened before 2000; a moment more than a day ahead is a wrong clock.
EARLIEST_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SKEW = timedelta(days=1)
# Days one may ask figures for (KPI ranges, list filters).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


class OutOfRange(DomainError):
    code = "out_of_range"
    http_status = 422


def checked_temperature(value, *, label: str = "实测室温") -> Decimal | None:
    """``value`` (number or numeric string; None/"" → None) as °C to one decimal, or ``OutOfRange`` when it is
    not a finite number within TEMPERATURE_MIN…TEMPERATURE_MAX."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise OutOfRange(f"{label}必须是数字") from exc
    if not number.is_finite() or not TEMPERATURE_MIN <= number <= TEMPERATURE_MAX:
        raise OutOfRange(f"{label}不合理：须在{TEMPERATURE_MIN}～{TEMPERATURE_MAX}℃之间（收到：{value}）")
    return number.quantize(Decimal("0.1"))


def checked_moment(value: datetime, *, label: str = "时间") -> datetime:
    """``value`` if it carries a time zone and lies between 2000-01-01 and one day from now."""
    if timezone.is_naive(value):
        raise OutOfRange(f"{label}须带时区（如 +08:00）")
    if not EARLIEST_MOMENT <= value <= timezone.now() + FUTURE_SKEW:
        raise OutOfRange(f"{label}超出合理范围（{EARLIEST_MOMENT:%Y-%m-%d}至今）")
    return value


def checked_days(start: date, end: date) -> tuple[date, date]:
    """``(start, end)`` if both lie within FIRST_DAY…LAST_DAY and start is not after end."""
    if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
        raise OutOfRange(f"日期须在{FIRST_DAY}至{LAST_DAY}之间")
    if start > end:
        raise OutOfRange("起始日期晚于截止日期")
    return start, end


def _moment(value: datetime) -> datetime:
    try:
        return checked_moment(value)
    except OutOfRange as exc:
        raise ValueError(str(exc)) from exc


# Schema field types: pydantic turns a violation into the API's 422 with the field named.
Temperature = Annotated[float, Field(ge=TEMPERATURE_MIN, le=TEMPERATURE_MAX, allow_inf_nan=False)]
Moment = Annotated[AwareDatetime, AfterValidator(_moment)]
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]
