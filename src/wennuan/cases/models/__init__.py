from .case import Case, CaseEvent
from .config import CalendarDay, CaseRules, TimeLimit
from .followup import Revisit, SpotCheck, SupervisionOrder

__all__ = [
    "CalendarDay",
    "Case",
    "CaseEvent",
    "CaseRules",
    "Revisit",
    "SpotCheck",
    "SupervisionOrder",
    "TimeLimit",
]
