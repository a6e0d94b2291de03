"""The city's case rules held in memory: every TimeLimit, CaseRules and CalendarDay row, read in 3 queries.

Intake and every transition need them (deadlines, windows, working days); reading them from the database
each time was a third of an intake's queries. The tables are small and change a few times a season, so a
process keeps one snapshot:

- a write through this process (``save``/``delete``, and the config querysets' ``update``/``delete``/
  ``bulk_create``) drops the snapshot at once;
- other server processes re-read within ``RULEBOOK_SECONDS`` (``WENNUAN_RULEBOOK_SECONDS``, default 30 s).

Rows in a snapshot are shared between threads: read them, never change them.
"""

import threading
import time
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connections, transaction


@dataclass(frozen=True)
class Snapshot:
    rules: tuple  # CaseRules, newest effective_from (then id) first
    limits: tuple  # TimeLimit
    calendar: dict[date, bool] = field(default_factory=dict)  # CalendarDay exceptions: date → is_working
    read_at: float = 0.0


_lock = threading.Lock()
_current: Snapshot | None = None


def _seconds() -> float:
    return float(settings.RULEBOOK_SECONDS)


def _read() -> Snapshot:
    from .models import CalendarDay, CaseRules, TimeLimit

    return Snapshot(
        rules=tuple(CaseRules.objects.order_by("-effective_from", "-id")),
        limits=tuple(TimeLimit.objects.order_by("-effective_from", "-id")),
        calendar=dict(CalendarDay.objects.values_list("date", "is_working")),
        read_at=time.monotonic(),
    )


def current() -> Snapshot:
    snapshot = _current
    if snapshot is not None and time.monotonic() - snapshot.read_at < _seconds():
        return snapshot
    return _refresh()


def _refresh() -> Snapshot:
    global _current
    with _lock:
        snapshot = _current
        if snapshot is not None and time.monotonic() - snapshot.read_at < _seconds():
            return snapshot  # another thread re-read it while this one waited
        snapshot = _read()
        if _shareable():
            _current = snapshot
        return snapshot


def _shareable() -> bool:
    """Whether rows just read are what every connection sees: not when this connection's open transaction
    has written rules (they might yet be rolled back)."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        conn.rulebook_written = False
        return True
    return not getattr(conn, "rulebook_written", False)


def forget() -> None:
    """Drop this process's snapshot; the next lookup reads the tables again."""
    global _current
    _current = None


def forget_all() -> None:
    """Forget the snapshot and the note that this connection wrote rules: between tests, whose rolled-back
    transactions leave the note behind."""
    forget()
    for conn in connections.all(initialized_only=True):
        conn.rulebook_written = False


def forget_after_commit() -> None:
    """Called on every write to the rules. Drops the snapshot now (this transaction sees the change) and
    again once the change is committed (so no other thread keeps a copy read in between)."""
    forget()
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        conn.rulebook_written = True
        transaction.on_commit(_committed, robust=True)


def _committed() -> None:
    transaction.get_connection().rulebook_written = False
    forget()


def effective(rows, day: date) -> list:
    return [r for r in rows if r.effective_from <= day and (r.effective_to is None or r.effective_to >= day)]
