"""Batch upsert of visits sent by phones (offline first). Each visit carries a client-made UUID, so a
batch retried after a lost response stores nothing twice; each item succeeds or fails on its own."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from wennuan.core.errors import DomainError
from wennuan.registry.models import Household

from . import services
from .models import Phase, Visit, VisitTask
from .selectors import current_phase


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


def sync_visits(*, by, items: list[SyncItem]) -> list[SyncResult]:
    """Store every item (create or update by client id); returns one result per item, in order.

    A rejected item (outside the visitor's scope, unknown household or phase, bad data) does not stop
    the others. Households visible to ``by`` and the phases are fetched once per batch."""
    households = Household.objects.visible_to(by).in_bulk({i.household_id for i in items})
    task_phase = dict(
        VisitTask.objects.filter(pk__in={i.task_id for i in items if i.task_id}).values_list("pk", "phase_id")
    )
    phases = Phase.objects.select_related("campaign").in_bulk(
        {i.phase_id for i in items if i.phase_id} | set(task_phase.values())
    )
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
        try:
            with transaction.atomic():
                visit, created = services.record_visit(
                    by=by, client_id=item.client_id, household=household, phase=phase, outcome=item.outcome,
                    visited_at=item.visited_at, answers=item.answers, readings=item.readings,
                    problems=item.problems, latitude=item.latitude, longitude=item.longitude, notes=item.notes,
                )  # fmt: skip
        except ValidationError as exc:
            results.append(SyncResult(item.client_id, "rejected", error="；".join(exc.messages)))
            continue
        except (DomainError, ValueError, KeyError, InvalidOperation) as exc:
            results.append(SyncResult(item.client_id, "rejected", error=str(exc) or exc.__class__.__name__))
            continue
        results.append(SyncResult(item.client_id, "created" if created else "updated", visit_id=visit.pk))
    _mark_conflicts(results)
    return results


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
