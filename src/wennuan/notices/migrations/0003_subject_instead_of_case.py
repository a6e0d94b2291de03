# Notices stop pointing at cases (the layers: notices sits below cases): the case becomes the subject
# string "case:<id>" the cases app writes, and one unique constraint replaces the two.

from django.conf import settings
from django.db import migrations, models


def case_to_subject(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    for case_id in Notice.objects.exclude(case_id=None).values_list("case_id", flat=True).distinct():
        Notice.objects.filter(case_id=case_id).update(subject=f"case:{case_id}")


def subject_to_case(apps, schema_editor):
    Notice = apps.get_model("notices", "Notice")
    for subject in (
        Notice.objects.filter(subject__startswith="case:").values_list("subject", flat=True).distinct()
    ):
        Notice.objects.filter(subject=subject).update(case_id=int(subject.split(":", 1)[1]))


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0002_alter_notice_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="subject",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="关于"),
        ),
        migrations.RunPython(case_to_subject, subject_to_case),
        migrations.RemoveConstraint(model_name="notice", name="uniq_notice_per_case"),
        migrations.RemoveConstraint(model_name="notice", name="uniq_notice_without_case"),
        migrations.RemoveField(model_name="notice", name="case"),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                fields=("recipient", "kind", "subject", "key"), name="uniq_notice"
            ),
        ),
    ]
