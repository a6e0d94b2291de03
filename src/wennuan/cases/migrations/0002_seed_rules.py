"""Seed the default time limits and rules from domain.md; cities edit them in the admin."""

from django.db import migrations

from wennuan.cases.defaults import seed_defaults


def seed(apps, schema_editor):
    # The fields added by later migrations do not exist yet at this point of history.
    seed_defaults(
        apps.get_model("cases", "TimeLimit"),
        apps.get_model("cases", "CaseRules"),
        with_extension=False,
        with_outage=False,
        with_measurement=False,
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
