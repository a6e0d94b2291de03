"""The demo city's summer repair ledger (core.demo): its three worst estates by complaints per household
over the last 120 days, listed by the demo supervisor, one with a first progress entry."""

from datetime import timedelta

from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.cases.selectors import day_range
from wennuan.core.demo import register
from wennuan.core.roles import Role

from . import services
from .hotspots import hotspots
from .models import RepairItem


@register("repairs", order=60)
def seed_demo_repairs() -> str:
    supervisor = User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()
    if supervisor is None or RepairItem.objects.exists():
        return ""
    today = timezone.localdate()
    start, end = today - timedelta(days=120), today
    found = [
        h for h in hotspots(user=supervisor, start=day_range(start, end)[0], end=day_range(start, end)[1])
    ]
    found = [h for h in found if h.company_id is not None][:3]
    if not found:
        return ""
    items = services.create_items(by=supervisor, hotspots=found, start=start, end=end)
    first = items[0]
    dispatcher = User.objects.filter(role=Role.DISPATCHER, company=first.company).order_by("pk").first()
    if dispatcher is not None:
        services.add_progress(
            item=first, by=dispatcher, on=today, percent=10, note="已完成现场勘察，拟更换单元立管及楼前阀门"
        )
    return f"演示冬病夏治台账：{len(items)} 项（{'、'.join(i.site_label for i in items)}）"
