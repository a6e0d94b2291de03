"""The supervision dashboard (监督看板): every figure from the tallies, each linked to the list behind it."""

from datetime import timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from wennuan.core.bounds import FIRST_DAY, LAST_DAY
from wennuan.core.dashboard_panels import panels
from wennuan.core.errors import DomainError

from . import kpi_registry, links, ranges, scopes, selectors
from .levels import Level

ECHARTS = "vendor/echarts/echarts.min.js"
TOP_STATIONS = 15


class DashboardForm(forms.Form):
    scope = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    season = forms.ChoiceField(
        label="供暖季", required=False, choices=[("", "本供暖季"), ("last", "上一供暖季")]
    )
    start = forms.DateField(label="起", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="止", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            day = data.get(name)
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, "日期超出范围")
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "止日不能早于起日")
        try:
            data["scope_obj"] = scopes.parse(data.get("scope"))
        except ValueError as exc:
            self.add_error(None, str(exc))
        return data


def _ranking_rows(ranking, scope_level, start, end, limit=None):
    rows = ranking["rows"][:limit] if limit else ranking["rows"]
    out = []
    for row in rows:
        sub = scopes.Scope(Level(scope_level), row["ref"])
        out.append({**row, "kpi": {k["key"]: k["value"] for k in row["kpis"]},
                    "cases_url": links.received(sub, start, end) if row["ref"] else "",
                    "dashboard_url": f"{reverse('supervision:dashboard')}?scope={sub}" if row["ref"] else ""})  # fmt: skip
    return out


@login_required
def dashboard(request):
    form = DashboardForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    try:
        scope = scopes.checked(request.user, data.get("scope_obj"))
        start, end, season = ranges.resolve(
            scope, start=data.get("start"), end=data.get("end"), season=data.get("season") or None
        )
    except DomainError as exc:
        return render(
            request, "supervision/dashboard.html", {"form": form, "error": str(exc)}, status=exc.http_status
        )
    user = request.user
    result = selectors.kpis(user, scope=scope, start=start, end=end)
    trend_end = min(end, today) if start <= today else end
    trend = selectors.trend(scope, start, trend_end)
    cats = selectors.categories_over_time(scope, start, trend_end)
    tiles = selectors.tiles(scope, today)
    rankings = {}
    for level, limit in ((Level.COMPANY, None), (Level.STATION, TOP_STATIONS), (Level.DISTRICT, None)):
        ranked = selectors.rankings(user, level=level, start=start, end=end, within=scope)
        if ranked["rows"]:
            rankings[level.value] = {"label": level.label, "rows": _ranking_rows(ranked, level, start, end, limit),
                                     "total": len(ranked["rows"])}  # fmt: skip
    estates = selectors.estates(scope, start, end, limit=300)
    for e in estates:
        e["url"] = links.received(scopes.Scope(Level.ESTATE, e["ref"]), start, end)
    kpis = [{**k, "url": _kpi_url(k["key"], scope, start, end)} for k in result["kpis"]]
    sos = selectors.season_on_season(user, scope=scope, on=min(today, end))
    panel_ctx = []
    for panel in panels():
        ctx = panel.context(request, result["scope"], start, end)
        if ctx is not None:
            panel_ctx.append({"panel": panel, "context": ctx})
    chart = {
        "trend": {
            "days": [d["day"].strftime("%m-%d") for d in trend],
            "received": [{"value": d["received"], "url": links.received(scope, d["day"], d["day"])} for d in trend],
            "resolved": [{"value": d["resolved"], "url": links.cases_url(scope, resolved_from=d["day"], resolved_to=d["day"])} for d in trend],
            "closed": [{"value": d["closed"], "url": links.cases_url(scope, closed_from=d["day"], closed_to=d["day"])} for d in trend],
        },
        "categories": {
            "periods": [p.strftime("%m-%d") for p in cats["periods"]],
            "series": [
                {"name": s["label"], "data": [
                    {"value": v, "url": links.received(scope, p, min(p + timedelta(days=0 if cats["grain"] == "d" else 6), end), category=cat)}
                    for p, v in zip(cats["periods"], s["values"], strict=True)]}
                for cat, s in list(cats["series"].items())[:8]
            ],
        },
        "companies": [{"name": r["name"], "value": r["score"], "url": r["cases_url"]} for r in rankings.get("company", {}).get("rows", [])],
        "estates": [
            {"name": e["name"], "value": [e["longitude"], e["latitude"], e["per_100"] or 0, e["received"]], "url": e["url"]}
            for e in estates if e["latitude"] is not None and e["longitude"] is not None
        ],
        "estate_bars": [{"name": e["name"], "value": e["per_100"], "url": e["url"]} for e in estates[:15] if e["per_100"] is not None],
    }  # fmt: skip
    return render(
        request,
        "supervision/dashboard.html",
        {
            "form": form,
            "scope": result["scope"],
            "scope_obj": scope,
            "elsewhere": scope != scopes.of_user(user),
            "start": start,
            "end": end,
            "season": season,
            "today": today,
            "result": result,
            "kpis": kpis,
            "tiles": tiles,
            "tile_links": {
                "received_today": links.received(scope, today, today),
                "open": links.cases_url(scope, open=True),
                "overdue": links.cases_url(scope, queue="overdue"),
                "escalated": links.cases_url(scope, open=True, escalated=True),
                "resolved_today": links.cases_url(scope, resolved_from=today, resolved_to=today),
                "closed_today": links.cases_url(scope, closed_from=today, closed_to=today),
            },
            "rankings": rankings,
            "estates": estates[:20],
            "sos": sos,
            "panels": panel_ctx,
            "chart": chart,
            "echarts": ECHARTS if finders.find(ECHARTS) else None,
            "received_url": links.received(scope, start, end),
        },
    )


# The list behind a KPI: the cases of its numerator where one filter selects them.
_KPI_FILTERS = {
    "overdue_rate": {"overdue": "true"},
    "repeat_rate": {},
    "completion_rate": {},
    "complaint_density": {},
}


def _kpi_url(key, scope, start, end):
    link = kpi_registry.get(key).link if key in kpi_registry.known_keys() else None
    if link is not None:
        return link(scope.level, scope.ref, start, end)
    extra = _KPI_FILTERS.get(key, {})
    return links.received(scope, start, end, **extra)
