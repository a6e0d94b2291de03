"""The full-text index, per engine (kb.search.schema_sql): an FTS5 table kept by triggers on SQLite, a
generated tsvector column with a GIN index on PostgreSQL. Other engines search nothing."""

from django.db import migrations


def create(apps, schema_editor):
    from wennuan.kb.search import schema_sql

    for sql in schema_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    from wennuan.kb.search import schema_sql

    for sql in schema_sql(schema_editor.connection.vendor, drop=True):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("kb", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
