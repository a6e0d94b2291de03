"""The visits API, mounted at /api/v1/visits (token or session auth, inherited from the root API).

Scope rules are those of the pages: reads start from ``visible_to(user)``; a grid worker writes only
for households of her own grid (the services refuse the rest)."""

import uuid

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router
from ninja.files import UploadedFile

from wennuan.core.errors import DomainError, NotInScope
from wennuan.core.masking import shown_name, shown_phone

from . import services
from .coverage import LEVELS, coverage_by, total
from .models import Campaign, Phase, Visit
from .schemas import CampaignOut, CoverageOut, PhotoOut, SyncIn, SyncOut, TaskOut, VisitIn
from .selectors import campaign_standard, current_phase, todays_tasks
from .summary import phase_summary
from .sync import SyncItem, sync_visits

router = Router(tags=["visits"])
ANSWERS = services.ANSWER_FIELDS


def _address(h) -> str:
    b = h.unit.building
    return f"{b.estate.name}{b.label}{h.unit.label}{h.room}"


@router.get("/campaigns", response=list[CampaignOut], summary="走访活动及阶段")
def campaigns(request):
    rows = Campaign.objects.select_related("city", "district", "street__district").prefetch_related("phases")
    return [
        {
            "id": c.pk,
            "name": c.name,
            "scope": c.scope_label,
            "starts_on": c.starts_on,
            "ends_on": c.ends_on,
            "target_coverage": float(c.target_coverage),
            "indoor_standard": float(campaign_standard(c)),
            "phases": list(c.phases.all()),
        }  # fmt: skip
        for c in rows
    ]


def _phase_or_current(phase_id: int | None) -> Phase:
    if phase_id:
        return get_object_or_404(Phase.objects.select_related("campaign"), pk=phase_id)
    phase = current_phase()
    if phase is None:
        raise DomainError("今天没有进行中的走访阶段")
    return phase


@router.get("/tasks", response=list[TaskOut], summary="我的今日走访任务（走访顺序）")
def tasks(request, phase: int | None = None):
    user = request.auth
    current = _phase_or_current(phase)
    return [
        {
            "id": t.pk,
            "phase_id": t.phase_id,
            "household_id": t.household_id,
            "account": t.household.account,
            "address": _address(t.household),
            "building_id": t.household.unit.building_id,
            "building": f"{t.household.unit.building.estate.name}{t.household.unit.building.label}",
            "room": t.household.room,
            "resident": shown_name(user, t.household.resident_name),
            "phone": shown_phone(user, t.household.phone),
            "priority_groups": t.household.priority_group_labels,
            "order_group": t.order_group,
            "attempt": t.attempt,
            "due_on": t.due_on,
        }  # fmt: skip
        for t in todays_tasks(user=user, phase=current)
    ]


def _item(v: VisitIn) -> SyncItem:
    return SyncItem(
        client_id=v.client_id, household_id=v.household_id, outcome=v.outcome, visited_at=v.visited_at,
        phase_id=v.phase_id, task_id=v.task_id, answers={name: getattr(v, name) for name in ANSWERS},
        readings=[r.dict() for r in v.readings], problems=[p.dict() for p in v.problems],
        latitude=v.latitude, longitude=v.longitude, notes=v.notes,
    )  # fmt: skip


@router.post("/sync", response=SyncOut, summary="同步走访记录（按客户端编号幂等写入）")
def sync(request, payload: SyncIn):
    results = sync_visits(by=request.auth, items=[_item(v) for v in payload.visits])
    counts = {s: sum(r.status == s for r in results) for s in ("created", "updated", "rejected")}
    return {"results": [r.__dict__ for r in results], **counts}


@router.post("/photos", response=PhotoOut, summary="上传走访照片（按客户端编号幂等）")
def photo(request, visit_client_id: Form[uuid.UUID], client_id: Form[uuid.UUID], file: File[UploadedFile]):
    visit = Visit.objects.visible_to(request.auth).filter(client_id=visit_client_id).first()
    if visit is None:
        raise NotInScope("走访记录尚未同步或不在您的辖区内")
    saved, created = services.attach_photo(by=request.auth, visit=visit, client_id=client_id, upload=file)
    return {"client_id": saved.client_id, "created": created, "url": saved.image.url}


def _row(r) -> dict:
    return {
        **{k: v for k, v in r.__dict__.items() if k != "extra"},
        "coverage": r.coverage,
        "below_share": r.below_share,
    }


@router.get("/coverage", response=CoverageOut, summary="走访覆盖统计")
def coverage(request, phase: int | None = None, level: str = "grid"):
    if level not in LEVELS:
        raise DomainError("统计层级只能是 grid、community、street、district")
    current = _phase_or_current(phase)
    rows = coverage_by(user=request.auth, phase=current, level=level)
    return {
        "phase_id": current.pk, "level": level, "summary": phase_summary(user=request.auth, phase=current).text,
        "rows": [_row(r) for r in rows], "total": _row(total(rows)),
    }  # fmt: skip
