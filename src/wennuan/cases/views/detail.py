"""The case page (timeline, only the actions the viewer may take) and the one POST that performs them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError, NotInScope
from wennuan.registry.models import Station

from .. import lifecycle, selectors, services
from ..enums import RootCause, Satisfaction
from ..forms import ActionForm


def _case_or_404(user, pk):
    try:
        return selectors.case_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


@login_required
def case_detail(request, pk: int):
    case = _case_or_404(request.user, pk)
    actions = {a.code: a for a in lifecycle.allowed_actions(case, request.user)}
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "events": selectors.timeline(case),
            "revisits": case.revisits.select_related("by").order_by("at", "id"),
            "orders": case.supervision_orders.order_by("due_at"),
            "repeats": case.repeats.order_by("received_at")[:20],
            "children": case.children.order_by("received_at")[:200],
            "actions": actions,
            "stations": selectors.dispatch_stations(user=request.user) if "dispatch" in actions else [],
            "root_causes": RootCause.choices,
            "satisfactions": Satisfaction.choices,
            "now": timezone.localtime(),
            "can_complete_orders": request.user.is_superuser or request.user.role in lifecycle.UNIT,
        },
    )


def _save_photo(upload, case) -> str:
    if not upload:
        return ""
    return default_storage.save(f"cases/{case.pk}/{timezone.now():%Y%m%d%H%M%S}_{upload.name}", upload)


def _perform(action: str, case, user, d: dict, photo: str):
    """Call the one service for ``action`` with the form's fields."""
    if action == "dispatch":
        station = Station.objects.filter(pk=d["station"]).first() if d["station"] else None
        return services.dispatch_case(case=case, by=user, station=station, note=d["note"])
    if action == "accept":
        return services.accept_case(case=case, by=user, note=d["note"])
    if action == "return":
        return services.return_case(case=case, by=user, reason=d["reason"])
    if action == "start":
        return services.start_case(case=case, by=user, note=d["note"])
    if action == "contact":
        return services.record_contact(case=case, by=user, note=d["note"])
    if action == "onsite":
        return services.record_onsite(case=case, by=user, note=d["note"])
    if action == "pause":
        return services.pause_case(case=case, by=user, reason=d["reason"])
    if action == "resume":
        return services.resume_case(case=case, by=user, note=d["note"])
    if action == "resolve":
        evidence = {"temperature": d["temperature"], "photos": [photo] if photo else []}
        return services.resolve_case(
            case=case,
            by=user,
            resolution=d["resolution"],
            root_cause=d["root_cause"],
            evidence=evidence,
            note=d["note"],
        )
    if action == "revisit":
        return services.record_revisit(
            case=case,
            by=user,
            satisfaction=d["satisfaction"],
            temperature=d["temperature"],
            photo=photo,
            note=d["note"],
        )[0]
    if action == "extend":
        return services.extend_case(case=case, by=user, reason=d["reason"])
    if action == "reopen":
        return services.reopen_case(case=case, by=user, reason=d["reason"])
    if action == "close":
        return services.close_case(case=case, by=user, note=d["note"])
    if action == "supervise":
        due = d["due_at"]
        if due is not None and timezone.is_naive(due):
            due = timezone.make_aware(due)
        return services.issue_supervision(case=case, by=user, instruction=d["instruction"], due_at=due)
    if action == "attach":
        parent = selectors.case_for(user=user, pk=d["parent"] or 0)
        return services.attach_to_incident(case=case, parent=parent, by=user, note=d["note"])
    raise Http404("未知操作")


@require_POST
@login_required
def case_action(request, pk: int, action: str):
    if action not in lifecycle.ACTIONS:
        raise Http404("未知操作")
    case = _case_or_404(request.user, pk)
    form = ActionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "提交的内容有误：" + "；".join(f"{k} {v[0]}" for k, v in form.errors.items()))
        return redirect("cases:detail", pk=pk)
    case.version = form.cleaned_data["version"]  # what the user saw; a newer row means someone acted first
    try:
        _perform(action, case, request.user, form.cleaned_data, _save_photo(form.cleaned_data["photo"], case))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{lifecycle.ACTIONS[action].label}")
    return redirect("cases:detail", pk=pk)


@require_POST
@login_required
def supervision_done(request, pk: int):
    """The unit reports a 督办 carried out."""
    order = selectors.supervision_orders(user=request.user).filter(pk=pk).first()
    if order is None:
        raise Http404("督办单不存在或已落实")
    try:
        services.complete_supervision(order=order, by=request.user, note=request.POST.get("note", ""))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "督办已落实")
    return redirect("cases:detail", pk=order.case_id)
