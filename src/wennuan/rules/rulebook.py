"""Every city's rules held in memory: all TimeLimit, CaseRules, CalendarDay and IndoorStandard rows, read
in 4 queries and grouped by city.

Intake and every transition need them (deadlines, windows, working days, the standard a reading is judged
by); reading them from the database each time was a third of an intake's queries. The tables are small
(a few rows per city) and change a few times a season, so a process keeps one snapshot:

- a write through this process (``save``/``delete``, and the config querysets' ``update``/``delete``/
  ``bulk_create``) drops the snapshot at once;
- other server processes re-read within ``RULEBOOK_SECONDS`` (``WENNUAN_RULEBOOK_SECONDS``, default 30 s).

Rows in a snapshot are shared between threads: read them, never change them.
"""

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connections, transaction


@dataclass(frozen=True)
class CityRules:
    rules: tuple = ()  # CaseRules, newest effective_from (then id) first
    limits: tuple = ()  # TimeLimit, likewise
    standards: tuple = ()  # IndoorStandard, likewise
    calendar: dict[date, bool] = field(default_factory=dict)  # CalendarDay exceptions: date → is_working


NO_RULES = CityRules()


@dataclass(frozen=True)
class Snapshot:
    cities: dict[int, CityRules] = field(default_factory=dict)
    read_at: float = 0.0

    def of(self, city_id: int | None) -> CityRules:
        """The rules of ``city_id``; with None, those of the only city when there is one (a city-wide
        deployment files a complaint it cannot place in that city), else none (domain.md's defaults)."""
        if city_id is None:
            return next(iter(self.cities.values())) if len(self.cities) == 1 else NO_RULES
        return self.cities.get(city_id, NO_RULES)


_lock = threading.Lock()
_current: Snapshot | None = None
# ("company" | "grid", id) → city id, filled by rules.selectors.city_id_for; kept until forget_all.
places: dict[tuple[str, int], int] = {}


def _seconds() -> float:
    return float(settings.RULEBOOK_SECONDS)


def _read() -> Snapshot:
    from .models import CalendarDay, CaseRules, IndoorStandard, TimeLimit

    grouped: dict[int, dict] = defaultdict(
        lambda: {"rules": [], "limits": [], "standards": [], "calendar": {}}
    )
    for key, model in (("rules", CaseRules), ("limits", TimeLimit), ("standards", IndoorStandard)):
        for row in model.objects.order_by("-effective_from", "-id"):
            grouped[row.city_id][key].append(row)
    for city_id, day, is_working in CalendarDay.objects.values_list("city_id", "date", "is_working"):
        grouped[city_id]["calendar"][day] = is_working
    cities = {
        city_id: CityRules(
            rules=tuple(g["rules"]),
            limits=tuple(g["limits"]),
            standards=tuple(g["standards"]),
            calendar=g["calendar"],
        )  # fmt: skip
        for city_id, g in grouped.items()
    }
    return Snapshot(cities=cities, read_at=time.monotonic())


def _fresh(snapshot: Snapshot | None) -> bool:
    return snapshot is not None and time.monotonic() - snapshot.read_at < _seconds()


def current() -> Snapshot:
    conn = transaction.get_connection()
    if conn.in_atomic_block and getattr(conn, "rulebook_written", False):
        return _private(conn)
    snapshot = _current
    if _fresh(snapshot):
        return snapshot
    return _refresh()


def _private(conn) -> Snapshot:
    """This connection's open transaction wrote rules: it reads its own snapshot, never shared, kept on the
    connection while no savepoint it was read in has been rolled back (savepoint ids are never reused)."""
    held = getattr(conn, "rulebook_private", None)
    if held is not None:
        snapshot, savepoints = held
        if conn.savepoint_ids[: len(savepoints)] == savepoints and _fresh(snapshot):
            return snapshot
    snapshot = _read()
    conn.rulebook_private = (snapshot, list(conn.savepoint_ids))
    return snapshot


def _refresh() -> Snapshot:
    global _current
    with _lock:
        snapshot = _current
        if _fresh(snapshot):
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
        conn.rulebook_private = None
        return True
    return not getattr(conn, "rulebook_written", False)


def forget() -> None:
    """Drop this process's snapshot (and this connection's own); the next lookup reads the tables again."""
    global _current
    _current = None
    transaction.get_connection().rulebook_private = None


def forget_all() -> None:
    """Forget the snapshot, the cities of companies and grids, and the note that this connection wrote
    rules: between tests, whose rolled-back transactions leave them behind."""
    forget()
    places.clear()
    for conn in connections.all(initialized_only=True):
        conn.rulebook_written = False
        conn.rulebook_private = None


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
