"""The intake form's knowledge-base panel (htmx, as the agent types): the best entries for the text,
narrowed to the household the form has found, each with 直接答复 (submits the intake form with the
entry's reference)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from wennuan.cases.intake_context import intake_context
from wennuan.cases.services import may_answer_directly
from wennuan.cases.views.assist import may_take_complaints
from wennuan.core.categories import Category

from . import selectors
from .assist import SHOWN


@login_required
def assist_panel(request):
    if not may_take_complaints(request.user):
        raise PermissionDenied("当前角色不能受理诉求")
    q = request.GET
    typed = q.get("text", "").strip()
    ctx = intake_context(
        user=request.user, text=typed, address=q.get("address", ""), account=q.get("account", "")
    )
    hits = selectors.search(user=request.user, q=typed, household=ctx.household, limit=SHOWN) if typed else []
    # 直接答复 is offered only where the service would take it: an inquiry, not heat, leaks or repairs
    can_answer = may_answer_directly(ctx.category or Category.OTHER)
    return render(
        request, "kb/_assist.html", {"hits": hits, "ctx": ctx, "typed": typed, "can_answer": can_answer}
    )
