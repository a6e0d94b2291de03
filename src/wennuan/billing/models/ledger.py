"""The refund ledger (退费台账): one row per household and season, and estate-wide negotiated reductions."""

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS, HousingQuerySet

from ..enums import ReductionStatus, RefundStatus


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class RefundEntry(models.Model):
    """A household's refund for a season, as the engine last computed it, and what became of it."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="refunds", verbose_name="住户"
    )
    season = models.ForeignKey(
        "rules.Season", on_delete=models.PROTECT, related_name="+", verbose_name="供暖季"
    )
    company = models.ForeignKey(
        "registry.Company", on_delete=models.PROTECT, related_name="refunds", verbose_name="供热企业"
    )
    days = models.PositiveIntegerField("退费天数", default=0)
    amount = models.DecimalField("退费金额(元)", max_digits=10, decimal_places=2, default=0)
    explanation = models.TextField("计算说明", blank=True)
    computed_at = models.DateTimeField("计算时间")
    due_on = models.DateField("应退日期", db_index=True)
    status = models.CharField(
        "状态", max_length=16, choices=RefundStatus.choices, default=RefundStatus.COMPUTED, db_index=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="审核人",
    )  # fmt: skip
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    paid_on = models.DateField("退付日期", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "退费台账"
        ordering = ["season_id", "company_id", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "season"], name="uniq_refund_household_season")
        ]
        indexes = [models.Index(fields=["company", "season", "status"])]

    def __str__(self) -> str:
        return f"{self.household} {self.season.name} {self.amount}元"


class ReductionQuerySet(HousingQuerySet):
    pass


class EstateReduction(models.Model):
    """A negotiated reduction for a whole estate (兰州六合小区：减免60天), with its reason and approval."""

    estate = models.ForeignKey(
        "registry.Estate", on_delete=models.PROTECT, related_name="+", verbose_name="小区"
    )
    season = models.ForeignKey(
        "rules.Season", on_delete=models.PROTECT, related_name="+", verbose_name="供暖季"
    )
    company = models.ForeignKey(
        "registry.Company", on_delete=models.PROTECT, related_name="+", verbose_name="供热企业"
    )
    days = models.PositiveSmallIntegerField("减免天数")
    reason = models.TextField("协商原因")
    status = models.CharField(
        "状态", max_length=16, choices=ReductionStatus.choices, default=ReductionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="提出人"
    )
    proposed_at = models.DateTimeField("提出时间")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="批准人",
    )  # fmt: skip
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    objects = ReductionQuerySet.as_manager()
    # A company sees its own reductions (an estate may be split between companies); regions by households.
    scope_paths = {**_through("estate__buildings__units__households"), "company": "company_id"}

    class Meta:
        verbose_name = verbose_name_plural = "协商减免"
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.estate} 减免{self.days}天"
