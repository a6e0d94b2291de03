"""The intake form's own assist panel (htmx, as the agent types): where the complaint is (the household
by 户号 or as the triage engine places it), what it reads as, and that household's open cases."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .. import lifecycle
from ..intake_context import intake_context


def may_take_complaints(user) -> bool:
    return user.is_superuser or user.role in lifecycle.INTAKE_ROLES


def panel_context(request):
    """What every assist panel starts from: 403 for a role that takes no complaints, else the intake
    context of the form's fields (``text``, ``address``, ``account``) as the request sends them."""
    if not may_take_complaints(request.user):
        raise PermissionDenied("当前角色不能受理诉求")
    q = request.GET
    return intake_context(
        user=request.user, text=q.get("text", ""), address=q.get("address", ""), account=q.get("account", "")
    )


@login_required
def assist_panel(request):
    return render(request, "cases/_assist.html", {"ctx": panel_context(request)})
