"""Every city already in the database gets domain.md's defaults (new cities get them by signal)."""

from django.db import migrations

from wennuan.rules.seed import seed_standard_and_season


def seed(apps, schema_editor):
    for city_id in apps.get_model("registry", "City").objects.values_list("pk", flat=True):
        seed_standard_and_season(city_id, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial"), ("registry", "0002_household_phone_name_indexes")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
