from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import audit_entries


@login_required
def audit_log(request):
    if not request.user.can_read_audit:
        raise PermissionDenied("只有供热主管可以查看审计日志")
    entries = audit_entries(action=request.GET.get("action", ""), q=request.GET.get("q", ""))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "q": request.GET.get("q", "")})
