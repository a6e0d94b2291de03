"""Seed the default time limits and rules from domain.md; cities edit them in the admin."""

import datetime

from django.db import migrations

SINCE = datetime.date(2000, 1, 1)

# priority: accept, contact, onsite, onsite_always, resolve_hours, resolve_working_days
DEFAULT_LIMITS = {
    "emergency": ("0.5", "0.5", "1", True, "24", None),
    "urgent": ("1", "1", "12", True, "48", None),
    "normal": ("2", "24", "24", False, None, 5),
}


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("cases", "TimeLimit")
    CaseRules = apps.get_model("cases", "CaseRules")
    for priority, (accept, contact, onsite, always, resolve_h, resolve_d) in DEFAULT_LIMITS.items():
        TimeLimit.objects.get_or_create(
            priority=priority,
            category="",
            effective_from=SINCE,
            defaults=dict(
                accept_hours=accept,
                contact_hours=contact,
                onsite_hours=onsite,
                onsite_always=always,
                resolve_hours=resolve_h,
                resolve_working_days=resolve_d,
                return_working_days=2,
            ),
        )
    if not CaseRules.objects.exists():
        CaseRules.objects.create(
            effective_from=SINCE,
            repeat_window_days=15,
            fake_closure_window_days=7,
            revisit_window_hours=24,
            temperature_standard="18.0",
            whistle_after_hours=24,
            task_force_after_hours=48,
            spot_check_per_company=5,
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
