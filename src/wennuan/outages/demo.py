"""The demo city's outages (core.demo): a burst main over the first household's building, restored after
32 hours, and a station's maintenance announced for tomorrow, both recorded by the demo dispatcher."""

from datetime import time, timedelta

from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core.demo import register
from wennuan.core.roles import Role
from wennuan.registry.models import Household

from . import services
from .enums import OutageCause
from .models import Outage


@register("outages", order=30)
def seed_demo_outages() -> str:
    dispatcher = User.objects.filter(role=Role.DISPATCHER, company__isnull=False).order_by("pk").first()
    if dispatcher is None or Outage.objects.exists():
        return ""
    home = (
        Household.objects.filter(station__company=dispatcher.company)
        .select_related("unit__building__estate", "station")
        .order_by("account")
        .first()
    )
    if home is None:
        return ""
    now = timezone.now()
    burst = services.record_outage(
        by=dispatcher,
        cause=OutageCause.PIPE_BURST,
        description="小区主管道爆管，抢修更换管段",
        start=now - timedelta(hours=40),
        expected_restore=now - timedelta(hours=12),
        buildings=[home.unit.building],
    )
    services.restore_outage(outage=burst, by=dispatcher, at=now - timedelta(hours=8))
    tomorrow = timezone.make_aware(
        timezone.datetime.combine(timezone.localdate() + timedelta(days=1), time(9))
    )
    planned = services.record_outage(
        by=dispatcher,
        cause=OutageCause.PLANNED_MAINTENANCE,
        description="换热站板换清洗",
        start=tomorrow,
        expected_restore=tomorrow + timedelta(hours=8),
        station=home.station,
    )
    return f"演示停热事件：{burst.area_label} {burst.summary}（已恢复）；{planned.area_label} 明日计划停热"
