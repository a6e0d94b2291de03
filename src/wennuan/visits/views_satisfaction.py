"""满意度调查表 page: answers per building or estate, and re-surveys after fixes."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .satisfaction import LEVELS, QUESTIONS, resurvey_result, satisfaction_by
from .views_coverage import _phase


@login_required
def satisfaction_page(request):
    phase = _phase(request)
    level = request.GET.get("level", "building")
    if level not in LEVELS:
        raise Http404("未知的统计层级")
    rows = satisfaction_by(user=request.user, phase=phase, level=level)
    context = {
        "phase": phase,
        "level": level,
        "questions": QUESTIONS,
        "rows": [(r, [r.questions[f] for f in QUESTIONS]) for r in rows],
        "resurvey": resurvey_result(user=request.user, phase=phase),
    }
    return render(request, "visits/satisfaction.html", context)
