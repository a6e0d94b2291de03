"""Outages API (/api/v1/outages): list, one outage, its households, record, restore. Thin: parse, call
one service or selector; domain errors become HTTP in the root handler."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status

from wennuan.core.selectors import api_page
from wennuan.registry.models import Building, Company, Station, Unit

from . import selectors, services
from .schemas import (
    AffectedHouseholdOut,
    AffectedPage,
    Message,
    OutageDetailOut,
    OutageIn,
    OutageOut,
    OutagePage,
    OutageQuery,
    RestoreIn,
)

router = Router(tags=["outages"])
ERRORS = {400: Message, 403: Message, 404: Message, 409: Message, 422: Message}


def _detail(outage, user) -> dict:
    refund = selectors.outage_refund(outage)
    data = OutageOut.build(outage)
    data.update(
        hours=round(refund.hours, 2),
        refund_days=refund.days,
        refund_explanation=refund.explanation,
        suspected_case_ids=list(
            selectors.suspected_cases(outage=outage, user=user).values_list("pk", flat=True)[:500]
        ),
    )
    return data


@router.get("/", response=OutagePage, summary="停热事件（本范围；可按状态筛选）")
def outage_list(request, params: Query[OutageQuery]):
    rows = selectors.outages(user=request.user, state=params.state or "")
    return api_page(
        rows,
        page=params.page,
        page_size=params.page_size,
        build=lambda page: [OutageOut.build(o) for o in page],
    )


@router.get("/{int:outage_id}", response={200: OutageDetailOut, **ERRORS}, summary="停热事件详情")
def outage_detail(request, outage_id: int):
    return _detail(selectors.outage_for(user=request.user, pk=outage_id), request.user)


@router.get(
    "/{int:outage_id}/households",
    response={200: AffectedPage, **ERRORS},
    summary="受影响住户（本范围）及计入退费天数",
)
def outage_households(request, outage_id: int, params: Query[OutageQuery]):
    outage = selectors.outage_for(user=request.user, pk=outage_id)
    end = outage.actual_restore or timezone.now()

    def build(households: list) -> list:
        days = {}
        if households and outage.start < end:
            found = selectors.outage_intervals_by_household(
                households=households, start=outage.start, end=end
            )
            days = {pk: sum(i.days for i in rows) for pk, rows in found.items()}
        return [AffectedHouseholdOut.build(h, request.user, days=days.get(h.pk, 0)) for h in households]

    rows = selectors.affected_households(outage=outage, user=request.user)
    return api_page(rows, page=params.page, page_size=params.page_size, build=build)


@router.post("/", response={201: OutageDetailOut, **ERRORS}, summary="登记停热事件（并通知网格员、社区）")
def outage_record(request, payload: OutageIn):
    services.check_recorder(request.user)
    station = get_object_or_404(Station, pk=payload.station_id) if payload.station_id else None
    buildings = list(Building.objects.filter(pk__in=payload.building_ids).select_related("estate"))
    units = list(Unit.objects.filter(pk__in=payload.unit_ids).select_related("building__estate"))
    if len(buildings) != len(set(payload.building_ids)) or len(units) != len(set(payload.unit_ids)):
        return Status(404, {"code": "not_found", "detail": "楼栋或单元不存在"})
    company = get_object_or_404(Company, pk=payload.company_id) if payload.company_id else None
    outage = services.record_outage(
        by=request.user,
        cause=payload.cause,
        liability=payload.liability,
        start=payload.start,
        expected_restore=payload.expected_restore,
        description=payload.description,
        station=station,
        buildings=buildings,
        units=units,
        company=company,
    )
    return Status(201, _detail(selectors.outage_for(user=request.user, pk=outage.pk), request.user))


@router.post("/{int:outage_id}/restore", response={200: OutageDetailOut, **ERRORS}, summary="登记恢复供热")
def outage_restore(request, outage_id: int, payload: RestoreIn):
    outage = selectors.outage_for(user=request.user, pk=outage_id)
    services.restore_outage(outage=outage, by=request.user, at=payload.at)
    return _detail(outage, request.user)
