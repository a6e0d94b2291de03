"""Pages of the summer repair ledger: hotspots (and turning a selection into items), the ledger, one item
with its progress, edit, complete and verify. Thin: parse, call one selector or service, render."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from wennuan.cases.selectors import day_range
from wennuan.core.errors import DomainError, NotInScope
from wennuan.core.roles import Role
from wennuan.core.selectors import CappedPaginator
from wennuan.registry.models import City
from wennuan.rules import selectors as rules

from . import selectors, services
from .enums import HotspotOrder, ItemStatus, SiteLevel
from .forms import CompleteForm, CreateItemsForm, HotspotForm, ItemEditForm, ProgressForm, VerifyForm
from .hotspots import hotspots

PAGE_SIZE = 30
HOTSPOT_READERS = {Role.SUPERVISOR, Role.DISTRICT_STAFF, Role.DISPATCHER}


def city_of(user) -> int | None:
    """The city whose rules a page uses: a dispatcher's company's, else the first (one-city deployments)."""
    return getattr(getattr(user, "company", None), "city_id", None) or (
        City.objects.order_by("id").values_list("pk", flat=True).first()
    )


def default_range(user, today=None):
    """The current (or last) season of the user's city up to today, else the last 120 days."""
    today = today or timezone.localdate()
    city = city_of(user)
    season = rules.current_or_next_season(city=city, on=today) if city else None
    if season is not None and season.starts_on <= today:
        return season.starts_on, min(today, season.extended_to or season.ends_on)
    return today - timedelta(days=120), today


def _hotspot_args(user, data):
    form = HotspotForm(data)
    d = form.cleaned_data if form.is_valid() else {}
    start_default, end_default = default_range(user)
    start, end = d.get("start") or start_default, d.get("end") or end_default
    if start > end:
        start, end = start_default, end_default
    return form, {
        "level": d.get("level") or SiteLevel.ESTATE,
        "order": d.get("order") or HotspotOrder.PER_HOUSEHOLD,
        "start": start,
        "end": end,
    }


@login_required
def hotspot_page(request):
    if request.user.role not in HOTSPOT_READERS and not request.user.is_superuser:
        raise PermissionDenied("无权查看问题点位")
    form, args = _hotspot_args(request.user, request.GET)
    start_at, end_at = day_range(args["start"], args["end"])
    rows = hotspots(user=request.user, start=start_at, end=end_at, level=args["level"], order=args["order"])
    taken = selectors.open_sites(level=args["level"], site_ids=[h.site_id for h in rows])
    return render(
        request,
        "repairs/hotspots.html",
        {
            "form": form,
            "args": args,
            "rows": [(h, h.site_id in taken) for h in rows],
            "level_label": SiteLevel(args["level"]).label,
            "can_create": services.can_create(request.user),
            "default_deadline": services.default_deadline(city=city_of(request.user)),
        },
    )


@login_required
@require_POST
def create_items(request):
    if not services.can_create(request.user):
        raise PermissionDenied("只有供热主管可以列入冬病夏治台账")
    _, args = _hotspot_args(request.user, request.POST)
    start_at, end_at = day_range(args["start"], args["end"])
    found = {
        h.site_id: h
        for h in hotspots(user=request.user, start=start_at, end=end_at, level=args["level"], limit=None)
    }
    form = CreateItemsForm(request.POST, site_ids=list(found))
    if not form.is_valid():
        messages.error(
            request, "请勾选要列入台账的点位：" + "；".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect(f"{_hotspots_url()}?level={args['level']}")
    try:
        created = services.create_items(
            by=request.user,
            hotspots=[found[i] for i in form.cleaned_data["sites"]],
            start=args["start"],
            end=args["end"],
            deadline=form.cleaned_data.get("deadline"),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(f"{_hotspots_url()}?level={args['level']}")
    skipped = len(form.cleaned_data["sites"]) - len(created)
    note = f"，{skipped} 处已在台账中未重复列入" if skipped else ""
    messages.success(request, f"已列入冬病夏治台账 {len(created)} 项{note}")
    return redirect("repairs:list")


def _hotspots_url():
    return reverse("repairs:hotspots")


@login_required
def item_list(request):
    status = request.GET.get("status", "")
    if status not in ItemStatus.values:
        status = ""
    overdue = True if request.GET.get("overdue") == "1" else None
    rows = selectors.items(
        user=request.user, status=status, overdue=overdue, q=request.GET.get("q", "")[:100]
    )
    return render(
        request,
        "repairs/list.html",
        {
            "page": CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "status": status,
            "overdue": overdue,
            "statuses": ItemStatus.choices,
            "counts": selectors.counts(user=request.user),
            "can_create": services.can_create(request.user),
            "sees_hotspots": request.user.role in HOTSPOT_READERS or request.user.is_superuser,
            "today": timezone.localdate(),
        },
    )


def _item_or_404(user, pk):
    try:
        return selectors.item_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


@login_required
def item_detail(request, pk: int):
    item = _item_or_404(request.user, pk)
    return _render_detail(request, item)


def _render_detail(request, item, **forms):
    supervisor = services.can_create(request.user)
    reporter = services.can_report(request.user, item)
    context = {
        "item": item,
        "progress": selectors.progress_of(item),
        "evidence": item.evidence,
        "today": timezone.localdate(),
        "can_edit": supervisor and item.status != ItemStatus.VERIFIED,
        "can_progress": reporter and item.status != ItemStatus.VERIFIED,
        "can_complete": reporter and item.status == ItemStatus.OPEN,
        "can_verify": supervisor and item.status == ItemStatus.DONE,
        "edit_form": forms.get("edit_form")
        or ItemEditForm(
            initial={
                "problem": item.problem,
                "company": item.company_id,
                "funds_yuan": item.funds_yuan,
                "deadline": item.deadline,
            }
        ),
        "progress_form": forms.get("progress_form")
        or ProgressForm(initial={"on": timezone.localdate(), "percent": item.percent}),
        "complete_form": forms.get("complete_form") or CompleteForm(),
        "verify_form": forms.get("verify_form") or VerifyForm(),
    }
    return render(request, "repairs/detail.html", context, status=400 if forms else 200)


def _act(request, pk, form_class, form_name, call, done: str):
    item = _item_or_404(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(item, form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect("repairs:detail", item.pk)
    return _render_detail(request, item, **{form_name: form})


@login_required
@require_POST
def item_edit(request, pk: int):
    return _act(
        request,
        pk,
        ItemEditForm,
        "edit_form",
        lambda item, d: services.update_item(item=item, by=request.user, **d),
        "已保存",
    )


@login_required
@require_POST
def item_progress(request, pk: int):
    return _act(
        request,
        pk,
        ProgressForm,
        "progress_form",
        lambda item, d: services.add_progress(item=item, by=request.user, **d),
        "已填报进展",
    )


@login_required
@require_POST
def item_complete(request, pk: int):
    return _act(
        request,
        pk,
        CompleteForm,
        "complete_form",
        lambda item, d: services.complete_item(item=item, by=request.user, note=d["note"]),
        "已报完成，等待验收",
    )


@login_required
@require_POST
def item_verify(request, pk: int):
    return _act(
        request,
        pk,
        VerifyForm,
        "verify_form",
        lambda item, d: services.verify_item(item=item, by=request.user, passed=d["passed"], note=d["note"]),
        "已记录验收结论",
    )
