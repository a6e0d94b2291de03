"""``export_ledger``: households back to an .xlsx with the import's header, so a file can go round trip."""

from pathlib import Path

from wennuan.core.audit import record
from wennuan.core.masking import shown_name, shown_phone
from wennuan.core.scope import ScopeKind
from wennuan.core.sheets import new_workbook

from ..enums import PaymentStatus, PriorityGroup
from ..models import BuildingAlias, Household
from ..regions import region_name
from .columns import HEADERS

# One join per household, streamed: the columns in HEADERS order.
VALUES = (
    "account",
    region_name(ScopeKind.DISTRICT),
    region_name(ScopeKind.STREET),
    region_name(ScopeKind.COMMUNITY),
    region_name(ScopeKind.GRID),
    "unit__building__estate__name",
    "unit__building__door_address",
    "unit__building__label",
    "unit__label",
    "room",
    "resident_name",
    "phone",
    "area",
    "station__company__name",
    "station__name",
    "priority_groups",
    "payment_status",
)  # then 其他门牌: the building's aliases, looked up by its id (one query per file)
WIDTHS = (12, 10, 14, 14, 16, 18, 18, 8, 8, 8, 10, 14, 10, 20, 14, 16, 8, 24)
_NAME, _PHONE, _AREA, _PRIORITY, _PAYMENT = 10, 11, 12, 15, 16
PAYMENT_LABELS = dict(PaymentStatus.choices)
PRIORITY_LABELS = dict(PriorityGroup.choices)


def export_ledger(*, path, households=None, viewer=None, by=None) -> int:
    """Write ``households`` (default: all) to the .xlsx at ``path``; returns the number of households.

    Pass ``Household.objects.visible_to(user)`` and ``viewer=user`` from a page: names and phones are then
    masked for roles that do not contact residents. Without a viewer (the console) nothing is masked.
    Memory stays flat: rows stream from the database and XlsxWriter flushes each row to disk.
    With ``by`` (the user downloading), the export of personal data is written to the audit log.
    """
    qs = Household.objects.all() if households is None else households
    book = new_workbook(str(Path(path)), {"constant_memory": True})
    sheet = book.add_worksheet("住户台账")
    bold = book.add_format({"bold": True})
    area_format = book.add_format({"num_format": "0.00"})
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    sheet.write_row(0, 0, HEADERS, bold)
    aliases: dict[int, list[str]] = {}
    for bid, name in BuildingAlias.objects.order_by("building_id", "id").values_list("building_id", "name"):
        aliases.setdefault(bid, []).append(name)
    count = 0
    rows = qs.order_by("account").values_list(*VALUES, "unit__building_id").iterator(chunk_size=5000)
    for count, values in enumerate(rows, 1):
        *cells, building_id = values
        if viewer is not None:
            cells[_NAME] = shown_name(viewer, cells[_NAME])
            cells[_PHONE] = shown_phone(viewer, cells[_PHONE])
        cells[_PRIORITY] = "、".join(PRIORITY_LABELS.get(g, g) for g in cells[_PRIORITY].split(",") if g)
        cells[_PAYMENT] = PAYMENT_LABELS.get(cells[_PAYMENT], cells[_PAYMENT])
        cells.append("、".join(aliases.get(building_id, ())))
        area = cells[_AREA]
        for col, cell in enumerate(cells):
            if col == _AREA:
                sheet.write_number(count, col, float(area), area_format)
            elif cell:
                sheet.write_string(count, col, cell)
    book.close()
    if by is not None:
        record(actor=by, action="registry.export_ledger", summary=f"导出住户台账：{count}户")
    return count
