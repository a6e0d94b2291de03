"""Rules a city changes: time limits, windows, the temperature standard, its working calendar.

Each is a row with ``effective_from``/``effective_to`` (seeded from domain.md's defaults by a data migration,
edited in the admin), looked up for the moment a case needs it; nothing in code repeats these numbers.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wennuan.core.categories import Category, Priority

from .. import rulebook


class RulesQuerySet(models.QuerySet):
    """Bulk writes to the rules drop the in-memory copy (cases.rulebook); single saves do it by signal."""

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


class EffectiveQuerySet(RulesQuerySet):
    def effective_on(self, day: date):
        return self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day), effective_from__lte=day)


class TimeLimit(models.Model):
    """Hours a unit has for each step of a case of a priority (optionally only for one category).

    A row with a category beats the row for the priority alone. ``resolve_working_days``, when set, replaces
    ``resolve_hours`` (normal cases: 5 working days)."""

    priority = models.CharField("优先级", max_length=16, choices=Priority.choices)
    category = models.CharField(
        "类别（空=该优先级全部）", max_length=32, choices=Category.choices, blank=True, default=""
    )
    accept_hours = models.DecimalField("签收时限(小时)", max_digits=6, decimal_places=2)
    contact_hours = models.DecimalField("联系群众时限(小时)", max_digits=6, decimal_places=2)
    onsite_hours = models.DecimalField(
        "到场时限(小时)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    onsite_always = models.BooleanField(
        "总需到场", default=True, help_text="不勾选时仅供热类诉求（需要上门测温）计算到场时限"
    )
    resolve_hours = models.DecimalField(
        "办结时限(小时)", max_digits=6, decimal_places=2, null=True, blank=True
    )
    resolve_working_days = models.PositiveSmallIntegerField("办结时限(工作日)", null=True, blank=True)
    return_working_days = models.PositiveSmallIntegerField("退回时限(工作日)", default=2)
    resolve_extension_working_days = models.PositiveSmallIntegerField(
        "可延期(工作日)", null=True, blank=True, help_text="经批准可延长办结时限一次；空=不可延期"
    )
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "办理时限"
        ordering = ["priority", "category", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_hours__isnull=False) | Q(resolve_working_days__isnull=False),
                name="timelimit_has_resolve_limit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_priority_display()} {self.get_category_display() or '全部类别'}"


class CaseRules(models.Model):
    """The city's windows and thresholds for honesty checks, revisits and escalation."""

    repeat_window_days = models.PositiveSmallIntegerField("重复投诉认定期(天)", default=15)
    fake_closure_window_days = models.PositiveSmallIntegerField("假办结认定期(天)", default=7)
    revisit_window_hours = models.PositiveSmallIntegerField("回访时限(小时)", default=24)
    measurement_hours = models.PositiveSmallIntegerField(
        "测温时限(小时)", default=24, help_text="群众申请测温后，派单起多少小时内须上门测温"
    )
    temperature_standard = models.DecimalField("室温标准(℃)", max_digits=4, decimal_places=1, default=18)
    whistle_after_hours = models.PositiveSmallIntegerField(
        "超时多久后吹哨(小时)", default=24, help_text="超时即升级至企业主管；再过此时长升级为网格吹哨"
    )
    task_force_after_hours = models.PositiveSmallIntegerField("超时多久后转专班(小时)", default=48)
    spot_check_per_company = models.PositiveSmallIntegerField("每周每企业抽核件数", default=5)
    outage_min_cases = models.PositiveSmallIntegerField("疑似停热：同楼/同站最少来电数", default=3)
    outage_window_minutes = models.PositiveSmallIntegerField("疑似停热：时间窗(分钟)", default=60)
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工单规则"
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"工单规则（{self.effective_from} 起）"


class CalendarDay(models.Model):
    """An exception to Monday–Friday working days: a holiday, or a weekend made a working day (调休)."""

    date = models.DateField("日期", unique=True)
    is_working = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=50, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工作日历"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_working else '休息'}"


@receiver([post_save, post_delete], sender=TimeLimit)
@receiver([post_save, post_delete], sender=CaseRules)
@receiver([post_save, post_delete], sender=CalendarDay)
def _rules_changed(**kwargs):
    rulebook.forget_after_commit()
