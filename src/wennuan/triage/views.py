"""The intake form's as-you-type address suggestions (htmx partial), served by the triage engine."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from wennuan.registry.models import Household

from .service import suggest


@login_required
def suggestions(request):
    """Places fitting what has been typed (``address`` or ``q``). A household's 户号 is offered only when
    the user may see that household; building-level places (no personal data) are offered to all."""
    text = (request.GET.get("address") or request.GET.get("q") or "").strip()[:200]
    items = suggest(text, limit=8) if text else []
    accounts = [i["account"] for i in items if i.get("account")]
    visible = set(
        Household.objects.visible_to(request.user)
        .filter(account__in=accounts)
        .values_list("account", flat=True)
    )
    for item in items:
        if item.get("account") and item["account"] not in visible:
            item["account"] = None
    return render(request, "triage/_suggestions.html", {"items": items, "text": text})
