"""The KPI ranking page (and its Excel export), from cases.kpis."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import kpis, selectors
from ..forms import KpiForm
from .export import xlsx_response


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
        headers = ["排名", kpis.GROUP_LABELS[group], "受理量", "办理时限(小时)"] + [
            k.label for k in kpis.RATES
        ]
        rows = (
            [r["rank"], r["group_name"] or "未确权", r["received"], r["avg_handling_hours"]]
            + [r[k.key] for k in kpis.RATES]
            for r in table["rows"]
        )
        return xlsx_response("kpis.xlsx", headers, rows)
    return render(
        request,
        "cases/kpis.html",
        {
            "form": form,
            "table": table,
            "rates": kpis.RATES,
            "group_label": kpis.GROUP_LABELS[group],
            "start": start,
            "end": end,
            "querystring": request.GET.urlencode(),
        },
    )
