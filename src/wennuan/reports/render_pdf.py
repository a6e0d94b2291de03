"""The daily report as a PDF (WeasyPrint, Noto Sans CJK), with its charts as inline SVG."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import charts
from .daily import DailyFigures
from .render_xlsx import _table_rows, delta, pct


def daily_charts(f: DailyFigures) -> dict[str, str]:
    names = [r.get("group_name") or "未确权" for r in f.districts]
    return {
        "districts": charts.bars(
            "分区县受理量",
            names,
            {
                "当日": [r.get("received", 0) for r in f.districts],
                "前一日": [r["before"].get("received", 0) for r in f.districts],
            },
        ),
        "companies": charts.bars(
            "分企业受理量与超时量",
            [r.get("group_name") or "未确权" for r in f.companies],
            {
                "当日受理": [r.get("received", 0) for r in f.companies],
                "前一日受理": [r["before"].get("received", 0) for r in f.companies],
                "当日超时": [r.get("overdue", 0) for r in f.companies],
            },
        ),
        "trend": charts.lines(
            f"近{len(f.trend)}日受理、办结、超时",
            [f"{d:%m-%d}" for d, _ in f.trend],
            {
                "受理": [t["received"] for _, t in f.trend],
                "办结": [t["resolved"] for _, t in f.trend],
                "超时": [t["overdue"] for _, t in f.trend],
            },
        ),
    }


def daily_pdf(f: DailyFigures) -> bytes:
    from weasyprint import HTML

    counts = [("received", "受理量"), ("resolved", "办结量"), ("overdue", "超时量"), ("repeats", "重复投诉"),
              ("fake_closure_suspects", "疑似假办结")]  # fmt: skip
    summary = [(label, f.total[k], f.before[k], delta(f.total[k], f.before[k])) for k, label in counts] + [
        (k.label, pct(f.total[k.key]), pct(f.before[k.key]), delta(f.total[k.key], f.before[k.key]))
        for k in f.rates
    ]
    html = render_to_string(
        "reports/daily_pdf.html",
        {
            "f": f,
            "summary": summary,
            "rate_labels": [k.label for k in f.rates],
            "districts": _table_rows(f.districts, f.rates),
            "companies": _table_rows(f.companies, f.rates),
            "charts": {k: mark_safe(v) for k, v in daily_charts(f).items()},  # noqa: S308 - built from escaped text
        },
    )
    return HTML(string=html).write_pdf()
