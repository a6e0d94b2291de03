"""Seeded the default time limits and rules as global rows. Those rules are now each city's rows in the
``rules`` app (rules.0004 moves the rows of databases that had them; rules.seed seeds every new city), so
a database migrated today has nothing to seed here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
