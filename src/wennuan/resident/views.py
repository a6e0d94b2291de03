"""Identification (户号 + phone → one-time code), the contact-card landing, and the resident's home."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError
from wennuan.core.masking import mask_name, mask_phone
from wennuan.core.throttle import client_ip
from wennuan.visits.models import GridReportLink

from . import account, selectors, session, throttle
from .access import resident_required
from .identify import request_code, verify_code
from .phones import normalized


def _card_context(request) -> dict:
    """The grid's contacts when the resident came from a contact card (for those who cannot identify)."""
    card = request.session.get(session.CARD)
    if not card:
        return {}
    link = GridReportLink.objects.select_related("grid__community").filter(grid_id=card["grid"]).first()
    if link is None:
        return {}
    grid = link.grid
    hotlines = sorted(
        {h for h in grid.households.values_list("station__company__hotline", flat=True).distinct()[:5] if h}
    )
    return {
        "card_grid": grid, "hotlines": hotlines, "card_place": card.get("place", ""),
        "card_token": card.get("token", ""),
    }  # fmt: skip


def identify(request):
    """Step 1: 户号 and the registered mobile; a code is sent. Throttled per client and per 户号."""
    if session.household_of(request) is not None:
        return redirect("resident:home")
    error, account, phone = "", "", ""
    if request.method == "POST":
        account = (request.POST.get("account") or "").strip()
        phone = normalized(request.POST.get("phone") or "")
        if throttle.over(request, name="code_client", key="ip") or throttle.over(
            request, name="code_account", key=lambda g, r: account or "-"
        ):
            return throttle.too_many(request)
        try:
            row = request_code(account=account, phone=phone, client=client_ip(request))
        except DomainError as exc:
            error = str(exc)
        else:
            request.session[session.PENDING] = {"id": row.pk, "phone": mask_phone(phone), "account": account}
            return redirect("resident:verify")
    context = {"error": error, "account": account, "phone": phone, **_card_context(request)}
    return render(request, "resident/identify.html", context)


def verify(request):
    """Step 2: the code. A right one starts the resident session bound to that household."""
    pending = request.session.get(session.PENDING)
    if not pending:
        return redirect("resident:identify")
    error = ""
    if request.method == "POST":
        if throttle.over(request, name="verify_client", key="ip"):
            return throttle.too_many(request)
        try:
            household = verify_code(code_id=pending["id"], code=request.POST.get("code") or "")
        except DomainError as exc:
            error = str(exc)
        else:
            session.start(request, household)
            return redirect("resident:home")
    return render(request, "resident/verify.html", {"pending": pending, "error": error})


@require_POST
def leave(request):
    session.end(request)
    messages.success(request, "已退出")
    return redirect("resident:identify")


def card(request, token: str):
    """A contact card's QR code: remember its grid and building (preselected in the report form)."""
    link = get_object_or_404(GridReportLink.objects.select_related("grid"), token=token)
    card = {"grid": link.grid_id, "token": link.token}
    building_id = request.GET.get("b", "")
    if building_id.isdigit():
        # Only a building that has households of this card's grid: the QR code cannot point elsewhere.
        building = selectors.building_of_grid(link.grid, int(building_id))
        if building is not None:
            card.update(
                building=building.pk,
                estate=building.estate_id,
                place=f"{building.estate.name}{building.label}",
            )
    request.session[session.CARD] = card
    return redirect("resident:home" if session.household_of(request) else "resident:identify")


@resident_required
def home(request, household):
    b = household.unit.building
    context = {
        "household": household,
        "address": f"{b.estate.name}{b.label}{household.unit.label}{household.room}",
        "name": mask_name(household.resident_name),
        "phone": mask_phone(household.phone),
        "cases": list(selectors.own_cases(household)[:20]),
        "refunds": list(selectors.refunds_of(household)),
        "account": account.account_of(household),
        "minutes_left": session.minutes_left(request),
    }
    return render(request, "resident/home.html", context)
