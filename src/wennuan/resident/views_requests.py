"""Requests a resident makes about their account: 上门测温, an electronic invoice."""

from django.contrib import messages
from django.shortcuts import redirect, render

from wennuan.core.errors import DomainError

from . import throttle
from .access import resident_required
from .services import request_invoice, request_measurement


def _throttled(request, household) -> bool:
    return throttle.over(request, name="report_client", key="ip") or throttle.over(
        request, name="report_household", key=lambda g, r: str(household.pk)
    )


@resident_required
def measure(request, household):
    error = ""
    if request.method == "POST":
        if _throttled(request, household):
            return throttle.too_many(request)
        try:
            case = request_measurement(
                household=household, phone=request.POST.get("phone", ""), note=request.POST.get("note", "")
            )
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(
                request, f"测温申请已提交，编号 {case.external_id}。供热单位将在规定时限内上门测温。"
            )
            return redirect("resident:case", case.pk)
    context = {"error": error, "phone": request.POST.get("phone", household.phone),
               "note": request.POST.get("note", "")}  # fmt: skip
    return render(request, "resident/measure.html", context)


@resident_required
def invoice(request, household):
    error = ""
    p = request.POST
    if request.method == "POST":
        if _throttled(request, household):
            return throttle.too_many(request)
        try:
            case = request_invoice(
                household=household, title=p.get("title", ""), email=p.get("email", ""),
                tax_id=p.get("tax_id", ""), phone=p.get("phone", ""),
            )  # fmt: skip
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, f"发票申请已提交，编号 {case.external_id}。开具后将发送至您的邮箱。")
            return redirect("resident:case", case.pk)
    context = {
        "error": error, "title": p.get("title", household.resident_name), "email": p.get("email", ""),
        "tax_id": p.get("tax_id", ""), "phone": p.get("phone", household.phone),
    }  # fmt: skip
    return render(request, "resident/invoice.html", context)
