"""The hall's panel on the intake form (cases.assist, htmx as the agent types): once the form has found
the household, its season's account, subsidy status and pending 报停/开栓 — so 「补贴一直没发」 or a fee
question is answered from the record at once. Arrears are shown with the rule that they never justify
refusing heat."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wennuan.cases.views.assist import panel_context

from .. import selectors


@login_required
def assist_panel(request):
    ctx = panel_context(request)
    summary = (
        selectors.household_summary(user=request.user, household=ctx.household)
        if ctx.household is not None
        else None
    )
    return render(request, "hall/_assist.html", {"summary": summary, "h": ctx.household})
