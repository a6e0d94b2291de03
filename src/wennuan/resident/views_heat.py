"""报停 / 开栓 from the resident page, through hall's services (the window and conditions are hall's rules;
a refusal is shown with its reason)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from wennuan.core.errors import DomainError
from wennuan.hall.enums import Applicant, ApplicationKind
from wennuan.hall.services.applications import apply_resumption, apply_suspension

from . import account, throttle
from .access import resident_required
from .phones import checked_phone

APPLY = {ApplicationKind.SUSPEND: apply_suspension, ApplicationKind.RESUME: apply_resumption}


@resident_required
def heat(request, household):
    error, kind = "", request.POST.get("kind", "")
    if request.method == "POST":
        if throttle.over(request, name="report_client", key="ip") or throttle.over(
            request, name="report_household", key=lambda g, r: str(household.pk)
        ):
            return throttle.too_many(request)
        try:
            if kind not in APPLY:
                raise DomainError("请选择报停或开栓")
            phone = checked_phone(request.POST.get("phone", ""))
            app = APPLY[kind](
                household=household, by=None, applicant=Applicant.RESIDENT, name=household.resident_name,
                phone=phone, note=request.POST.get("note", ""),
            )  # fmt: skip
        except DomainError as exc:
            error = str(exc)
        else:
            due = timezone.localdate(app.answer_due)
            messages.success(
                request,
                f"{app.get_kind_display()}申请已提交（{app.season.name}供暖季），供热单位应于"
                f"{due.year}年{due.month}月{due.day}日前书面答复。",
            )
            return redirect("resident:heat")
    context = {
        "account": account.account_of(household),
        "applications": account.applications_of(household),
        "error": error,
        "kind": kind,
        "phone": request.POST.get("phone", household.phone),
        "note": request.POST.get("note", ""),
    }
    return render(request, "resident/heat.html", context)
