"""Registry pages: overview, estates → estate → building → household, and the household search.

Views parse, call one selector and render; scope comes from the selectors (``visible_to``), masking from
``core.masking``. A row outside the user's scope is a 404, as if it did not exist.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.shortcuts import render

from wennuan.core.masking import shown_name, shown_phone
from wennuan.core.selectors import CappedPaginator

from . import selectors
from .forms import EstateSearchForm, HouseholdSearchForm
from .ordering import natural
from .sections import household_sections

ESTATES_PER_PAGE = 30
HOUSEHOLDS_PER_PAGE = 50
ECHARTS = "vendor/echarts/echarts.min.js"


def present(rows, user):
    """Attach ``shown_name``/``shown_phone`` (masked for roles that do not see personal data)."""
    rows = list(rows)
    for h in rows:
        h.shown_name = shown_name(user, h.resident_name)
        h.shown_phone = shown_phone(user, h.phone)
    return rows


@login_required
def overview(request):
    data = selectors.overview(user=request.user)
    chart = {
        "districts": [d["name"] for d in data.by_district],
        "households": [d["households"] for d in data.by_district],
        "priority": [d["priority"] for d in data.by_district],
        "payment": [{"name": p["label"], "value": p["count"]} for p in data.by_payment],
    }
    return render(
        request,
        "registry/overview.html",
        {"data": data, "chart": chart, "echarts": ECHARTS if finders.find(ECHARTS) else None},
    )


@login_required
def estate_list(request):
    user = request.user
    form = EstateSearchForm(request.GET or None, districts=selectors.districts(user=user))
    q, district = "", None
    if form.is_valid():
        q, district = form.cleaned_data["q"], form.cleaned_data["district"]
    rows = selectors.estates(user=user, q=q, district=district)
    page = CappedPaginator(rows, ESTATES_PER_PAGE).get_page(request.GET.get("page"))
    estates = selectors.with_household_counts(user=user, estates=list(page.object_list))
    ctx = {"form": form, "page": page, "estates": estates}
    template = "registry/_estate_rows.html" if request.htmx else "registry/estates.html"
    return render(request, template, ctx)


@login_required
def estate_detail(request, pk):
    estate = selectors.estate(user=request.user, pk=pk)
    buildings = selectors.buildings_of_estate(user=request.user, estate=estate)
    return render(
        request,
        "registry/estate.html",
        {"estate": estate, "buildings": buildings, "total": sum(b.household_count for b in buildings)},
    )


@login_required
def building_detail(request, pk):
    building = selectors.building(user=request.user, pk=pk)
    rows = present(selectors.households_of_building(user=request.user, building=building), request.user)
    rows.sort(key=lambda h: (h.unit_id, natural(h.room), h.pk))  # a building holds a few hundred at most
    return render(request, "registry/building.html", {"building": building, "households": rows})


@login_required
def household_list(request):
    form = HouseholdSearchForm(request.GET or None)
    rows = selectors.households(user=request.user, filters=form.filters() if form.is_bound else None)
    page = CappedPaginator(rows, HOUSEHOLDS_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "form": form,
        "page": page,
        "households": present(page.object_list, request.user),
        "personal": request.user.sees_personal_data,
    }
    template = "registry/_household_rows.html" if request.htmx else "registry/households.html"
    return render(request, template, ctx)


@login_required
def household_detail(request, account):
    h = selectors.household_by_account(user=request.user, account=account)
    present([h], request.user)
    # Sections other apps add (the refund of billing, …) through registry.sections, not by import.
    return render(request, "registry/household.html", {"h": h, "sections": household_sections(request, h)})


def summary_panel(request) -> dict:
    """The home panel of region and heating roles: their scope's figures (registered in apps.py)."""
    return {"data": selectors.overview(user=request.user)}
