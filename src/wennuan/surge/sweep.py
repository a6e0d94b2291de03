"""Refit nightly: the first sweep of each local day refits every city (idempotent: a city fitted today is
not refitted by a later sweep)."""

from django.utils import timezone

from wennuan.core.periodic import register
from wennuan.registry.models import City

from . import services
from .models import SurgeFit


@register("surge.nightly_refit")
def nightly_refit() -> dict:
    today = timezone.localdate()
    start = timezone.make_aware(timezone.datetime(today.year, today.month, today.day))
    done = set(SurgeFit.objects.filter(fitted_at__gte=start).values_list("city_id", flat=True))
    fitted = skipped = 0
    for city in City.objects.exclude(pk__in=done):
        services.fetch_forecast(city=city)
        if services.refit(city=city) is None:
            skipped += 1
        else:
            fitted += 1
    return {"fitted": fitted, "too_short": skipped}
