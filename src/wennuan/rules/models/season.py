from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q


class SeasonQuerySet(models.QuerySet):
    def covering(self, day: date):
        """Seasons heating on ``day``: from the early start (else the start) to the extension (else the end)."""
        return self.filter(
            Q(early_start_on__lte=day) | Q(early_start_on__isnull=True, starts_on__lte=day),
            Q(extended_to__gte=day) | Q(extended_to__isnull=True, ends_on__gte=day),
        )


class Season(models.Model):
    """A city's heating season (供暖季), e.g. 兰州 2025-2026: 11-01 → 03-31.

    ``starts_on``/``ends_on`` are the legal season (what a fee pays for, what refunds divide by);
    ``early_start_on`` and ``extended_to`` record a city's decision to heat earlier or longer that year."""

    city = models.ForeignKey(
        "registry.City", on_delete=models.CASCADE, related_name="seasons", verbose_name="城市"
    )
    name = models.CharField("供暖季", max_length=20, help_text="如 2025-2026")
    starts_on = models.DateField("法定开始日期")
    ends_on = models.DateField("法定结束日期")
    early_start_on = models.DateField("提前供暖日期", null=True, blank=True)
    extended_to = models.DateField("延长供暖至", null=True, blank=True)

    objects = SeasonQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "供暖季"
        ordering = ["city_id", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["city", "name"], name="uniq_season_name"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="season_ends_after_start"),
            models.CheckConstraint(
                condition=Q(early_start_on__isnull=True) | Q(early_start_on__lt=F("starts_on")),
                name="season_early_start_before_start",
            ),
            models.CheckConstraint(
                condition=Q(extended_to__isnull=True) | Q(extended_to__gt=F("ends_on")),
                name="season_extension_after_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.name}"

    @property
    def first_day(self) -> date:
        return self.early_start_on or self.starts_on

    @property
    def last_day(self) -> date:
        return self.extended_to or self.ends_on

    @property
    def legal_days(self) -> int:
        """Days of the legal season, both ends included (a season fee ÷ these = the daily fee)."""
        return (self.ends_on - self.starts_on).days + 1

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on:
            if self.ends_on <= self.starts_on:
                errors["ends_on"] = "结束日期须晚于开始日期"
            elif (self.ends_on - self.starts_on).days > 366:
                errors["ends_on"] = "一个供暖季不能超过一年"
        if self.early_start_on and self.starts_on and self.early_start_on >= self.starts_on:
            errors["early_start_on"] = "提前供暖日期须早于法定开始日期"
        if self.extended_to and self.ends_on and self.extended_to <= self.ends_on:
            errors["extended_to"] = "延长供暖日期须晚于法定结束日期"
        if errors:
            raise ValidationError(errors)
        if self.city_id and self.starts_on and self.ends_on:
            others = Season.objects.filter(city_id=self.city_id).exclude(pk=self.pk)
            clash = others.filter(
                Q(early_start_on__lte=self.last_day)
                | Q(early_start_on__isnull=True, starts_on__lte=self.last_day),
                Q(extended_to__gte=self.first_day) | Q(extended_to__isnull=True, ends_on__gte=self.first_day),
            ).first()
            if clash is not None:
                raise ValidationError(f"与供暖季 {clash.name} 的日期重叠")
