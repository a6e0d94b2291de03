"""Who is told of an outage, and what: the grid workers and community staff over its households
(``selectors.involved_people``), through ``notices.services.notify``, once per outage and kind."""

from django.urls import reverse
from django.utils import timezone

from wennuan.notices.enums import NoticeKind
from wennuan.notices.services import notify

from .selectors import OutageRefund, involved_people


def _when(at) -> str:
    return f"{timezone.localtime(at):%m月%d日%H:%M}"


def tell_recorded(outage) -> list[int]:
    """A planned outage is announced before its start (计划停热); another is told as it is recorded."""
    head = "计划停热" if outage.planned else "停热"
    if outage.planned:
        when = f"{_when(outage.start)}起停热"
    else:
        when = f"{_when(outage.start)}起已停热"
    return notify(
        involved_people(outage),
        kind=NoticeKind.OUTAGE,
        title=f"{head}：{outage.area_label}"[:100],
        body=(
            f"{when}，预计{_when(outage.expected_restore)}恢复；{outage.summary}；"
            f"原因：{outage.get_cause_display()}。请告知住户并在楼道张贴停热通知。"
        ),
        key=f"outage:{outage.pk}",
        link=reverse("outages:detail", args=[outage.pk]),
    )


def tell_restored(outage, *, refund: OutageRefund) -> list[int]:
    return notify(
        involved_people(outage),
        kind=NoticeKind.OUTAGE_RESTORED,
        title=f"恢复供热：{outage.area_label}"[:100],
        body=f"{_when(outage.actual_restore)}已恢复供热；{outage.summary}。{refund.explanation}。",
        key=f"outage:{outage.pk}",
        link=reverse("outages:detail", args=[outage.pk]),
    )
