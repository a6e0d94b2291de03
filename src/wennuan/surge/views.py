"""The forecast page (next days' calls, staffing, what the model has learned) and the weather upload."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from wennuan.core.errors import DomainError
from wennuan.core.roles import Role
from wennuan.registry.models import City

from . import model, selectors, services
from .forms import HISTORY, WeatherImportForm

ECHARTS = "vendor/echarts/echarts.min.js"
# The file this page accepts at most (a few seasons of days is a few KB).
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _viewer(user) -> None:
    from .navigation import VIEWERS

    if not (user.is_superuser or user.role in VIEWERS):
        raise PermissionDenied("话务预测仅供热主管和 12345 坐席查看")


def _cities_view(fits) -> list[dict]:
    out = []
    for fit in fits:
        fitted = model.Model.from_dict(fit.model)
        out.append({"fit": fit, "explain": model.explain(fitted), "days": fit.forecast})
    return out


def dashboard_panel(request, scope, start, end) -> dict | None:
    """At city scope, for the city-wide roles: the next three days; elsewhere nothing (the forecast is the
    city's, and a district's or a company's view would only repeat it)."""
    from .navigation import VIEWERS

    user = request.user
    if scope.get("level") != "city" or not (user.is_superuser or user.role in VIEWERS):
        return None
    cities = _cities_view(selectors.latest_fits())
    if scope.get("ref"):
        cities = [c for c in cities if c["fit"].city_id == scope["ref"]]
    return {"cities": cities} if cities else None


def home_panel(request) -> dict:
    return {"surge": _cities_view(selectors.latest_fits())}


@login_required
def forecast(request):
    _viewer(request.user)
    cities = City.objects.order_by("name")
    chart = []
    for fit in selectors.latest_fits():
        # The last 30 days, not across the summer: a season's end beside the next one's start misleads.
        since = timezone.localdate() - timedelta(days=30)
        past = [d for d in selectors.daily_history(fit.city, before=None) if d.day >= since]
        chart.append(
            {
                "city": fit.city.name,
                "days": [d.day.isoformat() for d in past] + [f["day"] for f in fit.forecast],
                "actual": [d.calls for d in past] + [None] * len(fit.forecast),
                "forecast": [None] * len(past) + [f["calls"] for f in fit.forecast],
            }
        )
    return render(
        request,
        "surge/forecast.html",
        {
            "cities": _cities_view(selectors.latest_fits()),
            "form": WeatherImportForm(cities=cities) if request.user.role == Role.SUPERVISOR else None,
            "chart": chart,
            "echarts": ECHARTS if finders.find(ECHARTS) else None,
        },
    )


@login_required
@require_POST
def import_weather(request):
    if not (request.user.is_superuser or request.user.role == Role.SUPERVISOR):
        raise PermissionDenied("仅供热主管可导入气温")
    form = WeatherImportForm(request.POST, request.FILES, cities=City.objects.all())
    if not form.is_valid():
        messages.error(
            request,
            "；".join(
                f"{form.fields[f].label if f in form.fields else ''}{e}"
                for f, es in form.errors.items()
                for e in es
            ),
        )
        return redirect("surge:forecast")
    upload = form.cleaned_data["file"]
    if upload.size > MAX_UPLOAD_BYTES:
        messages.error(request, f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
        return redirect("surge:forecast")
    city = form.cleaned_data["city"]
    try:
        kind = form.cleaned_data["kind"]
        if kind == HISTORY:
            n = services.import_history(city=city, stream=upload.read(), name=upload.name, by=request.user)
        else:
            n = services.import_weather(
                city=city, stream=upload.read(), name=upload.name, kind=kind, by=request.user
            )
        fit = services.refit(city=city, by=request.user)
    except DomainError as err:
        messages.error(request, str(err))
        return redirect("surge:forecast")
    messages.success(
        request,
        f"已导入 {city.name} {n} 天" + ("，已重算预测" if fit else "（历史不足 60 天，暂不能预测）"),
    )
    return redirect("surge:forecast")


@login_required
@require_POST
def refit(request):
    if not (request.user.is_superuser or request.user.role == Role.SUPERVISOR):
        raise PermissionDenied("仅供热主管可重算")
    lines = services.refit_all(by=request.user)
    messages.success(request, "；".join(lines) or "没有城市")
    return redirect("surge:forecast")
