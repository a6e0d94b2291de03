"""The hall's panel on the intake form (cases.assist, htmx as the agent types): once the form has found
the household, its season's account, subsidy status and pending 报停/开栓 — so 「补贴一直没发」 or a fee
question is answered from the record at once. Arrears are shown with the rule that they never justify
refusing heat."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from wennuan.cases.intake_context import intake_context
from wennuan.cases.views.assist import may_take_complaints

from .. import selectors


@login_required
def assist_panel(request):
    if not may_take_complaints(request.user):
        raise PermissionDenied("当前角色不能受理诉求")
    q = request.GET
    ctx = intake_context(
        user=request.user, text=q.get("text", ""), address=q.get("address", ""), account=q.get("account", "")
    )
    summary = (
        selectors.household_summary(user=request.user, household=ctx.household)
        if ctx.household is not None
        else None
    )
    return render(request, "hall/_assist.html", {"summary": summary, "h": ctx.household})
