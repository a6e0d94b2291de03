"""Summary tables: what each case was last counted as (CaseFact), the sums per scope and period (Tally,
ReadingTally), households and heated area per scope (Footprint), the fold's watermark, and each city's
composite-score weights (a dated rule)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from . import counters
from .levels import Grain, Level


class CaseFact(models.Model):
    """One case as the tallies last counted it: where it is filed and what it adds. The fold compares a
    case with its fact and moves only the difference into the tallies, so no figure rescans the season."""

    case_id = models.BigIntegerField("工单", primary_key=True)
    city = models.IntegerField(default=0)
    district = models.IntegerField(default=0)
    street = models.IntegerField(default=0)
    community = models.IntegerField(default=0)
    grid = models.IntegerField(default=0)
    company = models.IntegerField(default=0)
    station = models.IntegerField(default=0)
    estate = models.IntegerField(default=0)
    category = models.CharField(max_length=32)
    received_on = models.DateField()
    received_week = models.DateField()
    received_month = models.DateField()
    resolved_on = models.DateField(null=True)
    resolved_week = models.DateField(null=True)
    resolved_month = models.DateField(null=True)
    closed_on = models.DateField(null=True)
    closed_week = models.DateField(null=True)
    closed_month = models.DateField(null=True)

    class Meta:
        verbose_name = verbose_name_plural = "工单计数"

    def __str__(self) -> str:
        return f"工单{self.case_id}"


counters.add_counter_fields(CaseFact)


class Tally(models.Model):
    """The counters summed over the cases of one scope (level, ref) and one period, per category
    (category "*" = all categories, so a ranking reads one row per scope and period)."""

    level = models.CharField(max_length=12, choices=Level.choices)
    ref = models.IntegerField()  # the scope's id (0: a city not known, for cases placed nowhere)
    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()  # the period's first day
    category = models.CharField(max_length=32)

    class Meta:
        verbose_name = verbose_name_plural = "汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["level", "ref", "grain", "period", "category"], name="uniq_tally_cell"
            )
        ]
        indexes = [models.Index(fields=["level", "grain", "category", "period"], name="tally_level_period")]

    def __str__(self) -> str:
        return f"{self.level}:{self.ref} {self.grain}{self.period} {self.category}"


counters.add_counter_fields(Tally)


class ReadingSource(models.TextChoices):
    VISIT = "visit", "走访测温"
    REVISIT = "revisit", "回访测温"
    DISPUTE = "dispute", "争议测温"
    FIRST_VISIT = "first_visit", "首次入户"  # households first visited in the season (readings = households)


class ReadingTally(models.Model):
    """Room-temperature readings of one scope and period by source, and how many were at standard."""

    level = models.CharField(max_length=12, choices=Level.choices)
    ref = models.IntegerField()
    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()
    source = models.CharField(max_length=12, choices=ReadingSource.choices)
    readings = models.BigIntegerField(default=0)
    at_standard = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "测温汇总"
        constraints = [
            models.UniqueConstraint(
                fields=["level", "ref", "grain", "period", "source"], name="uniq_reading_tally_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.level}:{self.ref} {self.grain}{self.period} {self.source}"


class Footprint(models.Model):
    """Households and heated area of one scope (the denominators of 每百户投诉 and 有效投诉率)."""

    level = models.CharField(max_length=12, choices=Level.choices)
    ref = models.IntegerField()
    households = models.BigIntegerField(default=0)
    area = models.DecimalField(max_digits=16, decimal_places=2, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "ref"], name="uniq_footprint")]

    def __str__(self) -> str:
        return f"{self.level}:{self.ref}"


class FoldState(models.Model):
    """The fold's place: the last case event it has seen, when it ran, and the registry it counted."""

    event_id = models.BigIntegerField(default=0)
    ran_at = models.DateTimeField(null=True)
    reading_marks = models.JSONField(default=dict)  # {source: last id seen}
    registry_mark = models.CharField(max_length=80, blank=True)

    def __str__(self) -> str:
        return f"汇总进度 {self.event_id}"


class ScoreRule(models.Model):
    """A city's weights for the composite score (综合评分), dated like every city rule: the newest row in
    force on the range's last day wins. Weights are per KPI key; a KPI without a value is left out."""

    city = models.ForeignKey("registry.City", on_delete=models.CASCADE, verbose_name="城市")
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    weights = models.JSONField("权重", help_text='如 {"completion_rate": 20, "satisfaction_rate": 25}')
    basis = models.CharField("依据", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "综合评分权重"
        ordering = ["city_id", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="score_rule_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.city} 评分权重 {self.effective_from}"

    def clean(self):
        super().clean()
        from .kpi_registry import known_keys

        if not isinstance(self.weights, dict) or not self.weights:
            raise ValidationError({"weights": "权重须为 {指标: 权重} 形式"})
        known = known_keys()
        for key, weight in self.weights.items():
            if key not in known:
                raise ValidationError({"weights": f"未知指标 {key}"})
            if not isinstance(weight, (int, float)) or not 0 <= weight <= 100:
                raise ValidationError({"weights": f"{key} 的权重须在 0…100"})
