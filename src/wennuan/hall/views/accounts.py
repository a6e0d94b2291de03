"""A household's season account (热费账户) and the city's statements; payment imports."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wennuan.core.errors import DomainError, ImportRejected
from wennuan.core.masking import shown_name, shown_phone
from wennuan.rules.models import Season

from .. import selectors
from ..enums import SubsidyGroup
from ..payment_file import HEADERS
from ..roles import FILERS, IMPORTERS, STATEMENT_COMPUTERS, SUBSIDY_APPROVERS, may
from ..services.payments import import_payments
from ..services.statements import compute_statements
from .common import household, require


def _season_id(request) -> int | None:
    value = request.GET.get("season", "")
    return int(value) if value.isdigit() else None


@login_required
def household_account(request, account: str):
    h = household(request, account)
    season = selectors.household_season(h, _season_id(request))
    if season is None and _season_id(request) is not None:
        raise Http404("本市没有这个供暖季")
    context = {
        "h": h,
        "name": shown_name(request.user, h.resident_name),
        "phone": shown_phone(request.user, h.phone),
        "season": season,
        "seasons": selectors.household_seasons(h),
        "statement": selectors.account(user=request.user, household=h, season=season) if season else None,
        "payments": selectors.payments(user=request.user, household=h, season=season)[:100] if season else [],
        "subsidy": selectors.subsidy_status(user=request.user, household=h, season=season)
        if season
        else None,
        "applications": selectors.household_applications(user=request.user, household=h)[:20],
        "can_file": may(request.user, FILERS),
        "can_grant": may(request.user, FILERS | SUBSIDY_APPROVERS),
        "groups": SubsidyGroup.choices,
    }
    return render(request, "hall/account.html", context)


def account_section(request, h) -> dict:
    """The account block on the registry's household page (registered in menus.py)."""
    summary = selectors.household_summary(user=request.user, household=h)
    return {"h": h, "summary": summary}


def case_section(request, case) -> dict | None:
    """The household's account, subsidy and open applications on the case page (cases.sections): shown
    for every case with a household, first for money matters (「补贴一直没发」)."""
    if case.household_id is None:
        return None
    summary = selectors.household_summary(user=request.user, household=case.household)
    if summary is None:
        return None
    return {"h": case.household, "summary": summary, "case": case}


class UploadForm(forms.Form):
    file = forms.FileField(label="缴费明细（.xlsx 或 .csv）")


@login_required
@require_http_methods(["GET", "POST"])
def payment_import(request):
    require(request.user, IMPORTERS, "缴费导入")
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "headers": HEADERS, "imports": selectors.imports(user=request.user)[:20]}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:8]
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            for chunk in upload.chunks():
                tmp.write(chunk)
            tmp.flush()
            try:
                context["report"] = import_payments(source=tmp.name, by=request.user, filename=upload.name)
            except ImportRejected as err:
                context["rejected"], status = err, 422
            except DomainError as err:
                context["problem"], status = str(err), 400
    return render(request, "hall/payment_import.html", context, status=status)


@login_required
def statement_list(request):
    seasons = Season.objects.order_by("-starts_on")
    season_id = _season_id(request)
    season = seasons.filter(pk=season_id).first() if season_id else seasons.first()
    arrears_only = request.GET.get("arrears") == "1"
    rows = (
        selectors.statements(user=request.user, season=season, arrears_only=arrears_only) if season else None
    )
    context = {
        "seasons": seasons,
        "season": season,
        "arrears_only": arrears_only,
        "page": Paginator(rows, 50).get_page(request.GET.get("page")) if rows is not None else None,
        "totals": selectors.statement_totals(rows) if rows is not None else None,
        "can_compute": may(request.user, STATEMENT_COMPUTERS),
    }
    return render(request, "hall/statements.html", context)


@login_required
@require_POST
def statement_compute(request):
    require(request.user, STATEMENT_COMPUTERS, "计算全市账单")
    season = Season.objects.filter(pk=request.POST.get("season") or 0).first()
    if season is None:
        raise Http404("供暖季不存在")
    try:
        count = compute_statements(season=season, by=request.user)
    except DomainError as err:
        messages.error(request, str(err))
    else:
        messages.success(request, f"已计算 {season} 热费账单 {count} 户")
    return redirect(f"{reverse('hall:statements')}?season={season.pk}")
