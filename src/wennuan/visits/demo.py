"""The demo city's 访民问暖 campaign: one city-wide campaign whose first phase runs today, tasks generated,
so a grid worker signing in to the demo finds today's list on the field page."""

from datetime import timedelta

from django.utils import timezone

from wennuan.core.demo import register
from wennuan.registry.models import City

from .models import Campaign
from .services import add_phase, create_campaign, generate_phase_tasks


@register("visits", order=20)
def seed_demo_campaign() -> str:
    city = City.objects.order_by("pk").first()
    if city is None or Campaign.objects.exists():
        return ""
    today = timezone.localdate()
    start = today - timedelta(days=7)
    campaign = create_campaign(
        by=None, name=f"{start.year}–{start.year + 1} 访民问暖", city=city, starts_on=start,
        ends_on=start + timedelta(days=120),
    )  # fmt: skip
    phase = add_phase(
        by=None, campaign=campaign, name="入户走访", starts_on=start, ends_on=start + timedelta(days=30)
    )
    added = generate_phase_tasks(by=None, phase=phase)
    return f"演示走访活动：{campaign.name}，第1阶段已生成走访任务 {added} 户"
