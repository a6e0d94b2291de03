"""The case page (timeline, only the actions the viewer may take) and the one POST that performs them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from pydantic import ValidationError

from wennuan.core.errors import DomainError, NotInScope

from .. import actions, lifecycle, selectors, services
from ..enums import RootCause, Satisfaction
from ..sections import case_sections


def _case_or_404(user, pk):
    try:
        return selectors.case_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


@login_required
def case_detail(request, pk: int):
    case = _case_or_404(request.user, pk)
    allowed = [actions.ACTIONS[a.code] for a in lifecycle.allowed_actions(case, request.user)]
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
            "actions": allowed,
            "stations": selectors.dispatch_stations(user=request.user)
            if any(a.code == "dispatch" for a in allowed)
            else [],
            "root_causes": RootCause.choices,
            "satisfactions": Satisfaction.choices,
            "now": timezone.localtime(),
            "can_complete_orders": request.user.is_superuser or request.user.role in lifecycle.UNIT,
            "sections": case_sections(request, case),
        },
    )


def _input(request, action) -> dict:
    """The POSTed fields the action's schema reads; an empty field is left out so its default applies
    (or "required" says it is missing)."""
    return {k: v for k, v in request.POST.items() if k in action.schema.model_fields and v.strip()}


def _errors(exc: ValidationError) -> str:
    return "；".join(f"{'.'.join(str(p) for p in e['loc'])} {e['msg']}" for e in exc.errors())


@require_POST
@login_required
def case_action(request, pk: int, action: str):
    spec = actions.ACTIONS.get(action)
    if spec is None:
        raise Http404("未知操作")
    case = _case_or_404(request.user, pk)
    try:
        data = spec.schema.model_validate(_input(request, spec))
    except ValidationError as exc:
        messages.error(request, "提交的内容有误：" + _errors(exc))
        return redirect("cases:detail", pk=pk)
    if getattr(data, "version", None) is not None:
        case.version = data.version  # what the user saw; a newer row means someone acted first
    try:
        actions.perform(spec, case=case, by=request.user, data=data, upload=request.FILES.get("photo"))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已{spec.label}")
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
