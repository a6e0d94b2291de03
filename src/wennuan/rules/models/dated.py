"""What every dated rule shares: the city it belongs to and the days it is in force."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from .. import rulebook


class RulesQuerySet(models.QuerySet):
    """Bulk writes to the rules drop the in-memory copy (rules.rulebook); single saves do it by signal."""

    def update(self, **kwargs):
        rulebook.forget_after_commit()
        return super().update(**kwargs)

    def delete(self):
        rulebook.forget_after_commit()
        return super().delete()

    def bulk_create(self, *args, **kwargs):
        rulebook.forget_after_commit()
        return super().bulk_create(*args, **kwargs)

    def bulk_update(self, *args, **kwargs):
        rulebook.forget_after_commit()
        return super().bulk_update(*args, **kwargs)


class DatedQuerySet(RulesQuerySet):
    def effective_on(self, day: date):
        return self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day), effective_from__lte=day)


class DatedRule(models.Model):
    """A rule of one city in force from ``effective_from`` to ``effective_to`` (inclusive; open when blank).

    Rows may overlap: a city changes a rule by adding a row from the day it changes, and the newest
    ``effective_from`` in force wins, so the old row needs no closing and history stays readable."""

    city = models.ForeignKey("registry.City", on_delete=models.CASCADE, verbose_name="城市")
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True, help_text="空=长期有效")

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def dated_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")), name=name
        )

    def clean(self):
        super().clean()
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "失效日期不能早于生效日期"})
