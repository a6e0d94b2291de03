from django.conf import settings
from django.db import models


class AuditLog(models.Model):
    """Append-only record of every state change: who, when, what. Written only by ``core.audit.record``."""

    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="操作人"
    )
    actor_label = models.CharField(
        "操作人", max_length=150, blank=True
    )  # kept when the user is gone, or "system"
    action = models.CharField("动作", max_length=64, db_index=True)
    object_type = models.CharField("对象类型", max_length=64, blank=True)
    object_id = models.CharField("对象", max_length=64, blank=True)
    summary = models.CharField("摘要", max_length=500, blank=True)
    changes = models.JSONField("变更", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("审计日志只能追加，不能删除")


class RateCounter(models.Model):
    """One throttle window's hit count (django-ratelimit through ``core.ratecache.CounterCache``)."""

    key = models.CharField(max_length=250, primary_key=True)
    count = models.BigIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "限流计数"

    def __str__(self) -> str:
        return f"{self.key} = {self.count}"
