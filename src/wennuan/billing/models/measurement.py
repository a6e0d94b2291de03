"""A dispute measurement (测温记录): one visit to a household by the method, with each room's three readings."""

import uuid

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS

from ..enums import Cause, Refusal


def _photo_path(instance, filename: str) -> str:
    return f"billing/measurements/{uuid.uuid4().hex}.{filename.rsplit('.', 1)[-1]}"


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class Measurement(models.Model):
    """One measuring visit. Stored only when it follows the method (or records the company's refusal)."""

    client_id = models.UUIDField(
        "客户端编号", unique=True, default=uuid.uuid4
    )  # a retried submit is one record
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="measurements", verbose_name="住户"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="measurements",
        verbose_name="测温申请工单",
    )  # fmt: skip
    measured_at = models.DateTimeField("测温时间", db_index=True)
    measurer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="测温人"
    )
    instrument_serial = models.CharField("仪器编号", max_length=50, blank=True)
    certificate_no = models.CharField("检定证书编号", max_length=50, blank=True)
    outdoor_celsius = models.DecimalField(
        "室外温度(℃)", max_digits=4, decimal_places=1, null=True, blank=True
    )
    latitude = models.FloatField("纬度", null=True, blank=True)
    longitude = models.FloatField("经度", null=True, blank=True)
    photo = models.FileField("现场照片", upload_to=_photo_path, blank=True)
    company_signed = models.BooleanField("企业签字", default=False)
    resident_signed = models.BooleanField("住户签字", default=False)
    resident_refused_to_sign = models.BooleanField("住户拒签（已记录）", default=False)
    refusal = models.CharField("企业拒绝", max_length=16, choices=Refusal.choices, blank=True)
    cause = models.CharField("原因判定", max_length=16, choices=Cause.choices, blank=True)
    cause_note = models.CharField("原因说明", max_length=200, blank=True)
    lowest_celsius = models.DecimalField("最低房间温度(℃)", max_digits=4, decimal_places=1, null=True)
    standard_celsius = models.DecimalField("当时室温标准(℃)", max_digits=4, decimal_places=1)
    compliant = models.BooleanField("达标", null=True)
    recorded_at = models.DateTimeField("录入时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "测温记录"
        ordering = ["household_id", "measured_at", "id"]
        indexes = [models.Index(fields=["household", "measured_at"])]

    def __str__(self) -> str:
        return f"{self.household} {self.measured_at:%m-%d %H:%M}"

    @property
    def is_signed(self) -> bool:
        """Both sides signed, or the resident's refusal to sign is on the record."""
        return self.company_signed and (self.resident_signed or self.resident_refused_to_sign)


class MeasurementRoom(models.Model):
    """One room of a measurement: where and how it was measured, its three readings and their mean."""

    measurement = models.ForeignKey(
        Measurement, on_delete=models.CASCADE, related_name="rooms", verbose_name="测温记录"
    )
    name = models.CharField("房间", max_length=20)
    area_m2 = models.DecimalField("房间面积(㎡)", max_digits=7, decimal_places=2, null=True, blank=True)
    height_m = models.DecimalField("测点高度(m)", max_digits=3, decimal_places=2)
    doors_closed_since = models.DateTimeField("门窗关闭起")
    stable_change = models.DecimalField("稳定期10分钟变化(℃)", max_digits=3, decimal_places=2)
    readings = models.JSONField("读数", default=list)  # [{"at": ISO time, "celsius": "15.2"}, …]
    mean_celsius = models.DecimalField("平均值(℃)", max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = verbose_name_plural = "房间读数"
        ordering = ["measurement_id", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.mean_celsius}℃"
