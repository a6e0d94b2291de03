"""The message pages: the list, and the POSTs that open one (marking it read) or mark them all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wennuan.core.selectors import CappedPaginator

from . import selectors, services

PAGE_SIZE = 30


@login_required
def notice_list(request):
    unread_only = request.GET.get("unread") == "1"
    paginator = CappedPaginator(selectors.notices_for(request.user, unread_only=unread_only), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "notices/list.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def notice_open(request, pk: int):
    """Mark one notice read and go to what it is about (the case page)."""
    notice = selectors.notice_for(request.user, pk)
    if notice is None:
        raise Http404("没有这条消息")
    services.mark_read(user=request.user, ids=[notice.pk])
    safe = url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()})
    return redirect(notice.link if notice.link and safe else "notices:list")


@login_required
@require_POST
def notice_read_all(request):
    n = services.mark_read(user=request.user, ids=services.ALL)
    messages.success(request, f"已将 {n} 条消息标为已读" if n else "没有未读消息")
    return redirect("notices:list")
