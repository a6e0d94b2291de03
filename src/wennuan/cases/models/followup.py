"""What happens around a case after it is handled: revisits, supervision orders, weekly spot checks."""

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet

from ..enums import Satisfaction
from .case import CASE_SCOPE_PATHS, Case


def _via_case(paths: dict) -> dict:
    return {kind: f"case__{path}" for kind, path in paths.items()}


class Revisit(models.Model):
    """A call-back or visit after resolution (回访): the resident's answer and, for heat, a reading."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisits", verbose_name="工单")
    at = models.DateTimeField("回访时间", db_index=True)  # the field tallies recount by day
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="回访人"
    )
    satisfaction = models.CharField("满意度", max_length=16, choices=Satisfaction.choices)
    temperature = models.DecimalField("实测室温(℃)", max_digits=4, decimal_places=1, null=True, blank=True)
    below_standard = models.BooleanField("室温不达标", default=False)
    photo = models.CharField("照片", max_length=300, blank=True)
    note = models.TextField("说明", blank=True)
    # Decided when recorded: within the revisit window, answered, with a reading for heating categories.
    effective = models.BooleanField("有效回访", default=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _via_case(CASE_SCOPE_PATHS)

    class Meta:
        verbose_name = verbose_name_plural = "回访"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"回访 {self.case_id} {self.get_satisfaction_display()}"


class SupervisionOrder(models.Model):
    """督办: a supervisor's order on a case with its own deadline."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="supervision_orders", verbose_name="工单"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="督办人"
    )
    issued_at = models.DateTimeField("督办时间")
    due_at = models.DateTimeField("督办期限", db_index=True)
    instruction = models.TextField("督办要求")
    done_at = models.DateTimeField("完成时间", null=True, blank=True)
    done_note = models.TextField("完成说明", blank=True)
    is_overdue = models.BooleanField("督办超期", default=False)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _via_case(CASE_SCOPE_PATHS)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ["due_at", "id"]

    def __str__(self) -> str:
        return f"督办 {self.case_id} 限 {self.due_at:%m-%d %H:%M}"


class SpotCheck(models.Model):
    """One case drawn in the weekly random spot check (每周随机抽核) and what the checker found."""

    week_start = models.DateField("抽核周（周一）", db_index=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="spot_checks", verbose_name="工单")
    company = models.ForeignKey(
        "registry.Company", on_delete=models.PROTECT, related_name="+", verbose_name="供热企业"
    )
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="抽核员"
    )
    seed = models.CharField("抽样种子", max_length=64)
    checked_at = models.DateTimeField("核查时间", null=True, blank=True)
    passed = models.BooleanField("合格", null=True)
    finding = models.TextField("核查发现", blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _via_case(CASE_SCOPE_PATHS)

    class Meta:
        verbose_name = verbose_name_plural = "抽核"
        ordering = ["week_start", "company_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["week_start", "case"], name="uniq_spotcheck_week_case")
        ]

    def __str__(self) -> str:
        return f"抽核 {self.week_start} 工单{self.case_id}"


class ResidentRating(models.Model):
    """The resident's own rating of a case after 办结, given on the self-service page. Where no revisit got
    an answer from the resident, it stands in for the revisit's satisfaction in the 满意率 KPI
    (``cases.kpis``); it never makes a revisit effective (no one from the unit called or came)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="resident_rating", verbose_name="工单"
    )
    at = models.DateTimeField("评价时间")
    satisfaction = models.CharField("满意度", max_length=16, choices=Satisfaction.choices)
    comment = models.TextField("评价内容", blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _via_case(CASE_SCOPE_PATHS)

    class Meta:
        verbose_name = verbose_name_plural = "群众评价"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"评价 {self.case_id} {self.get_satisfaction_display()}"
