"""困难补贴: a household's heating subsidy for a season, from entitlement to payment."""

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS

from ..enums import SubsidyGroup, SubsidyStatus


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class Subsidy(models.Model):
    """One household's subsidy for a season (the most favourable group it belongs to)."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="subsidies", verbose_name="住户"
    )
    season = models.ForeignKey(
        "rules.Season", on_delete=models.PROTECT, related_name="+", verbose_name="供暖季"
    )
    group = models.CharField("补贴对象", max_length=32, choices=SubsidyGroup.choices)
    rule = models.ForeignKey(
        "hall.SubsidyRule", on_delete=models.PROTECT, related_name="+", verbose_name="政策"
    )
    amount = models.DecimalField("补贴金额(元)", max_digits=10, decimal_places=2)
    certificate = models.CharField("证件号（优抚证、低保证等）", max_length=50, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=SubsidyStatus.choices, default=SubsidyStatus.ENTITLED, db_index=True
    )
    entitled_at = models.DateTimeField("认定时间")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="审核人",
    )  # fmt: skip
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    pay_by = models.DateField("应发放日期", null=True, blank=True)
    rejected_reason = models.CharField("未通过原因", max_length=200, blank=True)
    paid_on = models.DateField("发放日期", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "困难补贴"
        ordering = ["season_id", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "season"], name="uniq_subsidy_household_season")
        ]
        indexes = [models.Index(fields=["season", "status"], name="subsidy_season_status")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.get_group_display()} {self.amount}元"
