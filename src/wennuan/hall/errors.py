"""The hall's typed errors: each a Chinese sentence for the person who asked (pages, API, resident page)."""

from wennuan.core.errors import DomainError, NotPermitted


class HallError(DomainError):
    code = "hall_error"
    http_status = 422


class OutsideWindow(HallError):
    """报停 asked for too late (the window closed N days before the season), or out of any season."""

    code = "outside_window"


class AlreadyApplied(HallError):
    code = "already_applied"
    http_status = 409


class ConditionNotMet(HallError):
    """The household is not in the state the application needs (开栓 without 报停, 报停 twice, …)."""

    code = "condition_not_met"


class DecisionInvalid(HallError):
    code = "decision_invalid"


class ArrearsNotAReason(HallError):
    """Arrears (a previous owner's, a neighbour's) cited as the reason not to heat (Liaoning 2022)."""

    code = "arrears_not_a_reason"


class NoTariff(HallError):
    code = "no_tariff"


__all__ = [
    "AlreadyApplied",
    "ArrearsNotAReason",
    "ConditionNotMet",
    "DecisionInvalid",
    "HallError",
    "NoTariff",
    "NotPermitted",
    "OutsideWindow",
]
