"""The demo city's knowledge base (core.demo): the entries of ``demo_entries`` published by the demo
supervisor for the whole city, one entry of the demo dispatcher's company, and one awaiting review."""

from datetime import timedelta

from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core.demo import register
from wennuan.core.roles import Role
from wennuan.registry.models import City

from . import services
from .demo_entries import ENTRIES
from .enums import ReviewState
from .models import Entry


def publish_entries(*, by, city, since=None) -> list[Entry]:
    """Every entry of ``demo_entries`` for ``city``, published by ``by`` (a supervisor), valid from
    ``since`` (a year ago)."""
    since = since or timezone.localdate() - timedelta(days=365)
    return [
        services.create_entry(
            by=by,
            state=ReviewState.PUBLISHED,
            fields=services.EntryFields(
                question=question,
                answer=answer,
                category=category,
                keywords=keywords,
                city=city,
                valid_from=since,
            ),
        )
        for category, question, keywords, answer in ENTRIES
    ]


@register("kb", order=40)
def seed_demo_entries() -> str:
    supervisor = User.objects.filter(role=Role.SUPERVISOR, is_active=True).order_by("pk").first()
    city = City.objects.order_by("pk").first()
    if supervisor is None or city is None or Entry.objects.exists():
        return ""
    entries = publish_entries(by=supervisor, city=city)
    dispatcher = User.objects.filter(role=Role.DISPATCHER, company__city=city).order_by("pk").first()
    if dispatcher is not None:
        company = dispatcher.company
        own = services.create_entry(
            by=dispatcher,
            fields=services.EntryFields(
                question=f"{company.name}的营业厅在哪？几点上班？",
                answer=f"{company.name}营业厅工作日8:30—17:30办理缴费、报停、开栓、更名和发票，供暖期周末不休；"
                f"24小时热线{company.hotline or '见缴费凭证'}。",
                category="other",
                keywords="营业厅 地址 上班时间 办公时间",
                city=city,
            ),
        )
        services.move_entry(entry=own, by=dispatcher, transition="submit")
        services.move_entry(entry=own, by=supervisor, transition="publish")
        pending = services.create_entry(
            by=dispatcher,
            fields=services.EntryFields(
                question="供暖季中途开栓怎么收费？",
                answer="供暖季中途开栓的，按开栓之日起剩余供暖天数折算当季采暖费，报停期间已交的基本热费予以抵扣。",
                category="suspend_resume",
                keywords="中途开栓 折算 剩余天数",
                city=city,
            ),
        )
        services.move_entry(entry=pending, by=dispatcher, transition="submit")
        entries += [own, pending]
    return f"知识库：{len(entries)}条（{len(ENTRIES)}条全市通用已发布）\n"
