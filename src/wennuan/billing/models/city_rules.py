"""A city's money rules, each a dated row (the newest ``effective_from`` in force wins), loadable from a preset.

Seasons and indoor standards are the rules app's (``rules.Season``, ``rules.selectors.indoor_standard``);
these add what only billing needs: the tariff, the refund bands and counting, the measuring method.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wennuan.rules.models.dated import DatedRule

from ..enums import AreaRule, BandBasis, DayCounting
from ..refunds.presets import PRESETS

PRESET_CHOICES = [(name, name) for name in PRESETS]


def _share(label: str, default: str, **kw) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=4, decimal_places=3, default=Decimal(default),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))], **kw,
    )  # fmt: skip


class Tariff(DatedRule):
    """供热价格: yuan per m² for a season, and the share of it that is the base fee (基本热费)."""

    residential_price = models.DecimalField(
        "居民单价(元/㎡·季)", max_digits=7, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
    )  # fmt: skip
    non_residential_price = models.DecimalField(
        "非居民单价(元/㎡·季)", max_digits=7, decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
    )  # fmt: skip
    base_fee_share = _share("基本热费比例", "0.30", help_text="报停户缴纳的比例；西安退费时先扣除")

    class Meta:
        verbose_name = verbose_name_plural = "供热价格"
        ordering = ["city_id", "-effective_from"]
        constraints = [DatedRule.dated_constraint("tariff_dates")]

    def __str__(self) -> str:
        return f"{self.city} {self.residential_price}元/㎡（{self.effective_from}起）"


class RefundRule(DatedRule):
    """测温退费规则: how days are counted, which bands apply, when refunds are due."""

    preset = models.CharField("来自预设", max_length=32, choices=PRESET_CHOICES, blank=True)
    basis = models.CharField(
        "分档依据", max_length=16, choices=BandBasis.choices, default=BandBasis.TEMPERATURE
    )
    area_rule = models.CharField("计费面积", max_length=16, choices=AreaRule.choices, default=AreaRule.WHOLE)
    day_counting = models.CharField(
        "计天规则", max_length=16, choices=DayCounting.choices, default=DayCounting.WHOLE_24H
    )
    waiver_hours = models.PositiveSmallIntegerField(
        "豁免时长(小时)", default=0, validators=[MaxValueValidator(168)],
        help_text="天津：24小时内修复且未再出现的不退费；0=不豁免",
    )  # fmt: skip
    refusal_deems_noncompliant = models.BooleanField(
        "拒测/无证/拒签视为不达标",
        default=False,
        help_text="天津：企业拒绝测温、未出示证书或拒绝签字按100%退费",
    )
    excludes_base_fee = models.BooleanField("扣除基本热费后计算", default=False, help_text="西安")
    outage_min_hours = models.PositiveSmallIntegerField(
        "停热全额退费起算(小时)", default=24, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    deadline_months = models.PositiveSmallIntegerField(
        "退费期限(采暖期结束后月数)", default=2, validators=[MinValueValidator(0), MaxValueValidator(12)]
    )

    class Meta:
        verbose_name = verbose_name_plural = "退费规则"
        ordering = ["city_id", "-effective_from"]
        constraints = [DatedRule.dated_constraint("refund_rule_dates")]

    def __str__(self) -> str:
        return f"{self.city} 退费规则（{self.effective_from}起）"


class RefundBand(models.Model):
    """One band of a refund rule: ``low ≤ x < high`` (per the rule's basis) refunds ``share``."""

    rule = models.ForeignKey(RefundRule, on_delete=models.CASCADE, related_name="bands", verbose_name="规则")
    low = models.DecimalField(
        "下限", max_digits=4, decimal_places=1, null=True, blank=True, help_text="空=不限"
    )
    low_inclusive = models.BooleanField("含下限", default=True)
    high = models.DecimalField(
        "上限", max_digits=4, decimal_places=1, null=True, blank=True, help_text="空=不限"
    )
    high_inclusive = models.BooleanField("含上限", default=False)
    share = _share("退费比例", "1")

    class Meta:
        verbose_name = verbose_name_plural = "退费档"
        ordering = ["rule_id", "-share"]

    def __str__(self) -> str:
        return f"{self.low}–{self.high}: {self.share}"


class MeasurementMethod(DatedRule):
    """测温方法: what makes a dispute reading count (domain.md, Indoor temperature)."""

    height_m = models.DecimalField(
        "测点高度(m)", max_digits=3, decimal_places=2, default=Decimal("1.2"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("2"))],
    )  # fmt: skip
    height_tolerance_m = models.DecimalField(
        "高度允差(m)", max_digits=3, decimal_places=2, default=Decimal("0.1"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.5"))],
    )  # fmt: skip
    doors_closed_minutes = models.PositiveSmallIntegerField(
        "门窗关闭至少(分钟)", default=30, validators=[MaxValueValidator(720)]
    )
    stable_max_change = models.DecimalField(
        "稳定判据(℃/10分钟)", max_digits=3, decimal_places=2, default=Decimal("0.2"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("2"))],
    )  # fmt: skip
    readings = models.PositiveSmallIntegerField(
        "读数次数", default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    reading_interval_seconds = models.PositiveSmallIntegerField(
        "读数间隔(秒)", default=60, validators=[MinValueValidator(0), MaxValueValidator(3600)]
    )
    instrument_accuracy = models.DecimalField(
        "仪器精度(±℃)", max_digits=3, decimal_places=2, default=Decimal("0.3"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("2"))],
    )  # fmt: skip
    forbidden_from = models.TimeField("禁止测温时段起", null=True, blank=True, help_text="黑龙江：10:00")
    forbidden_to = models.TimeField("禁止测温时段止", null=True, blank=True, help_text="黑龙江：14:00")

    class Meta:
        verbose_name = verbose_name_plural = "测温方法"
        ordering = ["city_id", "-effective_from"]
        constraints = [DatedRule.dated_constraint("measurement_method_dates")]

    def __str__(self) -> str:
        return f"{self.city} 测温方法（{self.effective_from}起）"
