"""A city's hall rules from domain.md's defaults: the 报停 window and answer limit, the 开栓 visit's clock.

Used by the data migration (existing cities), the signal (new cities), the demo and the tests. Idempotent:
a rule the city already has rows of is left as it is. Subsidy policies are local: none is seeded."""

from django.apps import apps as global_apps

from . import defaults


def seed_city(city_id: int, *, apps=global_apps) -> None:
    SuspensionRule = apps.get_model("hall", "SuspensionRule")  # noqa: N806 - model class
    TimeLimit = apps.get_model("rules", "TimeLimit")  # noqa: N806
    if not SuspensionRule.objects.filter(city_id=city_id).exists():
        SuspensionRule.objects.create(
            city_id=city_id, effective_from=defaults.SINCE, **defaults.SUSPENSION_RULE
        )
    limit = defaults.RESUME_VISIT_LIMIT
    if not TimeLimit.objects.filter(city_id=city_id, category=limit["category"]).exists():
        TimeLimit.objects.create(city_id=city_id, **limit)


def seed_new_city(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of registry.City: a new city gets the defaults (not when loading fixtures)."""
    if created and not raw:
        seed_city(instance.pk)
