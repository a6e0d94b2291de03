"""报停/开栓 pages: the queue with its deadlines, an application and the company's answer, staff filing."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError
from wennuan.core.masking import shown_name, shown_phone

from .. import arrears, selectors
from ..enums import ApplicationKind, ApplicationStatus, RefusalReason
from ..roles import DECIDERS, FILERS, may
from ..services.applications import apply_resumption, apply_suspension, decide
from .common import household, require


@login_required
def queue(request):
    status = request.GET.get("status", "")
    kind = request.GET.get("kind", "")
    if (status and status not in ApplicationStatus.values) or (kind and kind not in ApplicationKind.values):
        raise Http404("筛选条件无效")
    rows = selectors.applications(user=request.user, status=status, kind=kind)
    context = {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "status": status,
        "kind": kind,
        "statuses": ApplicationStatus.choices,
        "kinds": ApplicationKind.choices,
    }
    return render(request, "hall/applications.html", context)


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "同意"), ("refuse", "拒绝")], widget=forms.RadioSelect)
    reason = forms.ChoiceField(choices=[("", "（拒绝时选择）"), *RefusalReason.choices], required=False)
    note = forms.CharField(max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))


@login_required
def detail(request, pk: int):
    app = selectors.application_for(user=request.user, pk=pk)
    if app is None:
        raise Http404("申请不存在")
    can_decide = may(request.user, DECIDERS) and app.status == ApplicationStatus.PENDING
    form = DecideForm(request.POST or None)
    warning = ""
    status = 200
    if request.method == "POST":
        require(request.user, DECIDERS, "答复申请")
        if form.is_valid():
            d = form.cleaned_data
            try:
                decide(
                    application=app,
                    by=request.user,
                    approve=d["decision"] == "approve",
                    reason=d["reason"],
                    note=d["note"],
                )
            except DomainError as err:
                form.add_error(None, str(err))
                status = 422
            else:
                messages.success(request, "已答复")
                return redirect("hall:application", pk=app.pk)
        else:
            status = 422
        found = arrears.cited(request.POST.get("note", ""))
        warning = found.warning if found else ""
    context = {
        "app": app,
        "name": shown_name(request.user, app.applicant_name or app.household.resident_name),
        "phone": shown_phone(request.user, app.applicant_phone or app.household.phone),
        "form": form,
        "can_decide": can_decide,
        "warning": warning,
    }
    return render(request, "hall/application.html", context, status=status)


class ApplyForm(forms.Form):
    name = forms.CharField(max_length=50, required=False)
    phone = forms.CharField(max_length=30, required=False)
    note = forms.CharField(max_length=500, required=False)


@login_required
@require_POST
def apply(request, account: str, kind: str):
    require(request.user, FILERS, "代办报停或开栓")
    h = household(request, account)
    form = ApplyForm(request.POST)
    if kind not in ApplicationKind.values or not form.is_valid():
        raise Http404("申请类型无效")
    service = apply_suspension if kind == ApplicationKind.SUSPEND else apply_resumption
    try:
        app = service(household=h, by=request.user, **form.cleaned_data)
    except DomainError as err:
        messages.error(request, str(err))
        return redirect("hall:account", account=h.account)
    messages.success(request, f"已代为提交{app.get_kind_display()}申请，企业应在答复期限内书面答复")
    return redirect("hall:application", pk=app.pk)
