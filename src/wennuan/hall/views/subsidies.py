"""Subsidy pages: the approval list (assess from the registry, approve, reject, paid) and staff recording an
entitlement on a household's account page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError
from wennuan.rules.models import Season

from .. import selectors
from ..enums import SubsidyGroup, SubsidyStatus
from ..roles import FILERS, SUBSIDY_APPROVERS, may
from ..services.subsidies import (
    approve_subsidy,
    assess_subsidies,
    grant_subsidy,
    mark_subsidy_paid,
    reject_subsidy,
)
from .common import household, require


@login_required
def subsidy_list(request):
    seasons = Season.objects.order_by("-starts_on")
    season_id = request.GET.get("season", "")
    season = seasons.filter(pk=season_id).first() if season_id.isdigit() else seasons.first()
    status = request.GET.get("status", "")
    if status and status not in SubsidyStatus.values:
        raise Http404("筛选条件无效")
    rows = selectors.subsidies(user=request.user, season=season, status=status)
    context = {
        "seasons": seasons,
        "season": season,
        "status": status,
        "statuses": SubsidyStatus.choices,
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "can_decide": may(request.user, SUBSIDY_APPROVERS),
        "today": timezone.localdate().isoformat(),
    }
    return render(request, "hall/subsidies.html", context)


def _back(request):
    return redirect(request.POST.get("next") or reverse("hall:subsidies"))


def _subsidy(request, pk):
    row = selectors.subsidy_for(user=request.user, pk=pk)
    if row is None:
        raise Http404("补贴记录不存在")
    return row


@login_required
@require_POST
def subsidy_assess(request):
    require(request.user, SUBSIDY_APPROVERS, "补贴认定")
    season = Season.objects.filter(pk=request.POST.get("season") or 0).first()
    if season is None:
        raise Http404("供暖季不存在")
    try:
        n = assess_subsidies(season=season, by=request.user)
        messages.success(request, f"按台账重点人群新认定 {n} 户")
    except DomainError as err:
        messages.error(request, str(err))
    return _back(request)


class RejectForm(forms.Form):
    reason = forms.CharField(min_length=4, max_length=200)


class PaidForm(forms.Form):
    paid_on = forms.DateField()


@login_required
@require_POST
def subsidy_decide(request, pk: int, action: str):
    require(request.user, SUBSIDY_APPROVERS, "补贴审核")
    row = _subsidy(request, pk)
    try:
        if action == "approve":
            approve_subsidy(subsidy=row, by=request.user)
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                raise DomainError("须写明未通过的原因（4～200个字）")
            reject_subsidy(subsidy=row, by=request.user, reason=form.cleaned_data["reason"])
        elif action == "paid":
            form = PaidForm(request.POST)
            if not form.is_valid():
                raise DomainError("请填写有效的发放日期")
            mark_subsidy_paid(subsidy=row, by=request.user, paid_on=form.cleaned_data["paid_on"])
        else:
            raise Http404("未知操作")
        messages.success(request, "已保存")
    except DomainError as err:
        messages.error(request, str(err))
    return _back(request)


class GrantForm(forms.Form):
    group = forms.ChoiceField(choices=SubsidyGroup.choices)
    certificate = forms.CharField(max_length=50, required=False)


@login_required
@require_POST
def subsidy_grant(request, account: str):
    require(request.user, FILERS | SUBSIDY_APPROVERS, "登记补贴对象")
    h = household(request, account)
    form = GrantForm(request.POST)
    season = selectors.household_season(h)
    if not form.is_valid() or season is None:
        messages.error(request, "请选择补贴对象类别")
    else:
        try:
            grant_subsidy(household=h, season=season, by=request.user, **form.cleaned_data)
            messages.success(request, "已登记，待审核")
        except DomainError as err:
            messages.error(request, str(err))
    return redirect("hall:account", account=h.account)
