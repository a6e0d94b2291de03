"""The case page (timeline, only the actions the viewer may take) and the one POST that performs them."""

from dataclasses import dataclass, field

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
from ..readings import readings
from ..sections import case_sections


def _case_or_404(user, pk):
    try:
        return selectors.case_for(user=user, pk=pk)
    except NotInScope as exc:
        raise Http404(str(exc)) from exc


# The usual next step, in the order work goes; the first one the viewer may take is the page's big button.
NEXT_STEPS = ("dispatch", "accept", "start", "contact", "onsite", "resolve", "revisit", "close")

# Chinese names of the input fields, for saying which one is wrong or missing.
FIELD_LABELS = {
    "resolution": "办理情况",
    "root_cause": "问题原因",
    "satisfaction": "回访结果",
    "temperature": "实测室温",
    "station_id": "换热站",
    "reason": "理由",
    "note": "备注",
    "instruction": "督办要求",
    "due_at": "期限",
    "parent_id": "主单号",
    "version": "版本",
}


@dataclass
class ActionForm:
    """One action's form on the case page, with what the viewer typed when it came back with an error."""

    spec: actions.CaseAction
    values: dict = field(default_factory=dict)
    error: str = ""

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def fields(self) -> list[str]:
        return self.spec.fields


def _next_step(case, codes: list[str]) -> str | None:
    done = {"contact": case.contacted_at is not None, "onsite": case.onsite_at is not None}
    return next((c for c in NEXT_STEPS if c in codes and not done.get(c)), None)


def _render(request, case, *, failed: ActionForm | None = None, status: int = 200):
    allowed = [actions.ACTIONS[a.code] for a in lifecycle.allowed_actions(case, request.user)]
    forms = [failed if failed and failed.code == a.code else ActionForm(a) for a in allowed]
    primary_code = _next_step(case, [f.code for f in forms])
    primary = next((f for f in forms if f.code == primary_code), None)
    dispatching = any(a.code == "dispatch" for a in allowed)
    suggested = selectors.suggested_station(case, user=request.user) if dispatching else None
    revisits = list(case.revisits.select_related("by").order_by("at", "id"))
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "events": selectors.timeline(case),
            "revisits": revisits,
            "readings": readings(case, revisits),
            # the 办结 site photos and the revisits' 测温拍照, shown as thumbnails under the header
            "photos": [*(case.evidence or {}).get("photos", []), *(r.photo for r in revisits if r.photo)],
            "orders": case.supervision_orders.order_by("due_at"),
            "repeats": case.repeats.order_by("received_at")[:20],
            "children": case.children.order_by("received_at")[:200],
            "primary": primary,
            "others": [f for f in forms if f is not primary],
            "failed": failed,
            "stations": selectors.dispatch_stations(user=request.user) if dispatching else [],
            "suggested_station": suggested,
            "suggested_station_id": suggested.pk if suggested else "",
            "root_causes": RootCause.choices,
            "satisfactions": Satisfaction.choices,
            "now": timezone.localtime(),
            "can_complete_orders": request.user.is_superuser or request.user.role in lifecycle.UNIT,
            "sections": case_sections(request, case),
        },
        status=status,
    )


@login_required
def case_detail(request, pk: int):
    return _render(request, _case_or_404(request.user, pk))


def _input(request, action) -> dict:
    """The POSTed fields the action's schema reads; an empty field is left out so its default applies
    (or "required" says it is missing)."""
    return {k: v for k, v in request.POST.items() if k in action.schema.model_fields and v.strip()}


def _errors(exc: ValidationError) -> str:
    out = []
    for e in exc.errors():
        name = str(e["loc"][-1]) if e["loc"] else ""
        label = FIELD_LABELS.get(name, name)
        out.append(f"请填写{label}" if e["type"] == "missing" else f"{label}：{e['msg']}")
    return "；".join(out)


@require_POST
@login_required
def case_action(request, pk: int, action: str):
    spec = actions.ACTIONS.get(action)
    if spec is None:
        raise Http404("未知操作")
    case = _case_or_404(request.user, pk)
    # What was typed comes back into the form when the action is refused (a file must be chosen again).
    typed = {k: v for k, v in request.POST.items() if k in spec.schema.model_fields and k != "version"}
    try:
        data = spec.schema.model_validate(_input(request, spec))
    except ValidationError as exc:
        return _refused(request, case, spec, typed, "提交的内容有误：" + _errors(exc))
    if getattr(data, "version", None) is not None:
        case.version = data.version  # what the user saw; a newer row means someone acted first
    try:
        actions.perform(spec, case=case, by=request.user, data=data, upload=request.FILES.get("photo"))
    except DomainError as exc:
        return _refused(request, _case_or_404(request.user, pk), spec, typed, str(exc))
    messages.success(request, spec.done_label)
    return redirect("cases:detail", pk=pk)


def _refused(request, case, spec, typed: dict, error: str):
    if request.FILES.get("photo"):
        error += "（照片请重新选择）"
    return _render(request, case, failed=ActionForm(spec, typed, error), status=400)


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
