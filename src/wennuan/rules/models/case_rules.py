"""The rules a city's work orders run by: time limits, windows and thresholds, the working calendar.

Seeded from domain.md's defaults (``rules.seed``), edited in the admin, read through ``rules.selectors``
(which serves them from the in-memory ``rules.rulebook``)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from wennuan.core.categories import Category, Priority

from .dated import DatedRule, RulesQuerySet

HOURS = [MinValueValidator(0), MaxValueValidator(24 * 60)]  # a limit longer than 60 days is a typo


class TimeLimit(DatedRule):
    """Hours a unit has for each step of a case of a priority (optionally only for one category).

    A row with a category beats the row for the priority alone. ``resolve_working_days``, when set, replaces
    ``resolve_hours`` (normal cases: 5 working days)."""

    priority = models.CharField("优先级", max_length=16, choices=Priority.choices)
    category = models.CharField(
        "类别（空=该优先级全部）", max_length=32, choices=Category.choices, blank=True, default=""
    )
    accept_hours = models.DecimalField("签收时限(小时)", max_digits=6, decimal_places=2, validators=HOURS)
    contact_hours = models.DecimalField(
        "联系群众时限(小时)", max_digits=6, decimal_places=2, validators=HOURS
    )
    onsite_hours = models.DecimalField(
        "到场时限(小时)", max_digits=6, decimal_places=2, null=True, blank=True, validators=HOURS
    )
    onsite_always = models.BooleanField(
        "总需到场", default=True, help_text="不勾选时仅供热类诉求（需要上门测温）计算到场时限"
    )
    resolve_hours = models.DecimalField(
        "办结时限(小时)", max_digits=6, decimal_places=2, null=True, blank=True, validators=HOURS
    )
    resolve_working_days = models.PositiveSmallIntegerField(
        "办结时限(工作日)", null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    return_working_days = models.PositiveSmallIntegerField(
        "退回时限(工作日)", default=2, validators=[MaxValueValidator(30)]
    )
    resolve_extension_working_days = models.PositiveSmallIntegerField(
        "可延期(工作日)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(60)],
        help_text="经批准可延长办结时限一次；空=不可延期",
    )

    class Meta:
        verbose_name = verbose_name_plural = "办理时限"
        ordering = ["city_id", "priority", "category", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolve_hours__isnull=False) | Q(resolve_working_days__isnull=False),
                name="rules_timelimit_has_resolve_limit",
            ),
            DatedRule.dated_constraint("timelimit_dates_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.get_priority_display()} {self.get_category_display() or '全部类别'}"


class CaseRules(DatedRule):
    """The city's windows and thresholds for honesty checks, revisits and escalation."""

    repeat_window_days = models.PositiveSmallIntegerField("重复投诉认定期(天)", default=15)
    fake_closure_window_days = models.PositiveSmallIntegerField("假办结认定期(天)", default=7)
    revisit_window_hours = models.PositiveSmallIntegerField("回访时限(小时)", default=24)
    measurement_hours = models.PositiveSmallIntegerField(
        "测温时限(小时)", default=24, help_text="群众申请测温后，派单起多少小时内须上门测温"
    )
    whistle_after_hours = models.PositiveSmallIntegerField(
        "超时多久后吹哨(小时)", default=24, help_text="超时即升级至企业主管；再过此时长升级为网格吹哨"
    )
    task_force_after_hours = models.PositiveSmallIntegerField("超时多久后转专班(小时)", default=48)
    spot_check_per_company = models.PositiveSmallIntegerField("每周每企业抽核件数", default=5)
    outage_min_cases = models.PositiveSmallIntegerField(
        "疑似停热：同楼/同站最少未办结来电数", default=3, help_text="时间窗内仍未办结的诉求才计入"
    )
    outage_window_minutes = models.PositiveSmallIntegerField("疑似停热：时间窗(分钟)", default=60)
    outage_households_per_case = models.PositiveIntegerField(
        "疑似停热：换热站每多少户计1件",
        default=200,
        help_text="换热站的门槛随供热户数增加：取“最少来电数”与“供热户数÷此数（向上取整）”中较大者；0为不按户数放大",
    )

    class Meta:
        verbose_name = verbose_name_plural = "工单规则"
        ordering = ["city_id", "-effective_from"]
        constraints = [DatedRule.dated_constraint("caserules_dates_in_order")]

    def __str__(self) -> str:
        return f"{self.city} 工单规则（{self.effective_from} 起）"


class CalendarDay(models.Model):
    """An exception to Monday–Friday working days in a city: a holiday, or a weekend made a working day (调休)."""

    city = models.ForeignKey("registry.City", on_delete=models.CASCADE, verbose_name="城市")
    date = models.DateField("日期")
    is_working = models.BooleanField("是否工作日")
    note = models.CharField("说明", max_length=50, blank=True)

    objects = RulesQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "工作日历"
        ordering = ["city_id", "date"]
        constraints = [models.UniqueConstraint(fields=["city", "date"], name="uniq_calendar_day")]

    def __str__(self) -> str:
        return f"{self.city} {self.date} {'上班' if self.is_working else '休息'}"
