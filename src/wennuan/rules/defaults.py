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
