"""The daily report as an xlsx (XlsxWriter through core.sheets: text stays text)."""

import io

from wennuan.core.sheets import new_workbook

from .daily import DailyFigures


def pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def delta(now, before) -> str:
    """「+3」「-2」「0」 for counts; rates in percentage points."""
    if now is None or before is None:
        return ""
    if isinstance(now, float) or isinstance(before, float):
        return f"{(now - before) * 100:+.1f}个百分点"
    return f"{now - before:+d}" if now != before else "0"


def _table_rows(rows: list[dict], rates) -> list[list]:
    out = []
    for r in rows:
        b = r.get("before") or {}
        out.append(
            [
                r.get("group_name") or "未确权",
                r.get("received", 0),
                b.get("received", 0),
                delta(r.get("received", 0), b.get("received", 0)),
            ]
            + [pct(r.get(k.key)) for k in rates]
            + [r.get("overdue", 0), r.get("repeats", 0), r.get("fake_closure_suspects", 0)]
        )
    return out


def daily_xlsx(f: DailyFigures) -> bytes:
    buf = io.BytesIO()
    book = new_workbook(buf, {"in_memory": True})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    day = f"{f.day:%Y年%m月%d日}"

    s = book.add_worksheet("概况")
    s.write(0, 0, f"{f.city.name}供热服务每日调度报告（{day}）", title)
    s.write_row(2, 0, ["指标", "当日", "前一日", "变化"], bold)
    counts = [("received", "受理量"), ("resolved", "办结量"), ("overdue", "超时量"), ("repeats", "重复投诉"),
              ("fake_closure_suspects", "疑似假办结")]  # fmt: skip
    row = 3
    for key, label in counts:
        s.write_row(row, 0, [label, f.total[key], f.before[key], delta(f.total[key], f.before[key])])
        row += 1
    for k in f.rates:
        s.write_row(
            row,
            0,
            [k.label, pct(f.total[k.key]), pct(f.before[k.key]), delta(f.total[k.key], f.before[k.key])],
        )
        row += 1
    s.set_column(0, 0, 16)
    s.set_column(1, 3, 14)

    headers = ["受理量", "前一日", "变化"] + [k.label for k in f.rates] + ["超时量", "重复投诉", "疑似假办结"]
    for name, label, rows in (("分区县", "区县", f.districts), ("分企业", "供热企业", f.companies)):
        s = book.add_worksheet(name)
        s.write_row(0, 0, [label, *headers], bold)
        for i, values in enumerate(_table_rows(rows, f.rates), start=1):
            s.write_row(i, 0, values)
        s.set_column(0, 0, 22)
        s.freeze_panes(1, 1)

    s = book.add_worksheet("问题小区")
    s.write_row(0, 0, ["小区", "受理量", "重复投诉", "超时量"], bold)
    for i, r in enumerate(f.estates, start=1):
        s.write_row(i, 0, [r["group_name"], r["received"], r["repeats"], r["overdue"]])
    s.set_column(0, 0, 22)

    for sec in f.sections:
        s = book.add_worksheet(sec.title[:31].replace("（", "(").replace("）", ")"))
        s.write(
            0,
            0,
            f"{sec.title}：共{sec.count}件"
            + (f"（列出前{len(sec.lines)}件）" if sec.count > len(sec.lines) else ""),
            bold,
        )
        s.write_row(1, 0, ["工单号", "受理时间", "类别", "供热企业", "地址", "状态", "说明"], bold)
        for i, c in enumerate(sec.lines, start=2):
            s.write_row(
                i,
                0,
                [c.number, f"{c.received_at:%m-%d %H:%M}", c.category, c.company, c.address, c.state, c.note],
            )
        s.set_column(3, 4, 24)
        s.set_column(6, 6, 30)
    book.close()
    return buf.getvalue()
