"""domain.md's defaults written as a city's rows: used by the data migrations (historical models), by the
signal that seeds every new city, and so by the demo and the tests' factories."""

from datetime import date

from django.apps import apps as global_apps
from django.utils import timezone

from . import defaults
from .enums import RoomType


def seed_city(city_id: int, *, apps=global_apps, today: date | None = None) -> None:
    """Create the rows a city lacks: the indoor standard, and the season current or next on ``today``.

    Idempotent; rows the city already has (any date) are left as they are. ``apps`` is a migration's app
    registry when called from one."""
    IndoorStandard = apps.get_model("rules", "IndoorStandard")  # noqa: N806 - model class
    Season = apps.get_model("rules", "Season")  # noqa: N806
    today = today or timezone.localdate()
    if not IndoorStandard.objects.filter(city_id=city_id).exists():
        IndoorStandard.objects.create(
            city_id=city_id,
            room_type=RoomType.MAIN,
            celsius=defaults.INDOOR_STANDARD,
            basis="GB/T 33833-2017 §5.1",
            effective_from=defaults.SINCE,
        )
    if not Season.objects.filter(city_id=city_id).exists():
        name, start, end = defaults.season_dates(defaults.season_year(today))
        Season.objects.create(city_id=city_id, name=name, starts_on=start, ends_on=end)


def seed_new_city(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of registry.City: a new city gets the defaults (not when loading fixtures)."""
    if created and not raw:
        seed_city(instance.pk)
