"""Role inboxes and lists with filters and search, the intake form, the supervisor's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from wennuan.core.errors import DomainError
from wennuan.core.roles import Role
from wennuan.core.selectors import CappedPaginator

from .. import assist, lifecycle, selectors, services
from ..enums import Queue
from ..forms import FilterForm, IntakeForm
from ..models import SpotCheck
from .export import cases_xlsx

# The filters folded under 「筛选」 on the list (the search box and the queues stay in view).
FOLDED_FILTERS = ("state", "category", "overdue", "received_from", "received_to")


@login_required
def case_list(request):
    """A list of the user's visible cases: their role's inbox by default, any filter on request.
    ``?export=xlsx`` downloads the same rows."""
    data = request.GET.copy()
    if "queue" not in data:
        data["queue"] = selectors.default_queue(request.user)
    form = FilterForm(data)
    form.is_valid()
    filters = selectors.CaseFilters(**{k: v for k, v in form.cleaned_data.items() if v not in ("", None)})
    rows = selectors.cases(user=request.user, filters=filters)
    if request.GET.get("export") == "xlsx":
        return cases_xlsx(rows, request.user, filters=vars(filters))
    page = CappedPaginator(rows, 30).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    template = "cases/_rows.html" if request.htmx else "cases/list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "queue_label": Queue(filters.queue).label if filters.queue in Queue.values else "全部工单",
            "querystring": query.urlencode(),
            "queues": [(q.value, q.label) for q in selectors.queues_for(request.user)],
            "current_queue": filters.queue,
            "filtered": any(form.cleaned_data.get(k) not in ("", None) for k in FOLDED_FILTERS),
        },
    )


@login_required
def intake(request):
    """The agent's intake form; a repeat of the same ticket opens the stored case."""
    if not (request.user.is_superuser or request.user.role in lifecycle.INTAKE_ROLES):
        raise PermissionDenied("当前角色不能受理诉求")
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        household = None
        try:
            household = selectors.intake_household(user=request.user, account=d["account"])
        except DomainError as exc:
            form.add_error("account", str(exc))
        if not form.errors:
            try:
                case, created = services.receive_case(
                    channel=d["channel"],
                    text=d["text"],
                    address=d["address"],
                    external_id=d["external_id"],
                    reporter_name=d["reporter_name"],
                    reporter_phone=d["reporter_phone"],
                    household=household,
                    category=d["category"] or None,
                    by=request.user,
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                if created and d["direct_answer"]:
                    _answer(request, case, d["direct_answer"])
                elif created:
                    routed = (
                        "已确权至" + case.station.name if case.station_id else "未能确权，已进入人工派单队列"
                    )
                    messages.success(request, f"已受理，工单号 {case.pk}；{routed}")
                else:
                    messages.info(request, f"该工单已受理过（工单号 {case.pk}），未重复登记")
                return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/intake.html", {"form": form, "assist_panels": assist.panels_for(request.user)}
    )


def _answer(request, case, ref: str) -> None:
    """直接答复 right after intake; when refused the case stays received (it goes to dispatch) and the
    agent is told why."""
    try:
        services.answer_case(case=case, by=request.user, ref=ref)
    except DomainError as exc:
        messages.error(request, f"已受理，工单号 {case.pk}，但未能直接答复：{exc}")
    else:
        messages.success(request, f"已受理并直接答复办结，工单号 {case.pk}")


@login_required
def supervision(request):
    """The supervisor's desk: overdue cases by escalation, fake-closure suspects, revisits not done in
    time, open 督办."""
    if not (request.user.is_superuser or request.user.role in lifecycle.SUPERVISORS):
        raise PermissionDenied("只有主管部门可以查看督办台")
    visible = selectors.cases(user=request.user, filters=selectors.CaseFilters(queue=Queue.OVERDUE))
    suspects = selectors.cases(user=request.user, filters=selectors.CaseFilters(queue=Queue.FAKE_CLOSURE))
    hours = selectors.revisit_window_hours()
    return render(
        request,
        "cases/supervision.html",
        {
            "overdue": visible.order_by("-escalation_level", "overdue_since")[:100],
            "suspects": suspects[:100],
            "revisits_late": selectors.revisits_late(user=request.user)[:100],
            "revisit_window_hours": hours,
            "orders": selectors.supervision_orders(user=request.user)[:100],
        },
    )


@login_required
def spot_checks(request):
    """The spot checker's list: this user's assigned checks (a supervisor sees every check)."""
    rows = SpotCheck.objects.visible_to(request.user).select_related("case", "company", "checker")
    if request.user.role == Role.SPOT_CHECKER:
        rows = rows.filter(checker=request.user)
    elif not (request.user.is_superuser or request.user.role == Role.SUPERVISOR):
        raise PermissionDenied("只有抽核员或供热主管可以查看抽核")
    if request.method == "POST":
        check_id = request.POST.get("check", "")
        check = rows.filter(pk=int(check_id)).first() if check_id.isascii() and check_id.isdigit() else None
        if check is None:
            raise PermissionDenied("抽核不存在")
        # no default: 合格 or 不合格 feeds 抽核不合格率, so the checker has to say which
        verdict = {"yes": True, "no": False}.get(request.POST.get("passed", ""))
        if verdict is None:
            messages.error(request, "请选择抽核结果（合格或不合格）")
            return redirect("cases:spot_checks")
        try:
            services.record_spot_check(
                check=check,
                by=request.user,
                passed=verdict,
                finding=request.POST.get("finding", ""),
            )
            messages.success(request, "抽核结果已录入")
        except DomainError as exc:
            messages.error(request, str(exc))
        return redirect("cases:spot_checks")
    return render(
        request, "cases/spot_checks.html", {"checks": rows.order_by("checked_at", "-week_start", "id")[:200]}
    )
