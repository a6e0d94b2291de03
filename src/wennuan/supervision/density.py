"""有效投诉率: valid complaints per 10,000 m² heated (Changchun counts ≤ 0.2 as good)."""

from . import footprint
from .kpi_registry import KpiDef, Unit, register
from .levels import Level


def _provider(level, refs, start, end, by_ref):
    if level == Level.CITY and refs is None:  # every city together: one row, all the area
        area = sum(float(f.area) for f in footprint.of(Level.CITY, None).values())
        return {ref: (c["valid_complaints"], area / 10000) for ref, c in by_ref.items()}
    feet = footprint.of(level, list(by_ref))
    return {
        ref: (c["valid_complaints"], float(feet[ref].area) / 10000 if ref in feet else 0)
        for ref, c in by_ref.items()
    }


def register_density():
    register(
        KpiDef(
            "complaint_density", "有效投诉率(件/万㎡)", Unit.DENSITY, "lower", provider=_provider, source="supervision", order=60,
            note="有效投诉（非重复、非用户自身原因）÷ 供热面积(万㎡)",
        )
    )  # fmt: skip
