"""Coverage pages: the table by level, the households not yet visited, and their Excel export."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .coverage import LEVEL_LABELS, LEVELS, coverage_by, households_not_visited, total
from .export import unvisited_xlsx
from .models import Phase
from .selectors import current_phase
from .summary import phase_summary


def _id_param(request, name: str) -> int | None:
    """The query parameter ``name`` as a row id; None when absent. A value that is no id is a 404
    (not a 500 from the database lookup)."""
    value = request.GET.get(name)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise Http404(f"参数 {name} 不是有效的编号")
    return int(value)


def _phase(request) -> Phase:
    pk = _id_param(request, "phase")
    if pk is not None:
        return get_object_or_404(Phase.objects.select_related("campaign"), pk=pk)
    phase = current_phase() or Phase.objects.select_related("campaign").order_by("-starts_on", "-id").first()
    if phase is None:
        raise Http404("还没有走访活动")
    return phase


def _level(request, default="grid") -> str:
    level = request.GET.get("level", default)
    if level not in LEVELS:
        raise Http404("未知的统计层级")
    return level


@login_required
def coverage_page(request):
    phase = _phase(request)
    level = _level(request)
    rows = coverage_by(user=request.user, phase=phase, level=level)
    # worst first: the grid that needs a push is at the top, not wherever its name sorts
    worst_first = sorted(rows, key=lambda r: (r.coverage, -r.not_visited, r.name or ""))
    context = {
        "phase": phase,
        "phases": Phase.objects.select_related("campaign").order_by("-starts_on", "-id")[:20],
        "level": level,
        "levels": LEVEL_LABELS,
        "level_label": LEVEL_LABELS[level],
        "rows": worst_first,
        "total": total(rows),
        "summary": phase_summary(user=request.user, phase=phase),
    }
    return render(request, "visits/coverage.html", context)


def _unvisited(request):
    phase = _phase(request)
    level = request.GET.get("level") or None
    key = _id_param(request, "key")
    if level and (level not in LEVELS or key is None):
        raise Http404("未知的统计范围")
    households = households_not_visited(user=request.user, phase=phase, level=level, key=key)
    return phase, households


@login_required
def unvisited_page(request):
    phase, households = _unvisited(request)
    page = Paginator(households, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "visits/unvisited.html",
        {"phase": phase, "page": page, "query": request.GET.urlencode(), "count": page.paginator.count},
    )


@login_required
def unvisited_export(request):
    phase, households = _unvisited(request)
    title = f"{phase} 未走访住户（导出于{timezone.localtime():%Y-%m-%d %H:%M}）"
    body = unvisited_xlsx(user=request.user, households=households, title=title)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="unvisited-phase{phase.pk}.xlsx"'
    return response
