"""The resident self-service page's own rows: one-time codes, and which household filed which case here."""

from django.db import models


class LoginCode(models.Model):
    """A one-time code sent to a household's registered mobile. Only its salted HMAC is stored; it expires
    after ``settings.RESIDENT_CODE_MINUTES``, takes ``settings.RESIDENT_CODE_ATTEMPTS`` wrong tries, and
    is used once. A newer code for the same household retires the older ones."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.CASCADE, related_name="+", verbose_name="住户"
    )
    code_hash = models.CharField("验证码摘要", max_length=64)
    salt = models.CharField("盐", max_length=32)
    created_at = models.DateTimeField("发送时间", db_index=True)
    expires_at = models.DateTimeField("失效时间")
    attempts = models.PositiveSmallIntegerField("错误次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    retired = models.BooleanField("已作废", default=False)
    client = models.CharField("请求地址", max_length=64, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "居民验证码"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"验证码 {self.household_id} {self.created_at:%m-%d %H:%M}"


class ResidentReport(models.Model):
    """A case a household filed on the self-service page (a problem, a 测温 request, an invoice request).
    A report about another building of the estate is routed by that building, so the case itself does not
    name the household: this row is what lets the household follow it, and nobody else."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.CASCADE, related_name="+", verbose_name="住户"
    )
    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="resident_report", verbose_name="工单"
    )
    created_at = models.DateTimeField("提交时间")

    class Meta:
        verbose_name = verbose_name_plural = "居民自助提交"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "created_at"])]

    def __str__(self) -> str:
        return f"{self.household_id} → 工单{self.case_id}"
