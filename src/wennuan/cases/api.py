"""Cases API (/api/v1/cases). Thin: parse, call one service or selector, shape the answer.

Transitions are POSTs carrying the ``version`` the client last saw; a newer version on the server means
someone else acted first → 409 (StaleObject). Domain errors become HTTP in the root handler."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from wennuan.core.selectors import CappedPaginator
from wennuan.registry.models import Station

from . import kpis, lifecycle, selectors, services
from .schemas import (
    AttachIn,
    CaseDetailOut,
    CaseListQuery,
    CaseOut,
    CasePage,
    DispatchIn,
    IntakeBatchIn,
    IntakeBatchOut,
    IntakeIn,
    KpiQuery,
    Message,
    ReasonIn,
    ResolveIn,
    RevisitIn,
    SuperviseIn,
    Versioned,
)

router = Router(tags=["cases"])
ERRORS = {400: Message, 404: Message, 409: Message, 422: Message}


def _detail(case, user) -> dict:
    data = CaseOut.build(case, user)
    data.update(
        resolution=case.resolution,
        root_cause=case.root_cause,
        evidence=case.evidence,
        events=[
            {
                "at": e.at,
                "actor": e.actor_label,
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "note": e.note,
                "attachments": e.attachments,
                "data": e.data,
            }
            for e in selectors.timeline(case)
        ],
        revisits=selectors.revisits_of(case),
        allowed_actions=[a.code for a in lifecycle.allowed_actions(case, user)],
    )
    return data


def _case(request, case_id: int, version: int | None = None):
    case = selectors.case_to_act_on(user=request.user, pk=case_id)
    if version is not None:
        # The optimistic lock compares against what the client saw, not what we just read.
        case.version = version
    return case


@router.post(
    "/", response={200: CaseOut, 201: CaseOut, **ERRORS}, summary="受理诉求（按渠道+外部工单号幂等）"
)
def intake(request, payload: IntakeIn):
    household = selectors.intake_household(
        user=request.user, household_id=payload.household_id, account=payload.account
    )
    case, created = services.receive_case(
        channel=payload.channel,
        text=payload.text,
        address=payload.address,
        external_id=payload.external_id,
        reporter_name=payload.reporter_name,
        reporter_phone=payload.reporter_phone,
        household=household,
        category=payload.category or None,
        by=request.user,
        received_at=payload.received_at,
    )
    return Status(201 if created else 200, CaseOut.build(case, request.user))


@router.post(
    "/batch", response={200: IntakeBatchOut, **ERRORS}, summary="批量受理（12345平台推送，逐件幂等）"
)
def intake_batch(request, payload: IntakeBatchIn):
    """Each ticket is received as ``POST /`` would, in order; one result per ticket."""
    found = selectors.intake_households(
        user=request.user, wanted=[(item.household_id, item.account) for item in payload.items]
    )
    refused = {i: f for i, f in enumerate(found) if isinstance(f, Exception)}
    items = [
        {
            **item.dict(exclude={"household_id", "account"}),
            "household": found[i],
            "category": item.category or None,
        }
        for i, item in enumerate(payload.items)
        if i not in refused
    ]
    received = iter(services.receive_cases(items, by=request.user))
    out = []
    for i, item in enumerate(payload.items):
        row = {"index": i, "external_id": item.external_id}
        if i in refused:
            out.append({**row, "status": refused[i].http_status, "detail": str(refused[i])})
            continue
        r = next(received)
        if r.case is None:
            out.append({**row, "status": 422, "detail": r.error})
            continue
        c = r.case
        out.append({**row, "status": 201 if r.created else 200, "id": c.pk, "version": c.version,
                    "state": c.state, "station_id": c.station_id})  # fmt: skip
    statuses = [r["status"] for r in out]
    return {"created": statuses.count(201), "existing": statuses.count(200),
            "refused": len(out) - statuses.count(201) - statuses.count(200), "results": out}  # fmt: skip


@router.get("/", response=CasePage, summary="工单列表（按权限范围，可筛选）")
def case_list(request, params: Query[CaseListQuery]):
    filters = params.dict()
    page, page_size = filters.pop("page"), filters.pop("page_size")
    rows = selectors.cases(user=request.user, filters=selectors.CaseFilters(**filters))
    paginator = CappedPaginator(rows, page_size)
    p = paginator.get_page(page)
    return {
        "count": paginator.count,
        "capped": paginator.capped,
        "page": p.number,
        "pages": paginator.num_pages,
        "items": [CaseOut.build(c, request.user) for c in p.object_list],
    }


@router.get("/kpis", summary="考核指标（按企业/换热站/街道/区县）")
def kpi_view(request, params: Query[KpiQuery]):
    start, end = selectors.day_range(params.start, params.end)
    table = kpis.kpi_table(user=request.user, start=start, end=end, group=params.group)
    return {
        "group": table["group"],
        "start": params.start,
        "end": params.end,
        "rows": table["rows"],
        "total": table["total"],
        "definitions": [k.__dict__ for k in kpis.RATES],
    }


@router.get("/{case_id}", response={200: CaseDetailOut, 404: Message}, summary="工单详情与处理记录")
def case_detail(request, case_id: int):
    return _detail(selectors.case_for(user=request.user, pk=case_id), request.user)


def _done(request, case):
    """The case as stored after the transition: read again, because a transition can set flags on the row
    (a suspected fake closure) that the service did not set on the object it was given."""
    return _detail(selectors.case_to_act_on(user=request.user, pk=case.pk), request.user)


@router.post("/{case_id}/dispatch", response={200: CaseDetailOut, **ERRORS}, summary="派单")
def dispatch(request, case_id: int, payload: DispatchIn):
    case = _case(request, case_id, payload.version)
    station = get_object_or_404(Station, pk=payload.station_id) if payload.station_id else None
    return _done(
        request, services.dispatch_case(case=case, by=request.user, station=station, note=payload.note)
    )


@router.post("/{case_id}/resolve", response={200: CaseDetailOut, **ERRORS}, summary="办结")
def resolve(request, case_id: int, payload: ResolveIn):
    case = _case(request, case_id, payload.version)
    evidence = {"temperature": payload.temperature, "photos": payload.photos}
    return _done(
        request,
        services.resolve_case(
            case=case,
            by=request.user,
            resolution=payload.resolution,
            root_cause=payload.root_cause,
            evidence=evidence,
            note=payload.note,
        ),
    )


@router.post("/{case_id}/revisit", response={200: CaseDetailOut, **ERRORS}, summary="回访")
def revisit(request, case_id: int, payload: RevisitIn):
    case = _case(request, case_id, payload.version)
    case, _ = services.record_revisit(
        case=case,
        by=request.user,
        satisfaction=payload.satisfaction,
        temperature=payload.temperature,
        photo=payload.photo,
        note=payload.note,
    )
    return _done(request, case)


@router.post("/{case_id}/supervise", response={200: CaseDetailOut, **ERRORS}, summary="督办")
def supervise(request, case_id: int, payload: SuperviseIn):
    case = _case(request, case_id)
    services.issue_supervision(
        case=case, by=request.user, instruction=payload.instruction, due_at=payload.due_at
    )
    return _done(request, case)


@router.post("/{case_id}/attach", response={200: CaseDetailOut, **ERRORS}, summary="并案到主单")
def attach(request, case_id: int, payload: AttachIn):
    case = _case(request, case_id, payload.version)
    parent = selectors.case_for(user=request.user, pk=payload.parent_id)
    return _done(
        request, services.attach_to_incident(case=case, parent=parent, by=request.user, note=payload.note)
    )


def _one_field_transition(path: str, name: str, summary: str, service, schema, field: str) -> None:
    """Register ``POST /{case_id}/<path>``: the case at the client's version, ``service`` with the actor and
    one field of the payload (a note or a reason), the case as stored after it."""

    def endpoint(request, case_id: int, payload: schema):
        case = _case(request, case_id, payload.version)
        return _done(request, service(case=case, by=request.user, **{field: getattr(payload, field)}))

    endpoint.__name__ = endpoint.__qualname__ = name  # the OpenAPI operationId, as a def of that name had
    router.post(f"/{{case_id}}/{path}", response={200: CaseDetailOut, **ERRORS}, summary=summary)(endpoint)


for _path, _name, _summary, _service, _schema, _field in [
    ("accept", "accept", "签收", services.accept_case, Versioned, "note"),
    ("return", "return_", "退回", services.return_case, ReasonIn, "reason"),
    ("start", "start", "开始办理", services.start_case, Versioned, "note"),
    ("contact", "contact", "已联系群众", services.record_contact, Versioned, "note"),
    ("onsite", "onsite", "已到场", services.record_onsite, Versioned, "note"),
    ("pause", "pause", "暂停计时（等待群众）", services.pause_case, ReasonIn, "reason"),
    ("resume", "resume", "恢复计时", services.resume_case, Versioned, "note"),
    ("extend", "extend", "批准延期（一次）", services.extend_case, ReasonIn, "reason"),
    ("reopen", "reopen", "重办", services.reopen_case, ReasonIn, "reason"),
    ("close", "close", "归档", services.close_case, Versioned, "note"),
]:
    _one_field_transition(_path, _name, _summary, _service, _schema, _field)
