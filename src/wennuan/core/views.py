from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .selectors import CappedPaginator, audit_actions, audit_entries, audit_object_types

AUDIT_PER_PAGE = 50
AUDIT_FILTERS = ("action", "object_type", "object_id", "actor", "q")


@login_required
def audit_log(request):
    """The audit log for supervisors: filter by action, object, actor or text; newest first, paged."""
    if not request.user.can_read_audit:
        raise PermissionDenied("只有供热主管可以查看审计日志")
    filters = {k: request.GET.get(k, "").strip()[:100] for k in AUDIT_FILTERS}
    entries = audit_entries(**filters)
    page = CappedPaginator(entries, AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "filters": filters,
            "actions": audit_actions(),
            "object_types": audit_object_types(),
        },
    )
