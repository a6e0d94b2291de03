"""Hall API (/api/v1/hall): accounts and statements, payment imports (subsidies, 报停/开栓 below)."""

from django.utils import timezone
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from wennuan.core.errors import DomainError, NotInScope, NotPermitted
from wennuan.core.selectors import api_page
from wennuan.registry.models import Household
from wennuan.rules.models import Season

from . import selectors
from .enums import ApplicationKind, ApplicationStatus, SubsidyGroup
from .roles import STATEMENT_COMPUTERS, may
from .schemas import (
    AccountOut,
    ApplicationOut,
    ApplicationPage,
    ApplicationQuery,
    ApplyIn,
    ComputeIn,
    ComputeOut,
    DecideIn,
    GrantIn,
    ImportOut,
    PaidIn,
    RejectIn,
    SeasonQuery,
    StatementPage,
    StatementQuery,
    SubsidyOut,
    SubsidyPage,
    SubsidyQuery,
    SubsidyStatusOut,
)
from .services.applications import apply_resumption, apply_suspension, decide
from .services.payments import import_payments
from .services.statements import compute_statements
from .services.subsidies import (
    approve_subsidy,
    assess_subsidies,
    grant_subsidy,
    mark_subsidy_paid,
    reject_subsidy,
)

router = Router(tags=["hall"])


def scoped_household(user, account: str) -> Household:
    h = (
        Household.objects.visible_to(user)
        .select_related("station__company", "unit__building__estate")
        .filter(account=account)
        .first()
    )
    if h is None:
        raise NotInScope("户号不存在或不在您的管辖范围内")
    return h


def _season(household, season_id):
    season = selectors.household_season(household, season_id)
    if season is None and season_id is not None:
        raise NotInScope("本市没有这个供暖季")
    return season


@router.get(
    "/households/{account}/account",
    response=AccountOut,
    summary="住户某供暖季的热费账户（应缴、已缴、欠费、减免、应退、补贴）",
)
def household_account(request, account: str, params: Query[SeasonQuery]):
    h = scoped_household(request.user, account)
    season = _season(h, params.season_id)
    statement = selectors.account(user=request.user, household=h, season=season) if season else None
    rows = selectors.payments(user=request.user, household=h, season=season)[:200] if season else []
    return {"statement": statement, "payments": list(rows), "at": timezone.now()}


@router.get("/statements", response=StatementPage, summary="已计算的热费账单（本人范围内，欠费多的在前）")
def statements(request, params: Query[StatementQuery]):
    season = Season.objects.filter(pk=params.season_id).first() if params.season_id else None
    season = season or Season.objects.order_by("-starts_on").first()
    if season is None:
        raise NotInScope("没有供暖季")
    rows = selectors.statements(user=request.user, season=season, arrears_only=params.arrears_only)
    return api_page(rows.select_related("season"), page=params.page, page_size=params.page_size)


@router.post("/statements/compute", response=ComputeOut, summary="计算某供暖季全市账单（供热主管）")
def compute(request, payload: ComputeIn):
    if not may(request.user, STATEMENT_COMPUTERS):
        raise NotPermitted("只有供热主管可以计算全市账单")
    season = Season.objects.filter(pk=payload.season_id).first()
    if season is None:
        raise NotInScope("供暖季不存在")
    return {"season": str(season), "households": compute_statements(season=season, by=request.user)}


@router.post(
    "/payments/import",
    response=ImportOut,
    summary="导入企业缴费明细（.xlsx/.csv；全部正确才写入；重复导入不重复记账）",
)
def payments_import(request, file: File[UploadedFile]):
    report = import_payments(source=file.file, by=request.user, filename=file.name or "")
    return report


# ---- subsidies ----------------------------------------------------------------------------------------


@router.get(
    "/households/{account}/subsidy",
    response=SubsidyStatusOut,
    summary="住户本季困难补贴状态（「补贴一直没发」时坐席即看）",
)
def household_subsidy(request, account: str, params: Query[SeasonQuery]):
    h = scoped_household(request.user, account)
    season = _season(h, params.season_id)
    view = selectors.subsidy_status(user=request.user, household=h, season=season) if season else None
    if view is None:
        raise NotInScope("本市尚未设置供暖季")
    row = view.subsidy
    return {
        "account": h.account, "season": view.season.name, "state": view.state, "label": view.label,
        "summary": view.summary, "overdue_days": view.overdue_days, "amount": row.amount if row else None,
        "group": row.group if row else None, "paid_on": row.paid_on if row else None,
    }  # fmt: skip


@router.get("/subsidies", response=SubsidyPage, summary="困难补贴名单（本人范围内）")
def subsidy_list(request, params: Query[SubsidyQuery]):
    season = Season.objects.filter(pk=params.season_id).first() if params.season_id else None
    rows = selectors.subsidies(user=request.user, season=season, status=params.status)
    return api_page(rows, page=params.page, page_size=params.page_size)


@router.post("/subsidies", response={201: SubsidyOut}, summary="登记补贴对象（优抚对象等台账未载的）")
def subsidy_grant(request, payload: GrantIn):
    h = scoped_household(request.user, payload.account)
    season = _season(h, None)
    if season is None:
        raise NotInScope("本市尚未设置供暖季")
    if payload.group not in SubsidyGroup.values:
        raise DomainError("补贴对象类别无效：" + "、".join(SubsidyGroup.values))
    row = grant_subsidy(
        household=h, season=season, group=payload.group, certificate=payload.certificate, by=request.user
    )
    return Status(201, row)


@router.post("/subsidies/assess", response=ComputeOut, summary="按台账重点人群认定某供暖季补贴")
def subsidy_assess(request, payload: ComputeIn):
    season = Season.objects.filter(pk=payload.season_id).first()
    if season is None:
        raise NotInScope("供暖季不存在")
    return {"season": str(season), "households": assess_subsidies(season=season, by=request.user)}


def _subsidy(request, subsidy_id: int):
    row = selectors.subsidy_for(user=request.user, pk=subsidy_id)
    if row is None:
        raise NotInScope("补贴记录不存在")
    return row


@router.post("/subsidies/{subsidy_id}/approve", response=SubsidyOut, summary="审核补贴")
def subsidy_approve(request, subsidy_id: int):
    return approve_subsidy(subsidy=_subsidy(request, subsidy_id), by=request.user)


@router.post("/subsidies/{subsidy_id}/reject", response=SubsidyOut, summary="补贴不通过（写明原因）")
def subsidy_reject(request, subsidy_id: int, payload: RejectIn):
    return reject_subsidy(subsidy=_subsidy(request, subsidy_id), by=request.user, reason=payload.reason)


@router.post("/subsidies/{subsidy_id}/paid", response=SubsidyOut, summary="记录补贴已发放")
def subsidy_paid(request, subsidy_id: int, payload: PaidIn):
    return mark_subsidy_paid(subsidy=_subsidy(request, subsidy_id), by=request.user, paid_on=payload.paid_on)


# ---- 报停 / 开栓 ----------------------------------------------------------------------------------------


@router.get("/applications", response=ApplicationPage, summary="报停、开栓申请（待答复的在前，按答复期限）")
def application_list(request, params: Query[ApplicationQuery]):
    if params.status and params.status not in ApplicationStatus.values:
        raise DomainError("status 无效")
    if params.kind and params.kind not in ApplicationKind.values:
        raise DomainError("kind 无效")
    rows = selectors.applications(user=request.user, status=params.status, kind=params.kind)
    return api_page(rows, page=params.page, page_size=params.page_size)


@router.post(
    "/applications/suspension", response={201: ApplicationOut}, summary="代居民申请报停（下一供暖季）"
)
def application_suspend(request, payload: ApplyIn):
    h = scoped_household(request.user, payload.account)
    app = apply_suspension(
        household=h, by=request.user, name=payload.name, phone=payload.phone, note=payload.note
    )
    return Status(201, app)


@router.post("/applications/resumption", response={201: ApplicationOut}, summary="代居民申请开栓（恢复供热）")
def application_resume(request, payload: ApplyIn):
    h = scoped_household(request.user, payload.account)
    app = apply_resumption(
        household=h, by=request.user, name=payload.name, phone=payload.phone, note=payload.note
    )
    return Status(201, app)


@router.post(
    "/applications/{application_id}/decide",
    response=ApplicationOut,
    summary="企业书面答复（拒绝须写技术原因，欠费不能作为理由）",
)
def application_decide(request, application_id: int, payload: DecideIn):
    app = selectors.application_for(user=request.user, pk=application_id)
    if app is None:
        raise NotInScope("申请不存在")
    return decide(
        application=app, by=request.user, approve=payload.approve, reason=payload.reason, note=payload.note
    )
