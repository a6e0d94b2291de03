"""The intake form's as-you-type address suggestions (htmx partial), served by the triage engine."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import withhold_out_of_scope
from .service import suggest


@login_required
def suggestions(request):
    """Places fitting what has been typed (``address`` or ``q``). A household's 户号 is offered only when
    the user may see that household; building-level places (no personal data) are offered to all."""
    text = (request.GET.get("address") or request.GET.get("q") or "").strip()[:200]
    items = withhold_out_of_scope(request.user, suggest(text, limit=8) if text else [])
    return render(request, "triage/_suggestions.html", {"items": items, "text": text})
