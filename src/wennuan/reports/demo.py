"""The demo city's 通报 (core.demo): when the demo has complaints, the two companies worst on on-time
rate over the last 30 days, one issued and one left as a draft."""

from datetime import timedelta

from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core.demo import register
from wennuan.core.roles import Role
from wennuan.registry.models import City

from . import bulletins, services
from .models import Bulletin


@register("reports", order=70)
def seed_demo_bulletins() -> str:
    supervisor = User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()
    city = City.objects.order_by("pk").first()
    if supervisor is None or city is None or Bulletin.objects.exists():
        return ""
    end = timezone.localdate()
    start = end - timedelta(days=30)
    ranked, _ = bulletins.candidates(user=supervisor, city=city, start=start, end=end)
    if not ranked:
        return ""
    made = []
    for c in ranked[:2]:
        made.append(
            services.draft_bulletin(
                by=supervisor, city=city, start=start, end=end, company_ids=[c.company_id]
            )
        )
    services.approve_bulletin(bulletin=made[0], by=supervisor)
    services.issue_bulletin(bulletin=made[0], by=supervisor)
    return f"演示通报：{'；'.join(b.number for b in made)}（第一份已印发）"
