"""domain.md's default rules as rows. The data migrations seed them; a test database flushed by a
transactional test can be seeded again with ``seed_defaults(TimeLimit, CaseRules)``."""

import datetime

SINCE = datetime.date(2000, 1, 1)

# priority: accept h, contact h, onsite h, onsite always, resolve h, resolve working days, extension days
DEFAULT_LIMITS = {
    "emergency": ("0.5", "0.5", "1", True, "24", None, None),
    "urgent": ("1", "1", "12", True, "48", None, None),
    "normal": ("2", "24", "24", False, None, 5, 5),
}
DEFAULT_RULES = dict(
    repeat_window_days=15,
    fake_closure_window_days=7,
    revisit_window_hours=24,
    measurement_hours=24,
    temperature_standard="18.0",
    whistle_after_hours=24,
    task_force_after_hours=48,
    spot_check_per_company=5,
)


def seed_defaults(
    TimeLimit,
    CaseRules,
    *,
    with_extension: bool = True,
    with_outage: bool = True,
    with_measurement: bool = True,
) -> None:  # noqa: N803 - model classes
    """Create the default rows that are missing (historical models from a migration, or the real ones)."""
    for priority, (accept, contact, onsite, always, hours, days, extension) in DEFAULT_LIMITS.items():
        defaults = dict(
            accept_hours=accept, contact_hours=contact, onsite_hours=onsite, onsite_always=always,
            resolve_hours=hours, resolve_working_days=days, return_working_days=2,
        )  # fmt: skip
        if with_extension:
            defaults["resolve_extension_working_days"] = extension
        TimeLimit.objects.get_or_create(
            priority=priority, category="", effective_from=SINCE, defaults=defaults
        )
    if not CaseRules.objects.exists():
        rules = dict(DEFAULT_RULES)
        if with_outage:
            rules.update(outage_min_cases=3, outage_window_minutes=60)
        if not with_measurement:  # a migration before the field existed (0006)
            rules.pop("measurement_hours")
        CaseRules.objects.create(effective_from=SINCE, **rules)
