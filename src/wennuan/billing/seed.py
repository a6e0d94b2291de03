"""domain.md's defaults for a city's billing rules: the ``default`` refund preset and the default method.

Used by the data migration (existing cities), the signal (new cities), the demo and the tests. Idempotent:
a kind of rule the city already has rows of is left as it is. No tariff is seeded: prices are local."""

from datetime import date

from django.apps import apps as global_apps

from .refunds.presets import PRESETS

SINCE = date(2000, 1, 1)


def seed_city(city_id: int, *, apps=global_apps) -> None:
    RefundRule = apps.get_model("billing", "RefundRule")
    RefundBand = apps.get_model("billing", "RefundBand")
    MeasurementMethod = apps.get_model("billing", "MeasurementMethod")
    if not RefundRule.objects.filter(city_id=city_id).exists():
        preset = PRESETS["default"]
        rule = RefundRule.objects.create(
            city_id=city_id, effective_from=SINCE, preset=preset.name, basis=preset.basis.value,
            area_rule=preset.area_rule.value, day_counting=preset.day_counting.value,
        )  # fmt: skip
        RefundBand.objects.bulk_create(
            RefundBand(rule_id=rule.pk, low=b.low, high=b.high, low_inclusive=b.low_inclusive,
                       high_inclusive=b.high_inclusive, share=b.share)
            for b in preset.bands
        )  # fmt: skip
    if not MeasurementMethod.objects.filter(city_id=city_id).exists():
        MeasurementMethod.objects.create(city_id=city_id, effective_from=SINCE)


def seed_new_city(sender, instance, created, raw=False, **kwargs) -> None:
    """post_save of registry.City: a new city gets the defaults (not when loading fixtures)."""
    if created and not raw:
        seed_city(instance.pk)
