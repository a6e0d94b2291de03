"""便民卡: printable contact cards with the grid worker, community and station contacts, the company's
24-hour hotline and a QR code to the resident report page of the grid. Eight cards to an A4 sheet."""

import os
from dataclasses import dataclass

import segno
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from wennuan.core import audit
from wennuan.registry.models import Grid, Household

from .models import GridReportLink


@dataclass(frozen=True)
class Card:
    household: str  # the address line printed on the card ("" for a grid's general card)
    grid: str
    worker_name: str
    worker_phone: str
    community: str
    community_phone: str
    station: str
    station_phone: str
    company: str
    hotline: str
    report_url: str
    qr_data_uri: str


@transaction.atomic
def report_link(grid: Grid, *, by=None) -> GridReportLink:
    """The grid's report token, made on first use (idempotent)."""
    link, created = GridReportLink.objects.get_or_create(grid=grid)
    if created:
        audit.record(actor=by, action="visits.report_link_created", obj=link, summary=f"{grid} 便民卡二维码")
    return link


def report_url(link: GridReportLink, *, base: str) -> str:
    """Absolute URL of the grid's resident report page. ``WENNUAN_PUBLIC_URL`` (the address residents
    reach from outside) wins over ``base`` (the address this request came in on)."""
    root = (os.environ.get("WENNUAN_PUBLIC_URL") or base).rstrip("/")
    return root + reverse("visits:report", args=[link.token])


def cards_for(households, *, base: str, by=None) -> list[Card]:
    """One card per household of ``households`` (a queryset), in address order."""
    rows = households.select_related(
        "unit__building__estate", "grid__community", "station__company"
    ).order_by("unit__building__estate__name", "unit__building_id", "unit_id", "room", "id")
    qr_by_grid: dict[int, tuple[str, str]] = {}
    cards = []
    for h in rows:
        if h.grid_id not in qr_by_grid:
            url = report_url(report_link(h.grid, by=by), base=base)
            qr_by_grid[h.grid_id] = (url, segno.make(url, error="m").svg_data_uri(scale=4, border=1))
        url, qr = qr_by_grid[h.grid_id]
        b = h.unit.building
        cards.append(
            Card(
                household=f"{b.estate.name}{b.label}{h.unit.label}{h.room}",
                grid=h.grid.name,
                worker_name=h.grid.worker_name,
                worker_phone=h.grid.worker_phone,
                community=h.grid.community.name,
                community_phone=h.grid.community.phone,
                station=h.station.name,
                station_phone=h.station.phone,
                company=h.station.company.name,
                hotline=h.station.company.hotline,
                report_url=url,
                qr_data_uri=qr,
            )  # fmt: skip
        )
    return cards


def render_document(cards: list[Card], *, title: str):
    """The laid-out WeasyPrint document (pages of boxes); ``render_pdf`` writes it."""
    from weasyprint import HTML

    html = render_to_string("visits/cards.html", {"cards": cards, "title": title})
    return HTML(string=html).render()


def render_pdf(cards: list[Card], *, title: str) -> bytes:
    """The cards as an A4 PDF, eight to a sheet, with cut lines."""
    return render_document(cards, title=title).write_pdf()


def households_of_grid(grid_id: int, user):
    return Household.objects.visible_to(user).filter(grid_id=grid_id)
