"""The KPI ranking page (and its Excel export), from cases.kpis."""

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.utils import timezone

from .. import kpis, selectors
from ..forms import KpiForm
from ..kpi_trend import daily_trend
from .export import xlsx_response

ECHARTS = "vendor/echarts/echarts.min.js"  # from node_modules (settings.STATICFILES_DIRS), never a CDN


def _pct(rate):
    return None if rate is None else round(rate * 100, 1)


def _bounds(form) -> tuple:
    today = timezone.localdate()
    start = form.cleaned_data.get("start") or today.replace(day=1)
    end = form.cleaned_data.get("end") or today
    return (start, end, *selectors.day_range(start, end))


@login_required
def kpi_page(request):
    form = KpiForm(request.GET)
    form.is_valid()
    group = form.cleaned_data.get("group") or "company"
    start, end, start_at, end_at = _bounds(form)
    table = kpis.kpi_table(user=request.user, start=start_at, end=end_at, group=group)
    if request.GET.get("export") == "xlsx":
        headers = ["排名", kpis.GROUP_LABELS[group], "受理量", "平均办理时长(小时)"] + [
            k.label for k in kpis.RATES
        ]
        rows = (
            [r["rank"], r["group_name"] or "未确权", r["received"], r["avg_handling_hours"]]
            + [r[k.key] for k in kpis.RATES]
            for r in table["rows"]
        )
        return xlsx_response("kpis.xlsx", headers, rows)
    trend = daily_trend(user=request.user, start=start_at, end=end_at)
    chart = {
        # the ranking's bars: 按时办结率 and 满意率 per group, in rank order (best at the top)
        "groups": [r["group_name"] or "未确权" for r in table["rows"]][::-1],
        "on_time": [_pct(r["on_time_rate"]) for r in table["rows"]][::-1],
        "satisfaction": [_pct(r["satisfaction_rate"]) for r in table["rows"]][::-1],
        "days": [d["day"].strftime("%m-%d") for d in trend],
        "received": [d["received"] for d in trend],
        "resolved": [d["resolved"] for d in trend],
        "day_on_time": [_pct(d["on_time_rate"]) for d in trend],
    }
    return render(
        request,
        "cases/kpis.html",
        {
            "form": form,
            "table": table,
            "chart": chart,
            "echarts": ECHARTS if finders.find(ECHARTS) else None,
            "rates": kpis.RATES,
            "group_label": kpis.GROUP_LABELS[group],
            "start": start,
            "end": end,
            "querystring": request.GET.urlencode(),
        },
    )
