"""The KPI set of supervision's figures, as a registry any app may add to (it lives in core because the
apps that add KPIs — kb's 知识库更新数, sensors' share of sensor households at standard — sit below
supervision, which reads the registry).

A KPI is a numerator over a denominator. Either both are counters of supervision's case tallies
(``numerator``/``denominator``: "resolved", "received", …), or a ``provider`` computes them for many scopes
at once: ``provider(level, refs, start, end, counts) -> {ref: (numerator, denominator)}`` where ``level``
is a scope level ("city", "district", "street", "community", "grid", "company", "station", "estate"),
``refs`` the ids asked for (None: every one of the level; with level "city", every city as one row),
``start``/``end`` dates (inclusive) and ``counts`` {ref: {counter: value}} the case tallies of those refs
(the keys the provider must answer). Register from your AppConfig.ready; the API, the dashboard, the
rankings and the composite score pick it up. A KPI counting something other than cases gives ``link``, the
list its figure links to."""

from collections.abc import Callable
from dataclasses import dataclass


class Unit:
    RATE = "rate"  # 0…1, shown as %
    HOURS = "hours"
    DENSITY = "per_10k_m2"  # per 10,000 m² heated
    COUNT = "count"  # the numerator itself (e.g. knowledge-base entries updated in the range)


@dataclass(frozen=True)
class KpiDef:
    key: str
    label: str
    unit: str = Unit.RATE
    better: str = "higher"  # or "lower"
    numerator: str = ""
    denominator: str = ""
    scale: float = 1.0  # value = numerator ÷ denominator × scale
    provider: Callable | None = None
    # (level, ref, start, end) -> URL of the list behind the figure; None: the cases list it counts
    link: Callable | None = None
    source: str = ""  # the app that registered it
    note: str = ""
    order: int = 100

    def value(self, numerator, denominator):
        if self.unit == Unit.COUNT:
            return numerator
        if not denominator:
            return None
        digits = 2 if self.unit in (Unit.HOURS, Unit.DENSITY) else 4
        return round(numerator / denominator * self.scale, digits)


_KPIS: dict[str, KpiDef] = {}


def register(kpi: KpiDef) -> KpiDef:
    """Add a KPI (registering a key again replaces it)."""
    _KPIS[kpi.key] = kpi
    return kpi


def all_kpis() -> list[KpiDef]:
    return sorted(_KPIS.values(), key=lambda k: k.order)


def get(key: str) -> KpiDef:
    return _KPIS[key]


def known_keys() -> set[str]:
    return set(_KPIS)
