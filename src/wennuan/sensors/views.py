"""Sensors pages: the company's collectors (offline ones flagged) and the at-standard share, the crew's
registration page (scan or type the serial), the xlsx import, a household's chart, a station's chart."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from wennuan.core.roles import Role
from wennuan.registry.models import Station
from wennuan.registry.selectors import household_by_account

from . import selectors
from .devices import REGISTERING_ROLES, DeviceRefused, ImportRefused, import_devices, register_device
from .forms import DeviceFilter, ImportForm, RegisterForm

ECHARTS = "vendor/echarts/echarts.min.js"
IMPORT_ROLES = {Role.DISPATCHER, Role.SUPERVISOR}
LIST_LIMIT = 500
DAYS_SHOWN = 7  # the ranged share's days on the list page


def _echarts():
    return ECHARTS if finders.find(ECHARTS) else None


def _require(user, roles):
    if not (user.is_superuser or user.role in roles):
        raise PermissionDenied("您的角色不能进行此操作")


@login_required
def device_list(request):
    form = DeviceFilter(request.GET or None)
    offline = form.is_valid() and form.cleaned_data["offline"]
    rows = list(selectors.devices(user=request.user, offline=offline)[:LIST_LIMIT])
    now = timezone.now()
    for d in rows:
        d.offline = selectors.is_offline(d, now)
    yesterday = timezone.localdate(now) - timedelta(days=1)
    week = (yesterday - timedelta(days=DAYS_SHOWN - 1), yesterday)  # the last whole days (days.py)
    return render(
        request,
        "sensors/devices.html",
        {
            "form": form,
            "rows": rows,
            "offline_only": offline,
            "limit": LIST_LIMIT,
            "shares": selectors.share_at_standard(user=request.user, now=now),
            "days_shares": selectors.days_at_standard(user=request.user, start=week[0], end=week[1]),
            "week": week,
            "days_shown": DAYS_SHOWN,
            "offline_count": selectors.devices(user=request.user, offline=True).count(),
            "can_register": request.user.is_superuser or request.user.role in REGISTERING_ROLES,
            "can_import": request.user.is_superuser or request.user.role in IMPORT_ROLES,
        },
    )


@login_required
def register(request):
    _require(request.user, REGISTERING_ROLES)
    error = ""
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            try:
                device, created = register_device(by=request.user, **form.cleaned_data)
            except DeviceRefused as err:
                error = str(err)
            else:
                messages.success(
                    request,
                    f"采集器 {device.serial} 已{'登记' if created else '更新'}到户号 {device.household.account}",
                )
                return redirect("sensors:register")
    else:
        form = RegisterForm(
            initial={"installed_on": timezone.localdate(), "account": request.GET.get("account", "")}
        )
    return render(request, "sensors/register.html", {"form": form, "error": error})


@login_required
def import_page(request):
    _require(request.user, IMPORT_ROLES)
    errors: list[str] = []
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                n = import_devices(form.cleaned_data["file"], by=request.user)
            except ImportRefused as err:
                errors = err.errors
            except DeviceRefused as err:
                errors = [str(err)]
            except Exception:  # noqa: BLE001 - an unreadable file is the uploader's to fix, said plainly
                errors = ["无法读取该文件：请上传 .xlsx 格式的登记表"]
            else:
                messages.success(request, f"已登记 {n} 台采集器")
                return redirect("sensors:devices")
    else:
        form = ImportForm()
    return render(request, "sensors/import.html", {"form": form, "errors": errors})


def _local(moment) -> str:
    """The city's local time without an offset: the chart shows it as the city reads its clocks, whatever
    the browser's own time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _chart_payload(devs, data, standard):
    return {
        "standard": standard,
        "series": [
            {
                "name": f"{d.serial} {d.room_label or d.get_room_type_display()}",
                "data": [[t.isoformat(), c] for t, c in data.get(d.pk, [])],
            }
            for d in devs
        ],  # fmt: skip
    }


@login_required
def household_page(request, account: str):
    household = household_by_account(user=request.user, account=account)
    chart = selectors.household_chart(user=request.user, household=household)
    payload = _chart_payload(chart.devices, chart.series, chart.standard)
    payload["visits"] = [[_local(r.measured_at), float(r.celsius), r.room] for r in chart.visit_readings]
    return render(
        request,
        "sensors/household.html",
        {"chart": chart, "h": household, "payload": payload, "echarts": _echarts()},
    )


def household_section(request, household) -> dict:
    """The temperature block on the registry's household page (registered in menus.py): only for a
    household with a collector."""
    devs = list(selectors.devices(user=request.user).filter(household=household))
    if not devs:
        return {"devices": []}
    chart = selectors.household_chart(user=request.user, household=household)
    payload = _chart_payload(chart.devices, chart.series, chart.standard)
    payload["visits"] = [[_local(r.measured_at), float(r.celsius), r.room] for r in chart.visit_readings]
    return {"devices": devs, "chart": chart, "payload": payload, "echarts": _echarts(), "h": household}


@login_required
def station_page(request, pk: int):
    station = get_object_or_404(Station.objects.select_related("company"), pk=pk)
    devs, data, standard = selectors.station_chart(user=request.user, station=station)
    if not devs:
        raise Http404("该换热站没有您范围内的采集器")
    now = timezone.now()
    for d in devs:
        d.offline = selectors.is_offline(d, now)
    return render(
        request,
        "sensors/station.html",
        {
            "station": station,
            "rows": devs,
            "payload": _chart_payload(devs, data, standard),
            "echarts": _echarts(),
        },
    )
