from django.db import migrations


def seed(apps, schema_editor):
    from wennuan.hall.seed import seed_city

    for city_id in apps.get_model("registry", "City").objects.values_list("pk", flat=True):
        seed_city(city_id, apps=apps)


class Migration(migrations.Migration):
    dependencies = [("hall", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
