"""The intake form's knowledge-base panel (htmx, as the agent types): the best entries for the text,
narrowed to the household the form has found, each with 直接答复 (submits the intake form with the
entry's reference)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wennuan.cases.services import may_answer_directly
from wennuan.cases.views.assist import panel_context
from wennuan.core.categories import Category

from . import selectors
from .assist import SHOWN


@login_required
def assist_panel(request):
    ctx = panel_context(request)
    typed = request.GET.get("text", "").strip()
    hits = selectors.search(user=request.user, q=typed, household=ctx.household, limit=SHOWN) if typed else []
    # 直接答复 is offered only where the service would take it: an inquiry, not heat, leaks or repairs
    can_answer = may_answer_directly(ctx.category or Category.OTHER)
    return render(
        request, "kb/_assist.html", {"hits": hits, "ctx": ctx, "typed": typed, "can_answer": can_answer}
    )
