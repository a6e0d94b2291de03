"""Hall API (/api/v1/hall): accounts and statements, payment imports (subsidies, 报停/开栓 below)."""

from django.utils import timezone
from ninja import File, Query, Router
from ninja.files import UploadedFile

from wennuan.core.errors import NotInScope, NotPermitted
from wennuan.core.selectors import api_page
from wennuan.registry.models import Household
from wennuan.rules.models import Season

from . import selectors
from .roles import STATEMENT_COMPUTERS, may
from .schemas import AccountOut, ComputeIn, ComputeOut, ImportOut, SeasonQuery, StatementPage, StatementQuery
from .services.payments import import_payments
from .services.statements import compute_statements

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
