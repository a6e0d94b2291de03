"""The supervisor's webhook page: the outbox and its delivery log, with a replay button per event."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wennuan.core.roles import Role
from wennuan.core.selectors import CappedPaginator

from . import selectors, services
from .enums import DeliveryStatus
from .models import Client

PAGE_SIZE = 30


def _supervisor(user) -> None:
    if not (user.is_superuser or user.role == Role.SUPERVISOR):
        raise PermissionDenied("只有供热主管可以查看 Webhook 投递")


@login_required
def webhook_log(request):
    _supervisor(request.user)
    status = request.GET.get("status", "")
    events = selectors.events_for(user=request.user, status=status).prefetch_related("log")
    page = CappedPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "open311/webhooks.html", {
        "page": page, "status": status, "statuses": DeliveryStatus.choices,
        "clients": Client.objects.exclude(webhook_url="").order_by("name"),
    })  # fmt: skip


@login_required
@require_POST
def webhook_replay(request, pk: int):
    _supervisor(request.user)
    event = selectors.events_for(user=request.user).filter(pk=pk).first()
    if event is None:
        raise Http404("没有这个事件")
    services.replay_event(event=event, by=request.user)
    messages.success(request, f"事件{event.pk}已重新排队投递")
    return redirect(request.POST.get("next") or "open311:webhooks")


def api_docs(request):
    """Open311 and the webhooks explained, with examples in Chinese and English (public)."""
    return render(request, "open311/docs.html", {"jurisdictions": selectors.jurisdictions()})
