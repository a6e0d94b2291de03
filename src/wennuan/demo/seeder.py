"""Registers the demo season with core.demo: after the city, its users, tariff, campaign, outages and
Open311 client (orders 10–40), so it finds them all, and before the seeders that read a season's cases
(repairs' hotspots, surge). Not seeded again once there are cases."""

from wennuan.cases.models import Case
from wennuan.core.demo import register
from wennuan.registry.demo import DEFAULT_SEED

ORDER = 50


@register("season", order=ORDER)
def seed_demo_season() -> str:
    from wennuan.core.periodic import run_all

    from .figures import summary
    from .season import seed_season

    if Case.objects.exists():
        return ""
    figures = seed_season(seed=DEFAULT_SEED)
    if figures is None:
        return ""
    # Whatever keeps figures of its own (summary tables, dashboards) brings them up to date once.
    run_all()
    return summary(figures)
