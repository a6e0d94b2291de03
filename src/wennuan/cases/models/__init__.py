from .case import Case, CaseEvent
from .followup import Revisit, SpotCheck, SupervisionOrder

__all__ = [
    "Case",
    "CaseEvent",
    "Revisit",
    "SpotCheck",
    "SupervisionOrder",
]
