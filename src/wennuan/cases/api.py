"""Cases API (/api/v1/cases). Thin: parse, call one service or selector, shape the answer.

Transitions are POSTs carrying the ``version`` the client last saw; a newer version on the server means
someone else acted first → 409 (StaleObject). Domain errors become HTTP in the root handler."""

from typing import Literal

from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from wennuan.core.selectors import api_page

from . import actions, kpis, lifecycle, selectors, services
from .schemas import (
    CaseDetailOut,
    CaseListQuery,
    CaseOut,
    CasePage,
    IntakeBatchIn,
    IntakeBatchOut,
    IntakeIn,
    KpiQuery,
    Message,
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
    data = CaseOut.build(case, request.user)
    named = household.pk if household is not None else None
    if case.household_id not in (None, named) and not selectors.household_in_scope(
        user=request.user, pk=case.household_id
    ):
        # Routed by address into someone else's scope: the caller learns the place, not the household.
        data["household_id"] = None
    return Status(201 if created else 200, data)


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
    return api_page(
        rows,
        page=page,
        page_size=page_size,
        build=lambda page: [CaseOut.build(c, request.user) for c in page],
    )


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


class PhotoIn(Schema):
    action: Literal["resolve", "revisit"]


class PhotoOut(Schema):
    photo: str


@router.post(
    "/{case_id}/photos", response={201: PhotoOut, **ERRORS, 413: Message}, summary="上传办结或回访照片"
)
def upload_photo(request, case_id: int, form: Form[PhotoIn], file: File[UploadedFile]):
    """Store a photo for the action about to be taken (办结 or 回访), checked like the page's upload; name
    the answer's ``photo`` in that action's ``photos`` (办结) or ``photo`` (回访)."""
    case = _case(request, case_id)
    return Status(
        201, {"photo": services.kept_photo(case=case, by=request.user, action=form.action, upload=file)}
    )


def _register(action) -> None:
    """``POST /{case_id}/<code>``: the case at the client's version, the action's one service with the
    parsed input, the case as stored after it."""

    def endpoint(request, case_id: int, payload: action.schema):
        version = getattr(payload, "version", None)
        case = _case(request, case_id, version)
        return _done(request, action.perform(case=case, by=request.user, data=payload))

    router.post(
        f"/{{case_id}}/{action.code}",
        response={200: CaseDetailOut, **ERRORS},
        summary=action.label,
        operation_id=f"wennuan_cases_api_{action.operation_id or action.code}",  # stable for clients
    )(endpoint)


for _action in actions.ACTIONS.values():
    _register(_action)
