"""The one read path for a city's hall rules on a day (the newest row in force wins; defaults otherwise)."""

from datetime import date

from .defaults import SUSPENSION_RULE
from .models import SubsidyRule, SuspensionRule


def suspension_rule(*, city_id: int, on: date) -> SuspensionRule:
    """The city's 报停/开栓 rule on ``on``; domain.md's defaults (unsaved) when it has none in force."""
    row = (
        SuspensionRule.objects.filter(city_id=city_id)
        .effective_on(on)
        .order_by("-effective_from", "-id")
        .first()
    )
    return row or SuspensionRule(city_id=city_id, effective_from=on, **SUSPENSION_RULE)


def subsidy_rules(*, city_id: int, on: date) -> dict[str, SubsidyRule]:
    """{group: the newest rule in force on ``on``} for the city (groups without a rule are absent)."""
    rules: dict[str, SubsidyRule] = {}
    for row in (
        SubsidyRule.objects.filter(city_id=city_id)
        .effective_on(on)
        .order_by("group", "-effective_from", "-id")
    ):
        rules.setdefault(row.group, row)
    return rules
