"""Listeners told of every case change inside its transaction.

Apps above cases (open311's webhook outbox) register here; cases imports none of them. A listener runs
inside ``apply_change``'s ``atomic()`` block, so what it writes commits or rolls back with the change, and
an exception it raises undoes the change. Keep listeners cheap: they run on every workflow step."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class CaseChange:
    case: object  # the Case (its in-memory fields are updated after the transaction: use to_state)
    action: str  # the timeline action: "dispatch", "resolve", "escalate", …
    at: datetime
    from_state: str
    to_state: str  # "" when the state did not change
    data: dict = field(default_factory=dict)
    note: str = ""  # what the person wrote with the change (the reason, the note)
    changes: dict = field(default_factory=dict)  # the fields written (resolution text included)

    @property
    def state(self) -> str:
        """The case's state after the change."""
        return self.to_state or self.from_state


_LISTENERS: list[Callable[[CaseChange], None]] = []


def on_change(listener: Callable[[CaseChange], None]) -> Callable[[CaseChange], None]:
    """Register ``listener(change)``; registering the same function twice keeps one."""
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)
    return listener


def changed(change: CaseChange) -> None:
    """Tell every listener (called by ``services._base.apply_change`` inside its transaction)."""
    for listener in _LISTENERS:
        listener(change)
