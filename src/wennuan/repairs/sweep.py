"""The ledger's clock: an item still under repair past its deadline is flagged overdue (once) and the
responsible company's dispatchers are told. Registered with core.periodic; idempotent."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core import audit, periodic
from wennuan.core.roles import Role
from wennuan.notices.enums import NoticeKind
from wennuan.notices.services import notify

from .enums import ItemStatus
from .models import RepairItem


@periodic.register("repairs")
def sweep_overdue(today=None) -> dict:
    """Flag every open item whose deadline has passed; returns {"overdue": how many were flagged now}."""
    today = today or timezone.localdate()
    due = RepairItem.objects.filter(status=ItemStatus.OPEN, overdue=False, deadline__lt=today)
    flagged = 0
    for item in due.select_related("company").order_by("id"):
        with transaction.atomic():
            # The UPDATE … WHERE overdue=false makes a concurrent second sweep a no-op for this item.
            if not RepairItem.objects.filter(pk=item.pk, overdue=False).update(
                overdue=True, overdue_since=today
            ):
                continue
            audit.record(
                actor=None,
                action="repairs.overdue",
                obj=item,
                summary=f"{item.number} {item.site_label} 超过整改期限{item.deadline}",
                changes={"overdue": [False, True]},
            )
            notify(
                User.objects.filter(role=Role.DISPATCHER, company_id=item.company_id),
                kind=NoticeKind.REPAIR_OVERDUE,
                title=f"冬病夏治整改超期：{item.site_label}",
                body=f"{item.number} 整改期限{item.deadline:%Y年%m月%d日}已过，进度{item.percent}%，请抓紧整改并填报进展。",
                subject=f"repair:{item.pk}",
                link=reverse("repairs:detail", args=[item.pk]),
            )
            flagged += 1
    return {"overdue": flagged}
