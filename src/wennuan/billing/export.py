"""The refund ledger as xlsx: text cells written as text (户号 keeps its zeros, a name starting with = stays
a name), numbers as numbers; names masked as on the page."""

import io

import xlsxwriter
from django.http import HttpResponse

from wennuan.core.masking import shown_name

EXPORT_LIMIT = 50_000
TEXT, NUMBER, DAY = "text", "number", "date"
COLUMNS = [
    ("供暖季", TEXT, lambda e, u: e.season.name),
    ("供热企业", TEXT, lambda e, u: e.company.name),
    ("户号", TEXT, lambda e, u: e.household.account),
    ("小区", TEXT, lambda e, u: e.household.unit.building.estate.name),
    ("楼号", TEXT, lambda e, u: e.household.unit.building.label),
    ("单元", TEXT, lambda e, u: e.household.unit.label),
    ("房号", TEXT, lambda e, u: e.household.room),
    ("户主", TEXT, lambda e, u: shown_name(u, e.household.resident_name)),
    ("供热面积(㎡)", NUMBER, lambda e, u: e.household.area),
    ("退费天数", NUMBER, lambda e, u: e.days),
    ("退费金额(元)", NUMBER, lambda e, u: e.amount),
    ("应退日期", DAY, lambda e, u: e.due_on),
    ("状态", TEXT, lambda e, u: e.get_status_display()),
    ("审核人", TEXT, lambda e, u: e.approved_by.get_username() if e.approved_by_id else ""),
    ("退付日期", DAY, lambda e, u: e.paid_on),
    ("计算说明", TEXT, lambda e, u: e.explanation),
]


def ledger_xlsx(rows, user) -> HttpResponse:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    sheet = book.add_worksheet("退费台账")
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "0.00"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, [title for title, _, _ in COLUMNS], bold)
    for r, entry in enumerate(rows[:EXPORT_LIMIT], start=1):
        for c, (_, kind, value) in enumerate(COLUMNS):
            v = value(entry, user)
            if v is None or v == "":
                sheet.write_blank(r, c, None)
            elif kind == NUMBER:
                sheet.write_number(r, c, float(v), money)
            elif kind == DAY:
                sheet.write_datetime(r, c, v, day)
            else:
                sheet.write_string(r, c, str(v))
    sheet.freeze_panes(1, 0)
    book.close()
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''refunds.xlsx"
    return response
