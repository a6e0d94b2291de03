from .case import Case, CaseEvent
from .followup import ResidentRating, Revisit, SpotCheck, SupervisionOrder

__all__ = [
    "Case",
    "CaseEvent",
    "ResidentRating",
    "Revisit",
    "SpotCheck",
    "SupervisionOrder",
]
