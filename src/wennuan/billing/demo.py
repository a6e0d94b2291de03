"""The demo city's billing: a tariff (27 元/㎡·季, the issue's example) so refunds can be computed."""

from decimal import Decimal

from wennuan.core.demo import register

from .seed import SINCE


# Before the outages seeder (30): its restored burst then lands in the refund ledger with a price.
@register("billing", order=10)
def seed_demo() -> str:
    from wennuan.registry.models import City

    from .models import Tariff

    added = 0
    for city in City.objects.all():
        if not Tariff.objects.filter(city=city).exists():
            Tariff.objects.create(
                city=city,
                effective_from=SINCE,
                residential_price=Decimal("27"),
                non_residential_price=Decimal("38"),
            )
            added += 1
    return f"供热价格：{added} 个城市 27 元/㎡（居民）" if added else ""
