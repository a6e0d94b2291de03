"""报停/开栓 applications: filed by a resident or by staff, answered by the company within its limit."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS

from ..enums import Applicant, ApplicationKind, ApplicationStatus, RefusalReason


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class HeatApplication(models.Model):
    """One 报停 or 开栓 application for a household and season, and the company's written answer.

    An approved 开栓 opens a work order (``work_order``, its own category clock); heat counts from the day
    that order is resolved (``heat_from``), so a late visit never costs the resident."""

    kind = models.CharField("申请类型", max_length=16, choices=ApplicationKind.choices)
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="heat_applications", verbose_name="住户"
    )
    season = models.ForeignKey(
        "rules.Season", on_delete=models.PROTECT, related_name="+", verbose_name="供暖季"
    )
    applicant = models.CharField("申请方式", max_length=16, choices=Applicant.choices)
    applicant_name = models.CharField("申请人", max_length=50, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=30, blank=True)
    note = models.CharField("申请说明", max_length=500, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="代办人",
    )  # fmt: skip
    applied_at = models.DateTimeField("申请时间", db_index=True)
    answer_due = models.DateTimeField("答复期限", db_index=True)
    status = models.CharField(
        "状态",
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
        db_index=True,
    )
    overdue = models.BooleanField("答复超时", default=False)
    decided_at = models.DateTimeField("答复时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="答复人",
    )  # fmt: skip
    refusal_reason = models.CharField("拒绝理由", max_length=32, choices=RefusalReason.choices, blank=True)
    decision_note = models.CharField("答复说明", max_length=500, blank=True)
    work_order = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="开栓工单",
    )
    heat_from = models.DateField("恢复供热日期", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "报停开栓申请"
        ordering = ["-applied_at", "-id"]
        constraints = [
            # One open application of a kind per household and season: a double click files one.
            models.UniqueConstraint(
                fields=["household", "season", "kind"],
                condition=Q(status="pending"),
                name="uniq_pending_application",
            )
        ]
        indexes = [models.Index(fields=["season", "kind", "status"], name="application_season_kind")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.get_kind_display()} {self.get_status_display()}"
