"""The indoor standard is the city's rule (rules.IndoorStandard), not a campaign's copy. A campaign that had
set a standard other than the city's keeps it as the city's standard for the campaign's dates."""

from decimal import Decimal

from django.db import migrations

DEFAULT_STANDARD = Decimal("18.0")


def keep_own_standards(apps, schema_editor):
    IndoorStandard = apps.get_model("rules", "IndoorStandard")
    for campaign in apps.get_model("visits", "Campaign").objects.exclude(indoor_standard=DEFAULT_STANDARD):
        IndoorStandard.objects.create(
            city_id=campaign.city_id, room_type="main", celsius=campaign.indoor_standard,
            effective_from=campaign.starts_on, effective_to=campaign.ends_on, basis=f"原走访活动：{campaign.name}"[:100],
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_resurvey"), ("rules", "0004_move_case_rules")]
    operations = [
        migrations.RunPython(keep_own_standards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="campaign", name="indoor_standard"),
    ]
