"""A city's dated hall rules: the 报停/开栓 windows and answer limit, and its subsidy policy per group.

The tariff and the base-fee share a suspended household pays are billing's ``Tariff`` (one table)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wennuan.rules.models.dated import DatedRule

from ..enums import SubsidyBasis, SubsidyGroup


class SuspensionRule(DatedRule):
    """报停/开栓规则 (domain.md, Suspension and resumption): apply N days before the season; the company
    answers in writing within M days."""

    apply_days_before = models.PositiveSmallIntegerField(
        "报停须提前申请(天)", default=30, validators=[MaxValueValidator(180)],
        help_text="黑龙江、内蒙古30天；西安15天。供暖季开始前不足此天数不再受理本季报停",
    )  # fmt: skip
    answer_days = models.PositiveSmallIntegerField(
        "企业答复时限(天)", default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    class Meta:
        verbose_name = verbose_name_plural = "报停开栓规则"
        ordering = ["city_id", "-effective_from"]
        constraints = [DatedRule.dated_constraint("suspension_rule_dates")]

    def __str__(self) -> str:
        return f"{self.city} 报停提前{self.apply_days_before}天（{self.effective_from}起）"


class SubsidyRule(DatedRule):
    """困难补贴政策: what one group gets for a season (the newest row in force at the season's start)."""

    group = models.CharField("补贴对象", max_length=32, choices=SubsidyGroup.choices)
    basis = models.CharField("计算方式", max_length=16, choices=SubsidyBasis.choices)
    value = models.DecimalField(
        "标准", max_digits=9, decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000"))],
        help_text="定额：元/户；按面积：元/㎡；按热费比例：0～1",
    )  # fmt: skip
    max_area_m2 = models.DecimalField(
        "面积上限(㎡)", max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("10000"))],
        help_text="超过部分不补；空=按实际面积",
    )  # fmt: skip
    pay_within_days = models.PositiveSmallIntegerField(
        "审核后发放时限(天)", default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    policy = models.CharField("政策依据", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "困难补贴政策"
        ordering = ["city_id", "group", "-effective_from"]
        constraints = [
            DatedRule.dated_constraint("subsidy_rule_dates"),
            models.CheckConstraint(
                condition=~models.Q(basis="fee_share") | models.Q(value__lte=1),
                name="subsidy_share_at_most_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} {self.get_group_display()}（{self.effective_from}起）"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.basis == SubsidyBasis.FEE_SHARE and self.value is not None and self.value > 1:
            raise ValidationError({"value": "按热费比例时标准须在0～1之间"})
