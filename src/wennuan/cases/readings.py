"""The room temperatures measured on a case (办结 evidence, 回访 readings), for the case page's header: a
reader sees the ℃ and whether it meets the city's standard without searching the free text."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from wennuan.rules.selectors import indoor_standard

from . import deadlines


@dataclass(frozen=True)
class Reading:
    what: str  # 办结实测 / 回访测温
    celsius: Decimal
    at: datetime | None
    below_standard: bool


def readings(case, revisits) -> list[Reading]:
    """Oldest first: the unit's reading at 办结, then each revisit's."""
    out = []
    temp = (case.evidence or {}).get("temperature")
    if temp is not None:
        at = case.first_resolved_at or case.resolved_at
        standard = indoor_standard(city=deadlines.city_of(case), on=at or timezone.now())
        celsius = Decimal(str(temp))
        out.append(Reading("办结实测", celsius, at, celsius < standard))
    for r in revisits:
        if r.temperature is not None:
            out.append(Reading("回访测温", r.temperature, r.at, r.below_standard))
    return out
