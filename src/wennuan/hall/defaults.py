"""The hall's defaults for a city (domain.md, Suspension and resumption); the seed writes them as rows."""

from datetime import date
from decimal import Decimal

SINCE = date(2000, 1, 1)

# 报停: apply 30 days before the season (Heilongjiang, Inner Mongolia; Xi'an 15); answer within 10 days.
SUSPENSION_RULE = dict(apply_days_before=30, answer_days=10)

# The 开栓 visit's own clock: a TimeLimit row for category 报停/恢复供热 (normal priority). A resident
# waiting for heat should not wait five working days: on site within 48 h, heat restored within 72 h.
RESUME_VISIT_LIMIT = dict(
    priority="normal", category="suspend_resume", accept_hours=Decimal("2"), contact_hours=Decimal("24"),
    onsite_hours=Decimal("48"), onsite_always=True, resolve_hours=Decimal("72"), resolve_working_days=None,
    return_working_days=2, resolve_extension_working_days=None, effective_from=SINCE,
)  # fmt: skip
