"""测温达标率 and 走访覆盖率 as registered KPIs, from the field tallies (fieldwork.py)."""

from . import fieldwork, footprint
from .kpi_registry import KpiDef, Unit, register
from .levels import Level
from .models import ReadingSource

READING_SOURCES = (ReadingSource.VISIT, ReadingSource.REVISIT, ReadingSource.DISPUTE)


def _for_refs(level, refs, by_ref, sums: dict) -> dict:
    """The sums of each asked ref; with every city asked for (level city, refs None) one total."""
    if level == Level.CITY and refs is None:
        total = tuple(map(sum, zip(*sums.values(), strict=True))) if sums else (0, 0)
        return {ref: total for ref in by_ref}
    return {ref: sums.get(ref, (0, 0)) for ref in by_ref}


def _compliance(level, refs, start, end, by_ref):
    return _for_refs(level, refs, by_ref, fieldwork.sums_by_ref(level, refs, start, end, READING_SOURCES))


def _coverage(level, refs, start, end, by_ref):
    first = min(fieldwork.season_start(end), end)
    # (at_standard, readings) rows; for first visits "readings" holds the households first visited.
    visited = {
        ref: n
        for ref, (_, n) in fieldwork.sums_by_ref(level, refs, first, end, [ReadingSource.FIRST_VISIT]).items()
    }
    everything = level == Level.CITY and refs is None
    feet = footprint.of(level, None if everything else list(by_ref))
    households = {ref: f.households for ref, f in feet.items()}
    if everything:
        return {ref: (sum(visited.values()), sum(households.values())) for ref in by_ref}
    return {ref: (visited.get(ref, 0), households.get(ref, 0)) for ref in by_ref}


def register_field_kpis():
    register(
        KpiDef(
            "temperature_compliance", "测温达标率", Unit.RATE, "higher", provider=_compliance, source="supervision",
            order=50, note="达标读数 ÷ 读数（走访测温、回访测温、争议测温）",
        )
    )  # fmt: skip
    register(
        KpiDef(
            "visit_coverage", "走访覆盖率", Unit.RATE, "higher", provider=_coverage, source="supervision", order=55,
            note="本供暖季开始至统计期末至少入户一次的住户 ÷ 范围内住户",
        )
    )  # fmt: skip
