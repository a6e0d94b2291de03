"""Excel export of any list (XlsxWriter), from the same selector as the page."""

import io

from django.http import HttpResponse
from django.utils import timezone

from wennuan.core.audit import record
from wennuan.core.masking import shown_name, shown_phone
from wennuan.core.sheets import new_workbook

EXPORT_LIMIT = 50_000
COLUMNS = [
    ("工单号", lambda c, u: c.number),
    ("外部工单号", lambda c, u: c.ticket_number),
    ("渠道", lambda c, u: c.get_channel_display()),
    ("受理时间", lambda c, u: _local(c.received_at)),
    ("类别", lambda c, u: c.get_category_display()),
    ("优先级", lambda c, u: c.get_priority_display()),
    ("状态", lambda c, u: c.get_state_display()),
    ("诉求人", lambda c, u: shown_name(u, c.reporter_name)),
    ("电话", lambda c, u: shown_phone(u, c.reporter_phone)),
    ("地址", lambda c, u: c.address),
    ("诉求内容", lambda c, u: c.text),
    ("供热企业", lambda c, u: c.company.name if c.company_id else "未确权"),
    ("换热站", lambda c, u: c.station.name if c.station_id else ""),
    ("办结期限", lambda c, u: _local(c.resolve_due)),
    ("办结时间", lambda c, u: _local(c.resolved_at)),
    ("曾超时", lambda c, u: "是" if c.is_overdue else ""),
    ("退回次数", lambda c, u: c.return_count),
    ("重办次数", lambda c, u: c.reopen_count),
    ("重复于", lambda c, u: c.repeat_of_id or ""),
    ("疑似假办结", lambda c, u: "是" if c.suspected_fake_closure else ""),
]


def _local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def xlsx_response(filename: str, headers: list[str], rows) -> HttpResponse:
    buf = io.BytesIO()
    book = new_workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("数据")
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, headers, bold)
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    sheet.freeze_panes(1, 0)
    book.close()
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def cases_xlsx(rows, user, *, filters: dict | None = None) -> HttpResponse:
    """The rows as .xlsx (at most EXPORT_LIMIT); the download of personal data goes into the audit log."""
    cases = list(rows[:EXPORT_LIMIT])
    data = ([fn(c, user) for _, fn in COLUMNS] for c in cases)
    response = xlsx_response("cases.xlsx", [h for h, _ in COLUMNS], data)
    shown = {k: str(v) for k, v in (filters or {}).items() if v not in ("", None)}
    record(actor=user, action="cases.export", summary=f"导出工单：{len(cases)}件", changes={"filters": shown})
    return response
