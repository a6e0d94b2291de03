"""Refit nightly: the first sweep of each local day refits every city, once (a RefitDay row says it ran,
fitted or found the history too short, so later sweeps that day neither refit nor ask the weather
service again)."""

from django.utils import timezone

from wennuan.core.periodic import register
from wennuan.registry.models import City

from . import services
from .models import RefitDay


@register("surge.nightly_refit")
def nightly_refit() -> dict:
    today = timezone.localdate()
    fitted = skipped = 0
    for city in City.objects.exclude(refit_days__day=today):
        _, fit = services.refresh(city=city)
        RefitDay.objects.get_or_create(city=city, day=today)
        fitted, skipped = fitted + (fit is not None), skipped + (fit is None)
    return {"fitted": fitted, "too_short": skipped}
