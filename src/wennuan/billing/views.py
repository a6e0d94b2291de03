"""Billing pages: the crew's measuring form, a household's refund, the ledger and its export, reductions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wennuan.accounts.enums import Role
from wennuan.core.errors import DomainError
from wennuan.registry.models import Estate
from wennuan.registry.selectors import household_by_account
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season

from . import city_rules, selectors
from .export import ledger_xlsx
from .forms import LedgerFilter, MeasurementForm, PaidForm, ReductionForm
from .services.measurements import MeasurementRefused, record_measurement
from .services.refunds import approve_reduction, approve_refund, mark_refund_paid, propose_reduction

# Who measures: the company's crews and dispatchers; the city's supervisor records a company's refusal.
MEASURING_ROLES = {Role.STATION_CREW, Role.DISPATCHER, Role.SUPERVISOR}
# Who decides on a refund: the company (its dispatcher) and the city's supervisor.
LEDGER_ROLES = {Role.DISPATCHER, Role.SUPERVISOR}


def _require(user, roles):
    if not (user.is_superuser or user.role in roles):
        raise PermissionDenied("您的角色不能进行此操作")


@login_required
def requests_page(request):
    _require(request.user, MEASURING_ROLES)
    rows = selectors.measurement_requests(user=request.user)[:200]
    return render(request, "billing/requests.html", {"rows": rows})


@login_required
def measure_page(request, case_id: int):
    _require(request.user, MEASURING_ROLES)
    case = selectors.request_to_measure(user=request.user, case_id=case_id)
    if case is None:
        raise Http404("测温申请不存在或不在您的范围内")
    household = case.household
    reasons: list[str] = []
    if request.method == "POST":
        form = MeasurementForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                record_measurement(by=request.user, household=household, case=case, data=form.to_input())
            except MeasurementRefused as err:
                reasons = err.reasons
            else:
                messages.success(request, "测温记录已保存，退费已重新计算")
                return redirect("billing:household", account=household.account)
    else:
        form = MeasurementForm()
    status = 422 if reasons or form.errors else 200
    return render(
        request,
        "billing/measure.html",
        {"case": case, "h": household, "form": form, "reasons": reasons},
        status=status,
    )


@login_required
def household_page(request, account: str):
    household = household_by_account(user=request.user, account=account)
    season = current_or_next_season(city=household.station.company.city_id)
    fee = city_rules.season_fee(household=household, season=season) if season else None
    context = {
        "h": household,
        "season": season,
        "fee": fee,
        "refunds": selectors.household_refunds(user=request.user, household=household),
        "measurements": selectors.household_measurements(user=request.user, household=household)[:50],
    }
    return render(request, "billing/household.html", context)


def household_section(request, household) -> dict:
    """The refund block on the registry's household page (registered in apps.py)."""
    return {
        "refunds": list(selectors.household_refunds(user=request.user, household=household)[:3]),
        "h": household,
    }


def _ledger_rows(request):
    seasons = Season.objects.order_by("-starts_on")
    form = LedgerFilter(request.GET or None, seasons=seasons)
    season = status = None
    if form.is_valid():
        season, status = form.cleaned_data["season"], form.cleaned_data["status"]
    elif request.GET:
        raise Http404("筛选条件无效")
    return form, selectors.ledger(user=request.user, season=season, status=status or "")


@login_required
def ledger_page(request):
    form, rows = _ledger_rows(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "totals": selectors.ledger_totals(rows),
        "can_decide": request.user.is_superuser or request.user.role in LEDGER_ROLES,
        "reductions": selectors.reductions(user=request.user)[:50],
        "query": request.GET.urlencode(),
    }
    return render(request, "billing/ledger.html", context)


@login_required
def ledger_export(request):
    _, rows = _ledger_rows(request)
    return ledger_xlsx(rows, request.user)


def _entry(request, entry_id: int):
    _require(request.user, LEDGER_ROLES)
    entry = selectors.entry_for(user=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404("退费记录不存在")
    return entry


@login_required
@require_POST
def approve(request, entry_id: int):
    try:
        approve_refund(entry=_entry(request, entry_id), by=request.user)
        messages.success(request, "已审核")
    except DomainError as err:
        messages.error(request, str(err))
    return redirect("billing:ledger")


@login_required
@require_POST
def paid(request, entry_id: int):
    entry = _entry(request, entry_id)
    form = PaidForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写有效的退付日期")
        return redirect("billing:ledger")
    try:
        mark_refund_paid(entry=entry, by=request.user, paid_on=form.cleaned_data["paid_on"])
        messages.success(request, "已记录退付")
    except DomainError as err:
        messages.error(request, str(err))
    return redirect("billing:ledger")


@login_required
def reduction_new(request):
    _require(request.user, LEDGER_ROLES)
    estates = Estate.objects.visible_to(request.user).order_by("name")
    form = ReductionForm(request.POST or None, estates=estates, seasons=Season.objects.order_by("-starts_on"))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        company = _company_for(request.user, d["estate"])
        try:
            propose_reduction(
                by=request.user,
                estate=d["estate"],
                season=d["season"],
                company=company,
                days=d["days"],
                reason=d["reason"],
            )
        except DomainError as err:
            form.add_error(None, str(err))
        else:
            messages.success(request, "协商减免已提交，待供热主管部门批准")
            return redirect("billing:ledger")
    return render(request, "billing/reduction_form.html", {"form": form}, status=422 if form.errors else 200)


def _company_for(user, estate):
    """The dispatcher's own company; for the supervisor, the company heating most of the estate."""
    if user.role == Role.DISPATCHER:
        return user.company
    from wennuan.registry.models import Household

    row = (
        Household.objects.filter(unit__building__estate=estate)
        .values("station__company")
        .order_by("station__company")
        .first()
    )
    if row is None:
        raise Http404("该小区没有住户")
    from wennuan.registry.models import Company

    return Company.objects.get(pk=row["station__company"])


@login_required
@require_POST
def reduction_approve(request, reduction_id: int):
    reduction = selectors.reduction_for(user=request.user, reduction_id=reduction_id)
    if reduction is None:
        raise Http404("协商减免不存在")
    try:
        approve_reduction(reduction=reduction, by=request.user)
        messages.success(request, "已批准")
    except DomainError as err:
        messages.error(request, str(err))
    return redirect("billing:ledger")


def overdue_panel(request) -> dict:
    """The supervisor's desk: refunds past their due date and not paid (registered in apps.py)."""
    rows = selectors.overdue_refunds(user=request.user)
    return {"overdue": list(rows[:10]), "overdue_totals": selectors.ledger_totals(rows)}
