"""The intake form's own assist panel (htmx, as the agent types): where the complaint is (the household
by 户号 or as the triage engine places it), what it reads as, and that household's open cases."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .. import lifecycle
from ..intake_context import intake_context


def may_take_complaints(user) -> bool:
    return user.is_superuser or user.role in lifecycle.INTAKE_ROLES


@login_required
def assist_panel(request):
    if not may_take_complaints(request.user):
        raise PermissionDenied("当前角色不能受理诉求")
    q = request.GET
    ctx = intake_context(
        user=request.user, text=q.get("text", ""), address=q.get("address", ""), account=q.get("account", "")
    )
    return render(request, "cases/_assist.html", {"ctx": ctx})
