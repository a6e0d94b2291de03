from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from . import audit_display
from .audit_labels import action_label, object_type_label
from .selectors import CappedPaginator, audit_actions, audit_entries, audit_object_types

AUDIT_PER_PAGE = 50
AUDIT_FILTERS = ("action", "object_type", "object_id", "actor", "q")


@login_required
def audit_log(request):
    """The audit log for supervisors: filter by action, object, actor or text; newest first, paged."""
    if not request.user.can_read_audit:
        raise PermissionDenied("只有供热主管可以查看审计日志")
    filters = {k: request.GET.get(k, "").strip()[:100] for k in AUDIT_FILTERS}
    entries = audit_entries(**filters).select_related("actor")
    page = CappedPaginator(entries, AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "rows": audit_display.rows(page.object_list),
            "filters": filters,
            # the filters list the same Chinese names as the rows, sorted by them
            "actions": sorted(((a, action_label(a)) for a in audit_actions()), key=lambda a: a[1]),
            "object_types": sorted(
                ((t, object_type_label(t)) for t in audit_object_types()), key=lambda t: t[1]
            ),
        },
    )
