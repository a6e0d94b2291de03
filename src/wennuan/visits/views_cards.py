"""Contact cards (便民卡) as PDF, and the public resident report page their QR code opens."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_protect

from wennuan.cases.enums import Channel
from wennuan.cases.references import public_reference
from wennuan.cases.services.intake import receive_case
from wennuan.core import throttle
from wennuan.core.contacts import address_missing, normalized_phone, phone_problem
from wennuan.core.errors import DomainError
from wennuan.core.scope import ScopeKind
from wennuan.registry.models import Building, Grid
from wennuan.registry.regions import region
from wennuan.registry.selectors import households_of_building

from .cards import cards_for, current_workers, households_of_grid, render_pdf, worker_of
from .models import GridReportLink


def _pdf(request, households, title: str, filename: str):
    cards = cards_for(households, by=request.user)
    if not cards:
        raise Http404("没有可打印的住户")
    response = HttpResponse(render_pdf(cards, title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def building_cards(request, building_id: int):
    """A sheet of cards for every household of one building, eight to a page."""
    building = get_object_or_404(Building.objects.select_related("estate"), pk=building_id)
    return _pdf(
        request,
        households_of_building(user=request.user, building=building),
        f"{building} 便民卡",
        f"cards-building-{building.pk}.pdf",
    )


@login_required
def grid_cards(request, grid_id: int):
    grid = get_object_or_404(Grid, pk=grid_id)
    return _pdf(
        request, households_of_grid(grid.pk, request.user), f"{grid} 便民卡", f"cards-grid-{grid.pk}.pdf"
    )


class ReportForm(forms.Form):
    text = forms.CharField(label="反映的问题", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label="地址（小区、楼号、单元、房号）", max_length=200)
    name = forms.CharField(label="称呼", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=30)

    # A crew has to find the flat and call back: say what is missing rather than take 「我家」 and 「1」.
    def clean_address(self):
        address = self.cleaned_data["address"].strip()
        missing = address_missing(address)
        if missing:
            raise forms.ValidationError(f"地址缺少{'、'.join(missing)}（例如：幸福小区3号楼2单元301）")
        return address

    def clean_phone(self):
        problem = phone_problem(self.cleaned_data["phone"])
        if problem:
            raise forms.ValidationError(problem)
        return normalized_phone(self.cleaned_data["phone"])


@csrf_protect
def resident_report(request, token: str):
    """Public: the grid's contacts, and a form that files a case (channel 联系卡). Shows no resident data."""
    link = get_object_or_404(GridReportLink.objects.select_related(region(ScopeKind.STREET)), token=token)
    grid = link.grid
    form = ReportForm(request.POST or None)
    done = None
    if request.method == "POST":
        # Per client and per card: a script cannot flood a grid with reports (each routed, maybe an outage).
        throttle.check(request, group="public_report", key="ip", rate_name="public_report_client")
        throttle.check(
            request, group="public_report_card", key=lambda g, r: token, rate_name="public_report_card"
        )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        text = f"{d['text']}（来自{grid.community.name}{grid.name}便民卡）"
        try:
            done, _ = receive_case(
                channel=Channel.CONTACT_CARD, text=text, address=d["address"],
                reporter_name=d["name"], reporter_phone=d["phone"],
                external_id=public_reference(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, str(exc))
    hotlines = sorted(
        {h for h in grid.households.values_list("station__company__hotline", flat=True).distinct()[:5] if h}
    )
    worker_name, worker_phone = worker_of(grid, current_workers([grid.pk]))
    return render(
        request,
        "visits/report.html",
        {
            "grid": grid,
            "form": form,
            "done": done,
            "hotlines": hotlines,
            "worker_name": worker_name,
            "worker_phone": worker_phone,
        },
    )
