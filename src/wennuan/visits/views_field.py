"""The grid worker's field page (an installable, offline-capable PWA) and the files that make it one."""

import json
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie

from wennuan.core.categories import Category

from .coverage import households_for, with_visit_state
from .selectors import campaign_standard, current_phase

STATIC_DIR = Path(__file__).resolve().parent / "static" / "visits"


@login_required
@ensure_csrf_cookie  # the offline outbox sends its visits later with the cookie's token
@never_cache
def field_page(request):
    """Today's list for the user's grid, the visit form and the offline outbox (rendered by field.js)."""
    phase = current_phase()
    standard = campaign_standard(phase.campaign) if phase else None
    counts = {"households": 0, "visited": 0}
    if phase:
        # 「已访 x/N」 over the phase, not just today's list: N = the households of the worker's part of the
        # campaign, x = those already visited (the page adds the visits saved on the phone since)
        mine = with_visit_state(households_for(user=request.user, phase=phase), phase)
        counts = {"households": mine.count(), "visited": mine.filter(was_visited=True).count()}
    return render(
        request,
        "visits/field.html",
        {"phase": phase, "standard": standard, "categories": Category.choices, "counts": counts},
    )


def service_worker(request):
    """Served from /visits/ (not /static/) so its scope covers the field page."""
    response = HttpResponse(
        (STATIC_DIR / "sw.js").read_text(encoding="utf-8"), content_type="application/javascript"
    )
    response["Service-Worker-Allowed"] = "/visits/"
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request):
    body = {
        "name": "问暖 · 网格走访",
        "short_name": "问暖走访",
        "lang": "zh-CN",
        "start_url": "/visits/field/",
        "scope": "/visits/",
        "display": "standalone",
        "background_color": "#fafafa",
        "theme_color": "#c2410c",
        "icons": [
            {"src": static("visits/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"}
        ],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")
