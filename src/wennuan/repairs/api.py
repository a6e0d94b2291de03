"""Summer repair ledger API (/api/v1/repairs): hotspots, items, and each state change. Thin: parse, call
one selector or service; domain errors become HTTP in the root handler."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from wennuan.cases.selectors import day_range
from wennuan.core.selectors import api_page
from wennuan.registry.models import Company

from . import selectors, services
from .hotspots import hotspots
from .schemas import (
    CompleteIn,
    CreateItemsIn,
    HotspotList,
    HotspotQuery,
    ItemDetailOut,
    ItemOut,
    ItemPage,
    ItemQuery,
    ItemUpdateIn,
    Message,
    ProgressIn,
    VerifyIn,
)
from .views import default_range

router = Router(tags=["repairs"])
ERRORS = {400: Message, 403: Message, 404: Message, 409: Message, 422: Message}


def _range(user, start, end):
    start_default, end_default = default_range(user)
    return start or start_default, end or end_default


def _detail(item) -> dict:
    data = ItemOut.build(item)
    data["progress"] = [
        {"on": p.on, "percent": p.percent, "note": p.note, "by": p.by_label}
        for p in selectors.progress_of(item)
    ]
    return data


@router.get("/hotspots", response={200: HotspotList, **ERRORS}, summary="问题点位排名（本范围）")
def hotspot_list(request, params: Query[HotspotQuery]):
    start, end = _range(request.user, params.start, params.end)
    start_at, end_at = day_range(start, end)
    rows = hotspots(
        user=request.user,
        start=start_at,
        end=end_at,
        level=params.level,
        order=params.order,
        limit=params.limit,
    )
    return {"start": start, "end": end, "items": [{**h.__dict__, "per_100": h.per_100} for h in rows]}


@router.get("/items", response=ItemPage, summary="冬病夏治台账（本范围）")
def item_list(request, params: Query[ItemQuery]):
    rows = selectors.items(user=request.user, status=params.status or "", overdue=params.overdue)
    return api_page(
        rows, page=params.page, page_size=params.page_size, build=lambda p: [ItemOut.build(i) for i in p]
    )


@router.get("/items/{int:item_id}", response={200: ItemDetailOut, **ERRORS}, summary="台账事项及其进展")
def item_detail(request, item_id: int):
    return _detail(selectors.item_for(user=request.user, pk=item_id))


@router.post("/items", response={201: list[ItemOut], **ERRORS}, summary="问题点位列入台账（供热主管）")
def item_create(request, payload: CreateItemsIn):
    start, end = _range(request.user, payload.start, payload.end)
    start_at, end_at = day_range(start, end)
    found = {
        h.site_id: h
        for h in hotspots(user=request.user, start=start_at, end=end_at, level=payload.level, limit=None)
    }
    missing = [i for i in payload.site_ids if i not in found]
    if missing:
        return Status(
            422, {"code": "no_hotspot", "detail": f"这些点位在该时段（本范围）没有问题记录：{missing[:20]}"}
        )
    created = services.create_items(
        by=request.user,
        hotspots=[found[i] for i in payload.site_ids],
        start=start,
        end=end,
        deadline=payload.deadline,
    )
    return Status(201, [ItemOut.build(i) for i in created])


@router.put("/items/{int:item_id}", response={200: ItemDetailOut, **ERRORS}, summary="修改事项（供热主管）")
def item_update(request, item_id: int, payload: ItemUpdateIn):
    item = selectors.item_for(user=request.user, pk=item_id)
    company = get_object_or_404(Company, pk=payload.company_id)
    item = services.update_item(
        item=item,
        by=request.user,
        problem=payload.problem,
        company=company,
        funds_yuan=payload.funds_yuan,
        deadline=payload.deadline,
    )
    return _detail(item)


@router.post("/items/{int:item_id}/progress", response={201: ItemDetailOut, **ERRORS}, summary="填报整改进展")
def item_progress(request, item_id: int, payload: ProgressIn):
    item = selectors.item_for(user=request.user, pk=item_id)
    services.add_progress(
        item=item, by=request.user, on=payload.on, percent=payload.percent, note=payload.note
    )
    return Status(201, _detail(selectors.item_for(user=request.user, pk=item_id)))


@router.post("/items/{int:item_id}/complete", response={200: ItemDetailOut, **ERRORS}, summary="报完成")
def item_complete(request, item_id: int, payload: CompleteIn):
    item = selectors.item_for(user=request.user, pk=item_id)
    return _detail(services.complete_item(item=item, by=request.user, note=payload.note))


@router.post(
    "/items/{int:item_id}/verify", response={200: ItemDetailOut, **ERRORS}, summary="验收（供热主管）"
)
def item_verify(request, item_id: int, payload: VerifyIn):
    item = selectors.item_for(user=request.user, pk=item_id)
    return _detail(services.verify_item(item=item, by=request.user, passed=payload.passed, note=payload.note))
