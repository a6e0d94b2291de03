"""The pages behind identification: the household comes from the resident session, never from the URL."""

from functools import wraps

from django.contrib import messages
from django.shortcuts import redirect

from . import session


def resident_required(view):
    """Call ``view(request, household, ...)`` for an identified resident; else back to identification."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        household = session.household_of(request)
        if household is None:
            messages.info(request, "请先验证身份（户号 + 手机验证码）")
            return redirect("resident:identify")
        response = view(request, household, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # a shared phone's back button must not show the account
        return response

    return wrapper
