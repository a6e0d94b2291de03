"""便民卡: printable contact cards with the grid worker, community and station contacts, the company's
24-hour hotline and a QR code to the resident page (the grid's report page when no app registers one),
with the card's building filled in. Eight cards to an A4 sheet."""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from wennuan.accounts.models import User
from wennuan.core import audit
from wennuan.core.roles import Role
from wennuan.registry.models import Grid, Household
from wennuan.registry.ordering import natural

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


# The page a card's QR code opens: the grid's own report page (``visits:report``) unless an app above
# registers its own (the resident self-service page does: ``use_report_page``). It is given the card's token
# and, as ``?b=``, the building the card was printed for.
_report_page = {"url_name": "visits:report", "with_building": False}


def use_report_page(url_name: str) -> None:
    """Point the QR codes at ``url_name`` (one argument: the token; it receives ``?b=<building id>``)."""
    _report_page.update(url_name=url_name, with_building=True)


def report_url(link: GridReportLink, *, building_id: int | None = None) -> str:
    """Absolute URL of the page a card's QR code opens, under ``settings.PUBLIC_URL`` (WENNUAN_PUBLIC_URL,
    the address residents reach from outside) — never the Host header of the request that printed the
    cards, which a client chooses: a forged one would send residents elsewhere."""
    url = settings.PUBLIC_URL.rstrip("/") + reverse(_report_page["url_name"], args=[link.token])
    if building_id is not None and _report_page["with_building"]:
        url += f"?b={building_id}"
    return url


def current_workers(grid_ids) -> dict[int, tuple[str, str]]:
    """{grid id: (name, phone)} of each grid's current grid worker: the active account in charge of the grid
    (the newest when several), so a card never names someone who has left. A grid without one keeps the
    registry's 网格员 fields; an account without a phone shows the registry's phone only when it names
    the same person."""
    out: dict[int, tuple[str, str]] = {}
    users = (
        User.objects.filter(role=Role.GRID_WORKER, is_active=True, grid_id__in=set(grid_ids))
        .order_by("grid_id", "-date_joined", "-id")
        .only("grid_id", "first_name", "username", "phone")
    )
    for u in users:
        out.setdefault(u.grid_id, (u.display_name, u.phone))
    return out


def worker_of(grid: Grid, workers: dict) -> tuple[str, str]:
    if grid.pk not in workers:
        return grid.worker_name, grid.worker_phone
    name, phone = workers[grid.pk]
    return name, phone or (grid.worker_phone if grid.worker_name == name else "")


def cards_for(households, *, by=None) -> list[Card]:
    """One card per household of ``households`` (a queryset), in address order with rooms read as numbers
    (302 before 1102)."""
    rows = list(households.select_related("unit__building__estate", "grid__community", "station__company"))
    rows.sort(
        key=lambda h: (
            h.unit.building.estate.name,
            natural(h.unit.building.label),
            h.unit.building_id,
            natural(h.unit.label),
            h.unit_id,
            natural(h.room),
            h.pk,
        )
    )
    workers = current_workers(h.grid_id for h in rows)
    qr_by_place: dict[tuple[int, int], tuple[str, str]] = {}  # one QR code per grid and building
    cards = []
    for h in rows:
        b = h.unit.building
        if (h.grid_id, b.pk) not in qr_by_place:
            url = report_url(report_link(h.grid, by=by), building_id=b.pk)
            qr_by_place[h.grid_id, b.pk] = (url, segno.make(url, error="m").svg_data_uri(scale=4, border=1))
        url, qr = qr_by_place[h.grid_id, b.pk]
        worker_name, worker_phone = worker_of(h.grid, workers)
        cards.append(
            Card(
                household=f"{b.estate.name}{b.label}{h.unit.label}{h.room}",
                grid=h.grid.name,
                worker_name=worker_name,
                worker_phone=worker_phone,
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
