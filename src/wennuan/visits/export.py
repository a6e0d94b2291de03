"""Excel export of the households not yet visited (XlsxWriter, written in constant memory)."""

import io

from wennuan.core.audit import record
from wennuan.core.masking import shown_name, shown_phone
from wennuan.core.sheets import new_workbook

from .enums import Outcome

HEADERS = [
    "户号",
    "区县",
    "街道",
    "社区",
    "网格",
    "小区",
    "楼栋",
    "单元",
    "房号",
    "户主",
    "联系电话",
    "重点人群",
    "最近走访结果",
]


def unvisited_xlsx(*, user, households, title: str) -> bytes:
    """An .xlsx with one row per household of ``households`` (a queryset from
    ``coverage.households_not_visited``); names and phones masked for roles that do not see them.
    The download of personal data goes into the audit log."""
    buf = io.BytesIO()
    book = new_workbook(buf, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("未走访住户")
    bold = book.add_format({"bold": True, "bg_color": "#FFF7ED"})
    sheet.write_row(0, 0, [title], book.add_format({"bold": True, "font_size": 13}))
    sheet.write_row(1, 0, HEADERS, bold)
    outcomes = dict(Outcome.choices)
    row = 2
    for h in households.iterator(chunk_size=2000):
        building = h.unit.building
        street = h.grid.community.street
        sheet.write_row(
            row, 0,
            [h.account, street.district.name, street.name, h.grid.community.name, h.grid.name,
             building.estate.name, building.label, h.unit.label, h.room,
             shown_name(user, h.resident_name), shown_phone(user, h.phone), "、".join(h.priority_group_labels),
             outcomes.get(h.last_outcome_code, "未走访")],
        )  # fmt: skip
        row += 1
    record(actor=user, action="visits.export_unvisited", summary=f"导出未走访住户：{row - 2}户（{title}）")
    sheet.set_column(0, 0, 14)
    sheet.set_column(5, 5, 18)
    sheet.set_column(10, 10, 14)
    book.close()
    return buf.getvalue()
