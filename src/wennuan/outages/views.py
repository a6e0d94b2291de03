"""Outage pages: the list, the record form (with its area picker), the page of one outage with its
households and mass complaints, the restore POST and the stairwell notice PDF. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError, NotInScope
from wennuan.core.selectors import CappedPaginator

from . import selectors, services, stairwell
from .enums import OutageState
from .forms import OutageForm, RestoreForm

PAGE_SIZE = 30
HOUSEHOLDS_PAGE = 50


def _outage_or_404(user, pk):
    try:
        return selectors.outage_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


@login_required
def outage_list(request):
    state = request.GET.get("state", "")
    if state not in OutageState.values:
        state = ""
    paginator = CappedPaginator(selectors.outages(user=request.user, state=state), PAGE_SIZE)
    return render(
        request,
        "outages/list.html",
        {
            "page": paginator.get_page(request.GET.get("page")),
            "state": state,
            "states": OutageState.choices,
            "can_record": services.can_record(request.user),
            "now": timezone.now(),
        },
    )


@login_required
def outage_new(request):
    if not services.can_record(request.user):
        raise PermissionDenied("只有供热企业调度或供热主管可以登记停热事件")
    form = OutageForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            outage = services.record_outage(
                by=request.user,
                cause=d["cause"],
                liability=d["liability"] or None,
                start=d["start"],
                expected_restore=d["expected_restore"],
                description=d["description"],
                station=d["station"],
                buildings=list(d["buildings"]),
                units=list(d["units"]),
                company=d.get("company"),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"已登记停热：{outage.area_label}，{outage.summary}，已通知网格员和社区"
            )
            return redirect("outages:detail", outage.pk)
    return render(request, "outages/new.html", {"form": form})


@login_required
def area_choices(request):
    """The buildings and units of the chosen estate (htmx swaps them into the form)."""
    if not services.can_record(request.user):
        raise PermissionDenied("只有供热企业调度或供热主管可以登记停热事件")
    form = OutageForm({"estate": request.GET.get("estate", "")}, user=request.user)
    return render(request, "outages/_area_choices.html", {"form": form})


@login_required
def outage_detail(request, pk: int):
    outage = _outage_or_404(request.user, pk)
    households = selectors.affected_households(outage=outage, user=request.user)
    page = CappedPaginator(households, HOUSEHOLDS_PAGE).get_page(request.GET.get("page"))
    end = outage.actual_restore or timezone.now()
    days = {}
    if outage.start < end:
        intervals = selectors.outage_intervals_by_household(
            households=[h.pk for h in page.object_list], start=outage.start, end=end
        )
        days = {pk: sum(i.days for i in rows) for pk, rows in intervals.items()}
    rows = [(h, days.get(h.pk, 0)) for h in page.object_list]
    can_act = services.can_record(request.user) and (
        request.user.is_supervisor or request.user.company_id == outage.company_id
    )
    return render(
        request,
        "outages/detail.html",
        {
            "outage": outage,
            "page": page,
            "rows": rows,
            "refund": selectors.outage_refund(outage),
            "cases": selectors.suspected_cases(outage=outage, user=request.user)[:100],
            "can_restore": can_act and outage.actual_restore is None and outage.start <= timezone.now(),
            "restore_form": RestoreForm(),
        },
    )


@login_required
@require_POST
def outage_restore(request, pk: int):
    outage = _outage_or_404(request.user, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, "实际恢复时间：请填写有效的日期时间")
        return redirect("outages:detail", outage.pk)
    try:
        services.restore_outage(outage=outage, by=request.user, at=form.cleaned_data["at"])
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        refund = selectors.outage_refund(outage)
        messages.success(request, f"已登记恢复供热。{refund.explanation}")
    return redirect("outages:detail", outage.pk)


@login_required
def notice_pdf(request, pk: int):
    outage = _outage_or_404(request.user, pk)
    sheets = stairwell.sheets_for(selectors.affected_households(outage=outage, user=request.user))
    if not sheets:
        raise Http404("您的范围内没有该停热事件的住户")
    pdf = stairwell.render_pdf(outage, sheets=sheets, refund=selectors.outage_refund(outage))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="outage-{outage.pk}.pdf"'
    return response
