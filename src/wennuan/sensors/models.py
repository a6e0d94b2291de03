"""Room-temperature collectors (室温采集器), their readings, the messages refused, and the cold rooms found.

The readings table is created by the migration per database (``migrations/0001_initial.py``): on
PostgreSQL partitioned by month with a BRIN index on time, on SQLite one WITHOUT ROWID table; the model
below only reads and is never migrated by Django (``managed = False``)."""

from django.db import models

from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS
from wennuan.rules.enums import RoomType

DEVICE_SCOPE_PATHS = {kind: f"household__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class Device(models.Model):
    serial = models.CharField("设备编号", max_length=40, unique=True)
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="sensors", verbose_name="住户"
    )
    room_type = models.CharField("房间类型", max_length=16, choices=RoomType.choices, default=RoomType.MAIN)
    room_label = models.CharField("房间", max_length=20, blank=True)  # 客厅, 主卧 … as the crew names it
    installed_on = models.DateField("安装日期")
    calibration_offset = models.DecimalField("校准偏差(℃)", max_digits=3, decimal_places=1, default=0)
    calibrated_on = models.DateField("校准日期", null=True, blank=True)
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)

    # Detection state, kept by the ingestion of each batch (so detection never rescans the readings).
    last_reading_at = models.DateTimeField("最近读数时间", null=True, blank=True, db_index=True)
    last_celsius = models.FloatField("最近室温(℃)", null=True, blank=True)  # calibrated
    battery = models.SmallIntegerField("电量(%)", null=True, blank=True)
    last_plausible_at = models.DateTimeField("最近有效读数时间", null=True, blank=True)
    cold_since = models.DateTimeField("低于标准起", null=True, blank=True)
    alerted_since = models.DateTimeField(
        "已告警的低温起点", null=True, blank=True
    )  # = cold_since once handled
    implausible_count = models.PositiveIntegerField("异常读数", default=0)
    last_implausible_at = models.DateTimeField("最近异常读数", null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = DEVICE_SCOPE_PATHS

    class Meta:
        verbose_name = verbose_name_plural = "室温采集器"
        ordering = ["serial"]

    def __str__(self) -> str:
        return self.serial


class Reading(models.Model):
    """One reading as sent (°C before calibration). Created by the migration, written by ingest.store."""

    pk = models.CompositePrimaryKey("device_id", "time")
    device = models.ForeignKey(Device, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    time = models.DateTimeField("时间")
    celsius = models.FloatField("室温(℃)")
    battery = models.SmallIntegerField("电量(%)", null=True)

    class Meta:
        managed = False
        db_table = "sensors_reading"
        verbose_name = verbose_name_plural = "室温读数"
        ordering = ["device_id", "time"]

    def __str__(self) -> str:
        return f"{self.device_id} {self.time:%Y-%m-%d %H:%M} {self.celsius}℃"


class DeadLetter(models.Model):
    """A message that could not be stored, with why (kept for the operator; never retried by itself)."""

    received_at = models.DateTimeField("收到时间", auto_now_add=True, db_index=True)
    topic = models.CharField("主题", max_length=200)
    payload = models.TextField("内容")  # truncated to 2,000 characters
    reason = models.CharField("原因", max_length=200)

    class Meta:
        verbose_name = verbose_name_plural = "无法入库的消息"
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.topic}: {self.reason}"


class ColdAlert(models.Model):
    """A room found below its standard for the span, and the case it opened, or the household's open
    not-warm case it was added to (then ``opened`` is False): one case per household while one is open."""

    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="alerts", verbose_name="采集器")
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="+", verbose_name="住户"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="工单"
    )
    opened = models.BooleanField("新开工单", default=True)
    cold_since = models.DateTimeField("低于标准起")
    span_reached_at = models.DateTimeField("达到持续时长于")
    detected_at = models.DateTimeField("发现于", auto_now_add=True)
    standard = models.DecimalField("标准(℃)", max_digits=4, decimal_places=1)
    lowest = models.FloatField("期间最低(℃)")

    objects = ScopedQuerySet.as_manager()
    scope_paths = {kind: f"household__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}

    class Meta:
        verbose_name = verbose_name_plural = "低温告警"
        ordering = ["-detected_at", "-id"]
        indexes = [models.Index(fields=["household", "detected_at"], name="coldalert_household")]
        constraints = [models.UniqueConstraint(fields=["device", "cold_since"], name="uniq_coldalert_run")]

    def __str__(self) -> str:
        return f"{self.device_id} 自{self.cold_since:%m-%d %H:%M}低温"


class SensorDay(models.Model):
    """One sensor household's day, summarised once the day is over (``days.py``): what 传感器室温达标率
    counts, so the KPI sums these rows and never reads the readings. Written only by ``days.recount``."""

    household = models.ForeignKey(
        "registry.Household", on_delete=models.CASCADE, related_name="+", verbose_name="住户"
    )
    day = models.DateField("日期")
    # The household's station and company that day, kept on the row so the KPI's usual levels need no join.
    company = models.ForeignKey(
        "registry.Company", on_delete=models.CASCADE, related_name="+", verbose_name="供热企业"
    )
    station = models.ForeignKey(
        "registry.Station", on_delete=models.CASCADE, related_name="+", verbose_name="换热站"
    )
    # And its grid and estate (the regions above a grid are a few small tables away); empty only on rows
    # written before they were kept (``days.rebuild`` fills them).
    grid = models.ForeignKey(
        "registry.Grid", null=True, on_delete=models.CASCADE, related_name="+", verbose_name="网格"
    )
    estate = models.ForeignKey(
        "registry.Estate", null=True, on_delete=models.CASCADE, related_name="+", verbose_name="小区"
    )
    rooms = models.PositiveSmallIntegerField("有效采集器")  # collectors with a plausible reading that day
    rooms_at_standard = models.PositiveSmallIntegerField("达标采集器")
    readings = models.PositiveIntegerField("有效读数")
    coldest = models.FloatField("最低日均室温(℃)")  # the coldest room's daily mean (calibrated)
    at_standard = models.BooleanField("达标")  # every reporting room's daily mean at or above its standard

    objects = ScopedQuerySet.as_manager()
    scope_paths = {kind: f"household__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}

    class Meta:
        verbose_name = verbose_name_plural = "采集器住户日达标"
        ordering = ["day", "household_id"]
        constraints = [models.UniqueConstraint(fields=["household", "day"], name="uniq_sensorday")]
        indexes = [
            models.Index(fields=["day"], name="sensorday_day"),
            models.Index(fields=["company", "day"], name="sensorday_company"),
            models.Index(fields=["station", "day"], name="sensorday_station"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.day} {'达标' if self.at_standard else '未达标'}"


class StaleDay(models.Model):
    """A household-day that got readings since it was last summarised: marked by each stored batch (in
    its transaction), taken by the sweep once the day is over. A queue rather than a watermark because
    readings carry no arrival order (their key is the device and the reading's own time) and may arrive
    up to 31 days late."""

    household_id = models.BigIntegerField()
    day = models.DateField()
    marked_at = models.DateTimeField()

    class Meta:
        verbose_name = verbose_name_plural = "待汇总的住户日"
        constraints = [models.UniqueConstraint(fields=["household_id", "day"], name="uniq_staleday")]
        indexes = [models.Index(fields=["day"], name="staleday_day")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.day}"
