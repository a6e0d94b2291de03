"""Keeping the tallies current: the fold moves what changed in each case since it was last counted.

Which cases to look at comes from the cases' append-only timeline: every change writes a CaseEvent (the
services' one path), so the fold reads events past its watermark — with an overlap, because PostgreSQL
hands out ids before commit and a transaction may commit a lower id after a higher one — plus events of
the last minutes, plus open cases whose resolve limit passed since the last run (``due`` moves with time
alone). Looking at a case twice is harmless: its fact equals the case and nothing moves. The fold runs in
the sweep (``wennuan tick``, every minute under ``wennuan run``) and holds a row lock, so two never
interleave. ``rebuild`` recounts everything from the cases (the tests compare the two)."""

from collections import defaultdict
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from wennuan.cases.enums import OPEN_STATES
from wennuan.cases.models import Case, CaseEvent

from . import counters
from .facts import DIMS, facts_for, signature
from .levels import ALL_CATEGORIES, Grain, Level
from .models import CaseFact, FoldState, Tally

EVENT_OVERLAP = 500  # ids below the watermark looked at again (transactions still open at the last run)
TIME_OVERLAP = timedelta(minutes=10)
BATCH = 2000
GRAINS = ((Grain.DAY, "on"), (Grain.WEEK, "week"), (Grain.MONTH, "month"))
_N = len(counters.ALL)
_COHORT = [counters.INDEX[c] for c in counters.COHORT]


def _state() -> FoldState:
    state = FoldState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        FoldState.objects.get_or_create(pk=1)
        state = FoldState.objects.select_for_update().get(pk=1)
    return state


def _add(acc: dict, fact: CaseFact, sign: int) -> None:
    """Add ``sign`` × the fact's contribution to every tally cell it is filed in."""
    vector = [getattr(fact, c) for c in counters.ALL]
    resolved_i, closed_i = counters.INDEX["resolved_on_day"], counters.INDEX["closed_on_day"]
    for level in Level:
        ref = getattr(fact, level.value)
        if not ref and level != Level.CITY:
            continue  # not placed at this level
        for grain, suffix in GRAINS:
            for category in (fact.category, ALL_CATEGORIES):
                cell = acc[(level.value, ref, grain.value, getattr(fact, f"received_{suffix}"), category)]
                for i in _COHORT:
                    cell[i] += sign * vector[i]
                for when, i in (("resolved", resolved_i), ("closed", closed_i)):
                    period = getattr(fact, f"{when}_{suffix}")
                    if period is not None:
                        acc[(level.value, ref, grain.value, period, category)][i] += sign * vector[i]


def _upsert_sql() -> str:
    table = Tally._meta.db_table
    keys = ["level", "ref", "grain", "period", "category"]
    cols = keys + list(counters.ALL)
    quoted = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join(["%s"] * len(cols))
    sets = ", ".join(f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in counters.ALL)
    conflict = ", ".join(f'"{k}"' for k in keys)
    return f'INSERT INTO "{table}" ({quoted}) VALUES ({marks}) ON CONFLICT ({conflict}) DO UPDATE SET {sets}'


def _apply(acc: dict) -> int:
    rows = [(*key, *vec) for key, vec in acc.items() if any(vec)]
    if rows:
        with connection.cursor() as cur:
            cur.executemany(_upsert_sql(), rows)
    return len(rows)


def fold_cases(case_ids, *, now) -> int:
    """Bring the facts and tallies of ``case_ids`` up to date (caller holds the transaction and the lock).
    Returns how many cases changed."""
    case_ids = sorted(set(case_ids))
    changed = 0
    for i in range(0, len(case_ids), BATCH):
        chunk = case_ids[i : i + BATCH]
        new = facts_for(chunk, now=now)
        old = CaseFact.objects.in_bulk(chunk)
        acc = defaultdict(lambda: [0] * _N)
        write, gone = [], []
        for pk in chunk:
            before, after = old.get(pk), new.get(pk)
            if before is not None and after is not None and signature(before) == signature(after):
                continue
            changed += 1
            if before is not None:
                _add(acc, before, -1)
                gone.append(pk)
            if after is not None:
                _add(acc, after, +1)
                write.append(after)
        _apply(acc)
        CaseFact.objects.filter(pk__in=gone).delete()
        CaseFact.objects.bulk_create(write)
    return changed


def _dirty_since(state: FoldState, now) -> tuple[set, int]:
    """Case ids to look at, and the event id the watermark moves to."""
    events = CaseEvent.objects.filter(id__gt=max(state.event_id - EVENT_OVERLAP, 0))
    top = events.aggregate(m=Max("id"))["m"] or state.event_id
    ids = set(events.filter(id__lte=top).values_list("case_id", flat=True))
    if state.ran_at is not None:
        since = state.ran_at - TIME_OVERLAP
        ids |= set(CaseEvent.objects.filter(at__gte=since).values_list("case_id", flat=True))
        ids |= set(
            Case.objects.filter(
                state__in=OPEN_STATES, resolve_due__gt=since, resolve_due__lte=now
            ).values_list("id", flat=True)
        )
    return ids, top


def fold(now=None) -> dict:
    """One incremental pass (the sweep's): {"looked_at", "changed"}."""
    now = now or timezone.now()
    with transaction.atomic():
        state = _state()
        ids, top = _dirty_since(state, now)
        changed = fold_cases(ids, now=now)
        state.event_id, state.ran_at = top, now
        state.save(update_fields=["event_id", "ran_at"])
    return {"looked_at": len(ids), "changed": changed}


def rebuild(now=None, *, in_database: bool | None = None) -> dict:
    """Recount every case from scratch (after a bulk load, or to check the fold): on PostgreSQL in the
    database (fold_sql.py), elsewhere (or ``in_database=False``) through the fold itself."""
    now = now or timezone.now()
    if in_database is None:
        in_database = connection.vendor == "postgresql"
    with transaction.atomic():
        state = _state()
        top = CaseEvent.objects.aggregate(m=Max("id"))["m"] or 0
        if in_database:
            from .fold_sql import rebuild_in_database

            changed = rebuild_in_database(now)
        else:
            CaseFact.objects.all().delete()
            Tally.objects.all().delete()
            ids = list(Case.objects.order_by("id").values_list("id", flat=True))
            changed = fold_cases(ids, now=now)
        state.event_id, state.ran_at = top, now
        state.save(update_fields=["event_id", "ran_at"])
    return {"cases": changed}


def tally_snapshot() -> dict:
    """Every non-zero tally cell as {key: counters} (tests compare a fold with a rebuild)."""
    out = {}
    for row in Tally.objects.values():
        vec = tuple(row[c] for c in counters.ALL)
        if any(vec):
            out[(row["level"], row["ref"], row["grain"], row["period"], row["category"])] = vec
    return out


__all__ = ["DIMS", "fold", "fold_cases", "rebuild", "signature", "tally_snapshot"]
