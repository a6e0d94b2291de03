"""Batch upsert of visits sent by phones (offline first). Each visit carries a client-made UUID, so a
batch retried after a lost response stores nothing twice; each item succeeds or fails on its own."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Count

from wennuan.core.errors import DomainError
from wennuan.registry.models import Household

from . import services
from .enums import TaskStatus
from .models import Phase, Visit, VisitTask
from .selectors import current_phase

# DataError: a value the database refuses (a NUL byte in a text on PostgreSQL, a number out of range);
# it rejects that item, not the batch.
ITEM_ERRORS = (DomainError, ValidationError, ValueError, KeyError, InvalidOperation, DataError)


@dataclass
class SyncItem:
    client_id: uuid.UUID
    household_id: int
    outcome: str
    visited_at: datetime
    phase_id: int | None = None
    task_id: int | None = None
    answers: dict = field(default_factory=dict)
    readings: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None
    notes: str = ""


@dataclass
class SyncResult:
    client_id: uuid.UUID
    status: str  # created | updated | rejected
    visit_id: int | None = None
    error: str = ""
    conflict: bool = False  # another visitor also visited this household in this phase


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    if isinstance(exc, DataError):
        return "数据无法保存（含有不允许的字符或超出范围的数值）"
    return str(exc) or exc.__class__.__name__


def sync_visits(*, by, items: list[SyncItem], at=None) -> list[SyncResult]:
    """Store every item (create or update by client id); returns one result per item, in order.

    A rejected item (outside the visitor's scope, unknown household or phase, bad data) does not stop
    the others. The batch is first written in one transaction with its lookups done once (the common
    case: one commit per batch); if any item fails, it is rolled back and every item is written on its
    own, so the good ones are kept and the bad ones reported. Raises NotPermitted for a role that does
    not record visits (the whole batch: nothing is written). ``at``: when the batch arrives (default now)."""
    services.ensure_visitor(by)
    try:
        with transaction.atomic():
            results = _write(by=by, items=items, per_item=False, at=at)
    except (*ITEM_ERRORS, IntegrityError):
        results = _write(by=by, items=items, per_item=True, at=at)
    _mark_conflicts(results)
    return results


def _write(*, by, items: list[SyncItem], per_item: bool, at=None) -> list[SyncResult]:
    households = Household.objects.visible_to(by).in_bulk({i.household_id for i in items})
    task_phase = dict(
        VisitTask.objects.filter(pk__in={i.task_id for i in items if i.task_id}).values_list("pk", "phase_id")
    )
    phases = Phase.objects.select_related("campaign").in_bulk(
        {i.phase_id for i in items if i.phase_id} | set(task_phase.values())
    )
    prefetched = None if per_item else _prefetch(items)
    seen_households: set[int] = set()
    fallback = None
    results = []
    for item in items:
        household = households.get(item.household_id)
        phase = phases.get(item.phase_id or task_phase.get(item.task_id))
        if phase is None and not item.phase_id:
            fallback = fallback or current_phase(on=item.visited_at.date())
            phase = fallback
        if household is None:
            results.append(SyncResult(item.client_id, "rejected", error="该住户不在您的辖区内"))
            continue
        if phase is None:
            results.append(SyncResult(item.client_id, "rejected", error="没有进行中的走访阶段"))
            continue
        fields = dict(
            outcome=item.outcome, visited_at=item.visited_at, answers=item.answers, readings=item.readings,
            problems=item.problems, latitude=item.latitude, longitude=item.longitude, notes=item.notes, at=at,
        )  # fmt: skip
        if per_item:
            try:
                with transaction.atomic():  # checks scope again itself: this path is the rare retry
                    visit, created = services.record_visit(
                        by=by, client_id=item.client_id, household=household, phase=phase, **fields
                    )
            except ITEM_ERRORS as exc:
                results.append(SyncResult(item.client_id, "rejected", error=_message(exc)))
                continue
        else:
            # Inside the batch's transaction; the household came from Household.objects.visible_to(by).
            if household.pk in seen_households:  # a second visit to it in this batch: look again
                existing, task = services.visit_lookups(
                    client_id=item.client_id, phase=phase, household=household
                )
            else:
                existing, task = (
                    prefetched[0].get(item.client_id),
                    prefetched[1].get((phase.pk, household.pk)),
                )
            visit, created = services.write_scoped_visit(
                by=by, client_id=item.client_id, household=household, phase=phase, existing=existing, task=task,
                **fields,
            )  # fmt: skip
        seen_households.add(household.pk)
        results.append(SyncResult(item.client_id, "created" if created else "updated", visit_id=visit.pk))
    return results


def _prefetch(items: list[SyncItem]):
    """Visits already stored under these client ids (locked), and each household's first open task."""
    existing = {
        v.client_id: v
        for v in Visit.objects.select_for_update().filter(
            client_id__in=[uuid.UUID(str(i.client_id)) for i in items]
        )
    }
    tasks: dict[tuple[int, int], VisitTask] = {}
    for t in (
        VisitTask.objects.filter(household_id__in={i.household_id for i in items}, status=TaskStatus.PENDING)
        .select_related("phase__campaign")
        .order_by("-attempt")
    ):
        tasks[(t.phase_id, t.household_id)] = t  # the lowest attempt wins (written last)
    return existing, tasks


def _mark_conflicts(results: list[SyncResult]) -> None:
    ids = [r.visit_id for r in results if r.visit_id]
    if not ids:
        return
    pairs = Visit.objects.filter(pk__in=ids).values_list("pk", "phase_id", "household_id")
    keys = {(p, h) for _, p, h in pairs}
    shared = {
        (row["phase_id"], row["household_id"])
        for row in Visit.objects.filter(
            household_id__in={h for _, h in keys}, phase_id__in={p for p, _ in keys}
        )
        .values("phase_id", "household_id")
        .annotate(visitors=Count("visitor_id", distinct=True))
        .filter(visitors__gt=1)
    }
    conflicted = {pk for pk, p, h in pairs if (p, h) in shared}
    for r in results:
        r.conflict = r.visit_id in conflicted
