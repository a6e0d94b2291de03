"""停热通知: the notice posted in each stairwell (单元) the outage hits, one A4 page per unit, in Chinese.

Rendered by WeasyPrint with Noto Sans CJK, as the contact cards are (visits/cards.py)."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from .selectors import OutageRefund


@dataclass(frozen=True)
class Sheet:
    address: str  # 「幸福小区1号楼1单元」
    households: int
    grid_worker: str
    grid_phone: str
    community: str
    community_phone: str


def sheets_for(households) -> list[Sheet]:
    """One sheet per unit among ``households`` (from ``selectors.affected_households``), in address order;
    the contacts are those of the unit's first household's grid."""
    sheets: dict[int, dict] = {}
    for h in households:
        if h.unit_id not in sheets:
            b = h.unit.building
            sheets[h.unit_id] = {
                "address": f"{b.estate.name}{b.label}{h.unit.label}",
                "households": 0,
                "grid_worker": h.grid.worker_name,
                "grid_phone": h.grid.worker_phone,
                "community": h.grid.community.name,
                "community_phone": h.grid.community.phone,
            }
        sheets[h.unit_id]["households"] += 1
    return [Sheet(**s) for s in sheets.values()]


def render_pdf(outage, *, sheets: list[Sheet], refund: OutageRefund) -> bytes:
    """The notices as an A4 PDF, one page per sheet."""
    from weasyprint import HTML

    html = render_to_string(
        "outages/stairwell.html",
        {
            "outage": outage,
            "sheets": sheets,
            "refund": refund,
            "start": timezone.localtime(outage.start),
            "expected": timezone.localtime(outage.expected_restore),
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()
