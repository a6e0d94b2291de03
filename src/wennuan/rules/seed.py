"""domain.md's defaults written as a city's rows: used by the data migrations (historical models), by the
signal that seeds every new city, and so by the demo and the tests' factories.

Each function is idempotent: a kind of rule the city already has rows of (any date) is left as it is.
``apps`` is a migration's app registry when called from one."""

from datetime import date

from django.apps import apps as global_apps
from django.utils import timezone

from . import defaults
from .enums import RoomType


def seed_city(city_id: int, *, apps=global_apps, today: date | None = None) -> None:
    """Every default a city lacks (the calendar has none: Monday to Friday work)."""
    seed_standard_and_season(city_id, apps=apps, today=today)
    seed_case_rules(city_id, apps=apps)


def seed_standard_and_season(city_id: int, *, apps=global_apps, today: date | None = None) -> None:
    """The indoor standard, and the season current or next on ``today``."""
    IndoorStandard = apps.get_model("rules", "IndoorStandard")  # noqa: N806 - model class
    Season = apps.get_model("rules", "Season")  # noqa: N806
    if not IndoorStandard.objects.filter(city_id=city_id).exists():
        IndoorStandard.objects.create(
            city_id=city_id,
            room_type=RoomType.MAIN,
            celsius=defaults.INDOOR_STANDARD,
            basis="GB/T 33833-2017 §5.1",
            effective_from=defaults.SINCE,
        )
    if not Season.objects.filter(city_id=city_id).exists():
        name, start, end = defaults.season_dates(defaults.season_year(today or timezone.localdate()))
        Season.objects.create(city_id=city_id, name=name, starts_on=start, ends_on=end)


def seed_case_rules(city_id: int, *, apps=global_apps) -> None:
    """The default time limits (one row per priority) and case rules."""
    TimeLimit = apps.get_model("rules", "TimeLimit")  # noqa: N806 - model class
    CaseRules = apps.get_model("rules", "CaseRules")  # noqa: N806
    if not TimeLimit.objects.filter(city_id=city_id).exists():
        TimeLimit.objects.bulk_create(
            TimeLimit(city_id=city_id, **defaults.time_limit_fields(p)) for p in defaults.TIME_LIMITS
        )
    if not CaseRules.objects.filter(city_id=city_id).exists():
        # only the fields the model has at this point of the migrations (a migration seeds an older one)
        known = {f.name for f in CaseRules._meta.get_fields()}
        fields = {k: v for k, v in defaults.CASE_RULES.items() if k in known}
        CaseRules.objects.create(city_id=city_id, effective_from=defaults.SINCE, **fields)


def seed_new_city(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of registry.City: a new city gets the defaults (not when loading fixtures)."""
    if created and not raw:
        seed_city(instance.pk)
