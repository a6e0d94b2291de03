"""Move the global time limits, case rules and calendar of ``cases`` to the first city (the only one a
database had before rules were per city), and their temperature standard into IndoorStandard.

Other cities (and the first one, when it had no rows) get domain.md's defaults. A database without a city
has nothing to move: its first city gets the defaults when it is created."""

from django.db import migrations

from wennuan.rules.seed import seed_case_rules, seed_standard_and_season

LIMIT_FIELDS = [
    "priority", "category", "accept_hours", "contact_hours", "onsite_hours", "onsite_always", "resolve_hours",
    "resolve_working_days", "return_working_days", "resolve_extension_working_days", "effective_from",
    "effective_to",
]  # fmt: skip
RULE_FIELDS = [
    "repeat_window_days", "fake_closure_window_days", "revisit_window_hours", "measurement_hours", "whistle_after_hours",
    "task_force_after_hours", "spot_check_per_company", "outage_min_cases", "outage_window_minutes",
    "effective_from", "effective_to",
]  # fmt: skip
DEFAULT_STANDARD = 18


def move(apps, schema_editor):
    City = apps.get_model("registry", "City")
    cities = list(City.objects.order_by("pk").values_list("pk", flat=True))
    for city_id in cities:
        seed_standard_and_season(city_id, apps=apps)  # the 18 °C row a kept standard is dated over
    if cities:
        copy_rows(apps, cities[0])
    for city_id in cities:
        seed_case_rules(city_id, apps=apps)


def copy_rows(apps, city_id):
    def model(app, name):
        return apps.get_model(app, name)

    model("rules", "TimeLimit").objects.bulk_create(
        model("rules", "TimeLimit")(city_id=city_id, **{f: getattr(row, f) for f in LIMIT_FIELDS})
        for row in model("cases", "TimeLimit").objects.order_by("pk")
    )
    model("rules", "CalendarDay").objects.bulk_create(
        model("rules", "CalendarDay")(
            city_id=city_id, date=row.date, is_working=row.is_working, note=row.note
        )
        for row in model("cases", "CalendarDay").objects.order_by("pk")
    )
    IndoorStandard = model("rules", "IndoorStandard")
    for row in model("cases", "CaseRules").objects.order_by("pk"):
        model("rules", "CaseRules").objects.create(
            city_id=city_id, **{f: getattr(row, f) for f in RULE_FIELDS}
        )
        if row.temperature_standard != DEFAULT_STANDARD:
            # A city that had set its own standard keeps it, for the same dates.
            IndoorStandard.objects.create(
                city_id=city_id, room_type="main", celsius=row.temperature_standard,
                effective_from=row.effective_from, effective_to=row.effective_to, basis="原工单规则",
            )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("rules", "0003_case_rules"), ("cases", "0006_measurement_clock")]
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
