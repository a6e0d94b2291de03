"""Loading a preset (domain.md's band table) as a city's refund rule from a day on."""

from datetime import date

from django.db import transaction

from wennuan.core import audit
from wennuan.core.errors import DomainError

from ..models import RefundBand, RefundRule
from ..refunds.presets import PRESETS


@transaction.atomic
def load_preset(*, city, name: str, effective_from: date, by=None, deadline_months: int = 2) -> RefundRule:
    """A new refund rule for ``city`` from ``effective_from``, copied from the preset ``name``.

    The preset's indoor standard is not copied: the city's standard is the rules app's (a city adopting
    Heilongjiang's 20 °C sets it there)."""
    if name not in PRESETS:
        raise DomainError(f"未知的城市规则「{name}」，可选：{'、'.join(PRESETS)}")
    preset = PRESETS[name]
    rule = RefundRule(
        city=city, effective_from=effective_from, preset=name, basis=preset.basis, area_rule=preset.area_rule,
        day_counting=preset.day_counting, waiver_hours=int(preset.waiver_hours),
        refusal_deems_noncompliant=preset.refusal_deems_noncompliant, excludes_base_fee=preset.base_fee_share > 0,
        outage_min_hours=int(preset.outage_min_hours), deadline_months=deadline_months,
    )  # fmt: skip
    rule.full_clean()
    rule.save()
    RefundBand.objects.bulk_create(
        RefundBand(rule=rule, low=b.low, high=b.high, low_inclusive=b.low_inclusive,
                   high_inclusive=b.high_inclusive, share=b.share)
        for b in preset.bands
    )  # fmt: skip
    audit.record(
        actor=by, action="billing.preset_loaded", obj=rule, summary=f"{city} 载入退费规则预设 {name}"
    )
    return rule
