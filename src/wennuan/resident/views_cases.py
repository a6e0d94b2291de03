"""Report a problem, follow a case, rate it after 办结."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wennuan.cases.enums import ANSWERED, Satisfaction
from wennuan.cases.services import rate_case
from wennuan.core.categories import Category
from wennuan.core.errors import DomainError

from . import selectors, session, throttle
from .access import resident_required
from .services import REPORT_CATEGORIES, report_problem


def _int(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


@resident_required
def report(request, household):
    card = request.session.get(session.CARD) or {}
    own = household.unit.building
    estate_id = (
        _int(request.POST.get("estate") or request.GET.get("estate")) or card.get("estate") or own.estate_id
    )
    if request.method == "POST":
        building_id = _int(request.POST.get("building"))  # what was picked, never a default
    else:  # preselected: the contact card's building, else the resident's own
        building_id = (card.get("building") if card.get("estate") == estate_id else None) or (
            own.pk if own.estate_id == estate_id else None
        )
    error = ""
    if request.method == "POST":
        if throttle.over(request, name="report_client", key="ip") or throttle.over(
            request, name="report_household", key=lambda g, r: str(household.pk)
        ):
            return throttle.too_many(request)
        try:
            case = report_problem(
                household=household, building_id=building_id, category=request.POST.get("category", ""),
                text=request.POST.get("text", ""), phone=request.POST.get("phone", ""),
                photo=request.FILES.get("photo"),
            )  # fmt: skip
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, f"已提交，工单编号 {case.external_id}。可在本页跟进办理进度。")
            return redirect("resident:case", case.pk)
    categories = [(c.value, c.label) for c in REPORT_CATEGORIES]
    context = {
        "household": household,
        "estates": selectors.estates_near(household, also=card.get("estate")),
        "estate_id": estate_id,
        "buildings": selectors.buildings_of(estate_id) if estate_id else [],
        "building_id": building_id,
        "categories": categories,
        "category": request.POST.get("category", ""),
        "text": request.POST.get("text", ""),
        "phone": request.POST.get("phone", household.phone),
        "error": error,
    }
    return render(request, "resident/report.html", context)


@resident_required
def buildings(request, household):
    """The building options of the chosen estate (htmx swaps them into the report form)."""
    estate_id = _int(request.GET.get("estate"))
    allowed = estate_id and selectors.estates_near(household).filter(pk=estate_id).exists()
    return render(
        request, "resident/_buildings.html",
        {"buildings": selectors.buildings_of(estate_id) if allowed else [], "building_id": None},
    )  # fmt: skip


@resident_required
def case_page(request, household, pk: int):
    case = selectors.own_case(household, pk)
    if case is None:
        raise Http404("没有这个工单")
    context = {
        "case": case,
        "lines": selectors.timeline(case),
        "resolution": selectors.resolution_for_resident(case),
        "rating": selectors.rating_of(case),
        "can_rate": selectors.can_rate(case),
        "choices": [(s, Satisfaction(s).label) for s in ANSWERED],
        "is_measurement": case.category == Category.REFUND,
    }
    return render(request, "resident/case.html", context)


@require_POST
@resident_required
def rate(request, household, pk: int):
    case = selectors.own_case(household, pk)
    if case is None:
        raise Http404("没有这个工单")
    try:
        rate_case(
            case=case, satisfaction=request.POST.get("satisfaction", ""),
            comment=request.POST.get("comment", ""), rater="群众（网上自助）",
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "感谢您的评价")
    return redirect("resident:case", case.pk)
