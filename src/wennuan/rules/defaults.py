"""domain.md's defaults for a city's rules; the seed writes them as rows, nothing else repeats them."""

import datetime
from decimal import Decimal

SINCE = datetime.date(2000, 1, 1)  # defaults are in force "since always" until a city dates its own

# Indoor standard, GB/T 33833-2017 §5.1: bedrooms and living rooms not below 18 °C.
INDOOR_STANDARD = Decimal("18.0")

# The season as Lanzhou runs it (domain.md: 11-01 → 03-31); (month, day) of its first and last day.
SEASON_START = (11, 1)
SEASON_END = (3, 31)
# A heating year starting in year Y covers November Y … March Y+1: from July on, the next one is the one
# to prepare, before July the one that began last autumn.
SEASON_ROLLOVER_MONTH = 7


def season_year(day: datetime.date) -> int:
    """The year the season current or next on ``day`` starts in."""
    return day.year if day.month >= SEASON_ROLLOVER_MONTH else day.year - 1


def season_dates(year: int) -> tuple[str, datetime.date, datetime.date]:
    """Name, first and last day of the default season that starts in ``year``."""
    start = datetime.date(year, *SEASON_START)
    end = datetime.date(year + 1, *SEASON_END)
    return f"{year}-{year + 1}", start, end


# Time limits (domain.md's table). priority: accept h, contact h, onsite h, onsite always, resolve h,
# resolve working days, extension working days.
TIME_LIMITS = {
    "emergency": ("0.5", "0.5", "1", True, "24", None, None),
    "urgent": ("1", "1", "12", True, "48", None, None),
    "normal": ("2", "24", "24", False, None, 5, 5),
}
RETURN_WORKING_DAYS = 2

CASE_RULES = dict(
    repeat_window_days=15,
    fake_closure_window_days=7,
    revisit_window_hours=24,
    measurement_hours=24,
    whistle_after_hours=24,
    task_force_after_hours=48,
    spot_check_per_company=5,
    outage_min_cases=3,
    outage_window_minutes=60,
    outage_households_per_case=200,
)


def time_limit_fields(priority: str) -> dict:
    """The field values of the default TimeLimit row for ``priority``."""
    accept, contact, onsite, always, hours, days, extension = TIME_LIMITS[priority]
    return dict(
        priority=priority, category="", accept_hours=Decimal(accept), contact_hours=Decimal(contact),
        onsite_hours=Decimal(onsite), onsite_always=always, resolve_hours=Decimal(hours) if hours else None,
        resolve_working_days=days, return_working_days=RETURN_WORKING_DAYS,
        resolve_extension_working_days=extension, effective_from=SINCE,
    )  # fmt: skip
