"""Pages: the daily report (one click queues it; the page shows it when ready), the companies to pick
for a 通报, and 通报 on record (edit, approve, issue, PDF, docx). Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError
from wennuan.core.selectors import CappedPaginator
from wennuan.registry.models import City

from . import bulletins, export, services
from .daily import REPORT_RATES
from .enums import BulletinState, ReportStatus
from .forms import BulletinForm, CandidateForm, DailyForm, DraftForm
from .models import Bulletin, DailyReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RECENT = 10


def _city(request):
    """The city a page is about: ?city=<id>, else the first (one-city deployments)."""
    wanted = request.GET.get("city") or request.POST.get("city")
    rows = City.objects.order_by("id")
    city = rows.filter(pk=wanted).first() if wanted and str(wanted).isdigit() else rows.first()
    if city is None:
        raise Http404("没有城市")
    return city


def _supervisor_only(user):
    if not services.is_supervisor(user):
        raise PermissionDenied("只有供热主管可以使用")


@login_required
def daily_page(request):
    _supervisor_only(request.user)
    recent = DailyReport.objects.defer("xlsx", "pdf").select_related("city", "requested_by")[:RECENT]
    context = {
        "form": DailyForm(),
        "recent": recent,
        "pending": any(r.status == ReportStatus.QUEUED for r in recent),
    }
    if request.htmx:
        return render(request, "reports/_daily_list.html", context)
    return render(request, "reports/daily.html", context)


@login_required
@require_POST
def daily_request(request):
    _supervisor_only(request.user)
    form = DailyForm(request.POST)
    if form.is_valid():
        try:
            report = services.request_daily_report(
                by=request.user, city=_city(request), day=form.cleaned_data["day"]
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已开始生成{report.day:%Y-%m-%d}的每日调度报告，完成后在下方下载")
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("reports:daily")


@login_required
def daily_file(request, pk: int, kind: str):
    _supervisor_only(request.user)
    if kind not in ("xlsx", "pdf"):
        raise Http404()
    report = get_object_or_404(DailyReport, pk=pk, status=ReportStatus.DONE)
    name = f"每日调度报告-{report.city.name}-{report.day:%Y%m%d}.{kind}"
    body, mime = (bytes(report.xlsx), XLSX) if kind == "xlsx" else (bytes(report.pdf), "application/pdf")
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def candidates_page(request):
    _supervisor_only(request.user)
    form = CandidateForm(request.GET)
    if not form.is_valid():
        form = CandidateForm({})
        form.is_valid()
    data = form.cleaned_data
    city = _city(request)
    ranked, total = bulletins.candidates(
        user=request.user, city=city, start=data["start"], end=data["end"], order=data["order"]
    )
    return render(
        request,
        "reports/candidates.html",
        {
            "form": form,
            "args": data,
            "ranked": ranked,
            "total": total,
            "rates": bulletins.RANKABLE,
            "city": city,
        },
    )


@login_required
@require_POST
def bulletin_draft(request):
    _supervisor_only(request.user)
    city = _city(request)
    form = DraftForm(request.POST, company_ids=list(city.companies.values_list("pk", flat=True)))
    if not form.is_valid():
        messages.error(request, "请勾选要通报的企业")
        return redirect("reports:candidates")
    d = form.cleaned_data
    try:
        bulletin = services.draft_bulletin(
            by=request.user, city=city, start=d["start"], end=d["end"], company_ids=d["companies"]
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reports:candidates")
    messages.success(request, "已起草通报，请核改文字后提交审核")
    return redirect("reports:bulletin", bulletin.pk)


@login_required
def bulletin_list(request):
    rows = (
        Bulletin.objects.visible_to(request.user).select_related("created_by").prefetch_related("companies")
    )
    state = request.GET.get("state", "")
    if state in BulletinState.values:
        rows = rows.filter(state=state)
    return render(
        request,
        "reports/bulletins.html",
        {
            "page": CappedPaginator(rows, 30).get_page(request.GET.get("page")),
            "state": state,
            "states": BulletinState.choices,
            "can_draft": services.is_supervisor(request.user),
        },
    )


def _bulletin_or_404(user, pk):
    found = Bulletin.objects.visible_to(user).filter(pk=pk).select_related("approved_by", "issued_by").first()
    if found is None:
        raise Http404("通报不存在或无权查看")
    return found


@login_required
def bulletin_detail(request, pk: int):
    bulletin = _bulletin_or_404(request.user, pk)
    form = BulletinForm(instance=bulletin)
    if request.method == "POST":
        form = BulletinForm(request.POST, instance=Bulletin.objects.get(pk=bulletin.pk))
        if form.is_valid():
            try:
                services.edit_bulletin(bulletin=bulletin, by=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存")
                return redirect("reports:bulletin", bulletin.pk)
    supervisor = services.is_supervisor(request.user)
    return render(
        request,
        "reports/bulletin.html",
        {
            "b": bulletin,
            "form": form,
            "sections": bulletin.sections(),
            "figures": bulletin.figures,
            "rates": [k for k in bulletins.RANKABLE if k.key in REPORT_RATES],
            "can_edit": supervisor and bulletin.state == BulletinState.DRAFT,
            "can_approve": supervisor and bulletin.state == BulletinState.DRAFT,
            "can_return": supervisor and bulletin.state == BulletinState.APPROVED,
            "can_issue": supervisor and bulletin.state == BulletinState.APPROVED,
        },
        status=400 if form.errors else 200,
    )


STEPS = {
    "approve": (services.approve_bulletin, "已审核，可以印发"),
    "return": (services.return_bulletin, "已退回修改"),
    "issue": (services.issue_bulletin, "已印发，并已通知被通报企业"),
}


@login_required
@require_POST
def bulletin_step(request, pk: int, step: str):
    bulletin = _bulletin_or_404(request.user, pk)
    if step not in STEPS:
        raise Http404()
    call, done = STEPS[step]
    try:
        call(bulletin=bulletin, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("reports:bulletin", bulletin.pk)


@login_required
def bulletin_file(request, pk: int, kind: str):
    bulletin = _bulletin_or_404(request.user, pk)
    if kind not in ("pdf", "docx"):
        raise Http404()
    if kind == "pdf":
        body, mime = export.bulletin_pdf(bulletin), "application/pdf"
    else:
        body, mime = export.bulletin_docx(bulletin), DOCX
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(bulletin.number)}.{kind}"
    return response
