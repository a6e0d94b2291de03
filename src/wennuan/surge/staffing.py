"""From forecast calls to people: hotline agents per shift and repair crews per company.

Pure arithmetic on what the city has observed of itself: how many cases an agent takes in an hour at the
phone, how many a crew closes in a day, how the calls spread over the shifts and over the companies."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The hotline's shifts (hours) — 12345 answers around the clock.
SHIFTS = (("早班 08–16", 8, 16), ("中班 16–24", 16, 24), ("夜班 00–08", 0, 8))


@dataclass(frozen=True)
class Productivity:
    cases_per_agent_hour: float  # observed: cases received ÷ agent-hours with at least one case
    cases_per_crew_day: float  # observed: cases resolved ÷ crew-days with at least one resolved
    shift_share: dict[str, float]  # share of the day's calls in each shift
    company_share: dict[str, float]  # share of the calls each company gets (by name)


def agents_per_shift(calls: float, p: Productivity) -> dict[str, int]:
    out = {}
    for name, start, end in SHIFTS:
        hours = end - start
        load = calls * p.shift_share.get(name, hours / 24) / hours  # calls an hour in that shift
        out[name] = max(1, math.ceil(load / p.cases_per_agent_hour))
    return out


def crews_per_company(calls: float, p: Productivity) -> dict[str, int]:
    return {
        company: max(1, math.ceil(calls * share / p.cases_per_crew_day))
        for company, share in sorted(p.company_share.items(), key=lambda kv: -kv[1])
        if share > 0
    }
