"""Billing API (/api/v1/billing): the scoped ledger, measurements by the method, the engine itself."""

import base64
import binascii
import json
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.paginator import Paginator
from ninja import Query, Router, Status

from wennuan.core.errors import DomainError, NotInScope

from . import selectors
from .refunds.jsonl import compute_line
from .schemas import (
    ComputeIn,
    ComputeOut,
    LedgerPage,
    LedgerQuery,
    MeasurementIn,
    MeasurementOut,
    PaidIn,
    RefundOut,
)
from .services.measurements import MeasurementInput, RoomReading, record_measurement
from .services.refunds import approve_refund, mark_refund_paid
from .views import LEDGER_ROLES, MEASURING_ROLES

router = Router(tags=["billing"])


def _require(user, roles):
    if not (user.is_superuser or user.role in roles):
        raise NotInScope("您的角色不能进行此操作")


@router.get("/ledger", response=LedgerPage, summary="退费台账（本人范围内；企业只看本企业）")
def ledger(request, params: Query[LedgerQuery]):
    season = None
    if params.season_id is not None:
        from wennuan.rules.models import Season

        season = Season.objects.filter(pk=params.season_id).first()
        if season is None:
            raise NotInScope("供暖季不存在")
    rows = selectors.ledger(user=request.user, season=season, status=params.status)
    paginator = Paginator(rows, params.page_size)
    page = paginator.get_page(params.page)
    totals = selectors.ledger_totals(rows)
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        **totals,
        "items": list(page),
    }


def _entry(request, entry_id: int):
    _require(request.user, LEDGER_ROLES)
    entry = selectors.entry_for(user=request.user, entry_id=entry_id)
    if entry is None:
        raise NotInScope("退费记录不存在")
    return entry


@router.post("/ledger/{entry_id}/approve", response=RefundOut, summary="审核退费")
def approve(request, entry_id: int):
    return approve_refund(entry=_entry(request, entry_id), by=request.user)


@router.post("/ledger/{entry_id}/paid", response=RefundOut, summary="记录已退付")
def paid(request, entry_id: int, payload: PaidIn):
    return mark_refund_paid(entry=_entry(request, entry_id), by=request.user, paid_on=payload.paid_on)


@router.post(
    "/measurements",
    response={201: MeasurementOut},
    summary="按测温方法录入测温记录（不符合方法的拒收并说明原因）",
)
def measurement(request, payload: MeasurementIn):
    _require(request.user, MEASURING_ROLES)
    case = selectors.request_to_measure(user=request.user, case_id=payload.case_id)
    if case is None:
        raise NotInScope("测温申请不存在或不在您的范围内")
    try:
        client_id = uuid.UUID(payload.client_id) if payload.client_id else None
    except ValueError:
        raise DomainError("client_id 须是 UUID") from None
    photo = None
    if payload.photo_base64:
        try:
            photo = SimpleUploadedFile("photo", base64.b64decode(payload.photo_base64, validate=True))
        except (binascii.Error, ValueError):
            raise DomainError("photo_base64 不是有效的 base64") from None
    data = MeasurementInput(
        measured_at=payload.measured_at,
        rooms=[
            RoomReading(
                name=r.name, area_m2=r.area_m2, height_m=r.height_m, doors_closed_since=r.doors_closed_since,
                stable_change=r.stable_change, readings=[(x.at, x.celsius) for x in r.readings],
            )  # fmt: skip
            for r in payload.rooms
        ],
        **payload.dict(include={
            "instrument_serial", "certificate_no", "outdoor_celsius", "latitude", "longitude", "company_signed",
            "resident_signed", "resident_refused_to_sign", "refusal", "cause", "cause_note",
        }),
        photo=photo,
    )  # fmt: skip
    row = record_measurement(
        by=request.user, household=case.household, case=case, data=data, client_id=client_id
    )
    entry = selectors.household_refunds(user=request.user, household=case.household).first()
    return Status(201, {
        "id": row.pk, "account": case.household.account, "measured_at": row.measured_at,
        "lowest_celsius": row.lowest_celsius, "standard_celsius": row.standard_celsius, "compliant": row.compliant,
        "refund_yuan": entry.amount if entry else None, "explanation": entry.explanation if entry else "",
    })  # fmt: skip


@router.post("/compute", response=ComputeOut, summary="退费试算（与 wennuan refund compute 的一行相同）")
def compute(request, payload: ComputeIn):
    return compute_line(json.dumps(payload.line, ensure_ascii=False), 1)
