"""Heating accounts: payments as the companies export them, and each household's statement for a season.

A statement is computed set-based (``hall.statements``) and stored in whole cents (no float on SQLite)."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


def yuan(cents: int | None) -> Decimal:
    return (Decimal(cents or 0) / 100).quantize(Decimal("0.01"))


class PaymentImport(models.Model):
    """One uploaded billing export (缴费明细): who, which file, what it did."""

    filename = models.CharField("文件名", max_length=200)
    sha256 = models.CharField("文件摘要", max_length=64, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="导入人"
    )
    at = models.DateTimeField("导入时间")
    rows = models.PositiveIntegerField("数据行数")
    created = models.PositiveIntegerField("新增缴费")
    unchanged = models.PositiveIntegerField("已导入过")
    amount = models.DecimalField("新增金额(元)", max_digits=14, decimal_places=2)

    objects = ScopedQuerySet.as_manager()
    scope_paths = {}  # only city-wide roles list every import; others see their own (selectors)

    class Meta:
        verbose_name = verbose_name_plural = "缴费导入"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} {self.at:%Y-%m-%d %H:%M}"


class Payment(models.Model):
    """A payment of a household for a season, as the company's billing export lists it.

    Unique by (household, receipt number): importing the same file or row again adds nothing."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="payments", verbose_name="住户"
    )
    season = models.ForeignKey(
        "rules.Season", on_delete=models.PROTECT, related_name="+", verbose_name="供暖季"
    )
    receipt_no = models.CharField("收费单号", max_length=64)
    amount = models.DecimalField("缴费金额(元)", max_digits=10, decimal_places=2)
    paid_on = models.DateField("缴费日期")
    method = models.CharField("缴费方式", max_length=30, blank=True)
    batch = models.ForeignKey(
        PaymentImport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name="导入批次",
    )

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "缴费记录"
        ordering = ["household_id", "paid_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["household", "receipt_no"], name="uniq_payment_household_receipt")
        ]
        indexes = [models.Index(fields=["season", "household"], name="payment_season_household")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.receipt_no} {self.amount}元"


class AccountStatement(models.Model):
    """A household's heating account for a season, as last computed (all money in cents).

    fee = area × price (× base share when suspended; prorated from the day heat resumed); the balance is
    fee − reductions − paid: arrears when above 0, credit when below. Refunds owed and the subsidy are shown
    beside it: they are paid out to the household, not netted against its fee."""

    # Derived rows, rewritten a million at a time: no per-row foreign-key triggers and no index but the
    # unique (season, household) one, which every read and every rewrite goes by.
    household = models.ForeignKey(
        "registry.Household", on_delete=models.DO_NOTHING, related_name="+", verbose_name="住户",
        db_constraint=False, db_index=False,
    )  # fmt: skip
    season = models.ForeignKey(
        "rules.Season", on_delete=models.DO_NOTHING, related_name="+", verbose_name="供暖季",
        db_constraint=False, db_index=False,
    )  # fmt: skip
    company = models.ForeignKey(
        "registry.Company", on_delete=models.DO_NOTHING, related_name="+", verbose_name="供热企业",
        db_constraint=False, db_index=False,
    )  # fmt: skip
    area_cents = models.BigIntegerField("面积(0.01㎡)")
    price_cents = models.BigIntegerField("单价(分/㎡)")
    base_share_milli = models.PositiveIntegerField("基本热费比例(‰)")
    suspended = models.BooleanField("报停")
    heated_days = models.PositiveIntegerField("供热天数")
    legal_days = models.PositiveIntegerField("法定天数")
    full_fee_cents = models.BigIntegerField("全额热费(分)")
    fee_cents = models.BigIntegerField("应缴热费(分)")
    reduction_days = models.PositiveIntegerField("减免天数")
    reduction_cents = models.BigIntegerField("减免(分)")
    paid_cents = models.BigIntegerField("已缴(分)")
    arrears_cents = models.BigIntegerField("欠费(分)")
    credit_cents = models.BigIntegerField("多缴(分)")
    refund_cents = models.BigIntegerField("应退(分)")
    subsidy_cents = models.BigIntegerField("补贴(分)")
    computed_at = models.DateTimeField("计算时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "热费账单"
        ordering = ["season_id", "household_id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "household"], name="uniq_statement_season_household")
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.season_id}"

    # Yuan for pages and the API.
    fee = property(lambda self: yuan(self.fee_cents))
    full_fee = property(lambda self: yuan(self.full_fee_cents))
    reduction = property(lambda self: yuan(self.reduction_cents))
    paid = property(lambda self: yuan(self.paid_cents))
    arrears = property(lambda self: yuan(self.arrears_cents))
    credit = property(lambda self: yuan(self.credit_cents))
    refund = property(lambda self: yuan(self.refund_cents))
    subsidy = property(lambda self: yuan(self.subsidy_cents))
    price = property(lambda self: yuan(self.price_cents))
    area = property(lambda self: yuan(self.area_cents))
    base_share = property(lambda self: (Decimal(self.base_share_milli) / 1000).quantize(Decimal("0.001")))
