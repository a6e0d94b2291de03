"""The summer repair ledger (冬病夏治督办台账): one item per site to repair before the next season, with its
dated progress entries. An item is a supervised matter with its own clock (``deadline``; the sweep flags
it overdue and tells the company)."""

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet

from .enums import ItemStatus, SiteLevel


class RepairItem(models.Model):
    city = models.ForeignKey("registry.City", on_delete=models.PROTECT, verbose_name="城市")
    number = models.CharField("编号", max_length=30, unique=True)  # 「XS2026-007」: what a meeting calls it
    level = models.CharField("点位类型", max_length=16, choices=SiteLevel.choices)
    estate = models.ForeignKey(
        "registry.Estate", null=True, blank=True, on_delete=models.PROTECT, verbose_name="小区"
    )
    building = models.ForeignKey(
        "registry.Building", null=True, blank=True, on_delete=models.PROTECT, verbose_name="楼栋"
    )
    station = models.ForeignKey(
        "registry.Station", null=True, blank=True, on_delete=models.PROTECT, verbose_name="换热站"
    )
    # The district a site lies in (an estate's, a building's estate's; a station's: its households' most
    # common one), stored so that district staff read their items without a walk through the households.
    district = models.ForeignKey(
        "registry.District", null=True, blank=True, on_delete=models.PROTECT, verbose_name="区县"
    )
    site_label = models.CharField("点位", max_length=200)
    problem = models.TextField("存在问题")
    # The hotspot's figures when the item was drawn from it (range, households, complaints, rates,
    # readings, outages, dominant categories): kept as they were, so the record says why it was chosen.
    evidence = models.JSONField("问题依据", default=dict, blank=True)
    company = models.ForeignKey("registry.Company", on_delete=models.PROTECT, verbose_name="责任企业")
    funds_yuan = models.DecimalField("整改资金(元)", max_digits=14, decimal_places=2, null=True, blank=True)
    deadline = models.DateField("整改期限", db_index=True)
    status = models.CharField(
        "状态", max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN, db_index=True
    )
    percent = models.PositiveSmallIntegerField("进度(%)", default=0)
    overdue = models.BooleanField("已超期", default=False, db_index=True)
    overdue_since = models.DateField("超期日期", null=True, blank=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)
    verified_at = models.DateTimeField("验收时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_note = models.TextField("验收意见", blank=True)
    created_at = models.DateTimeField("列入时间")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedQuerySet.as_manager()
    # Company dispatchers read their company's items, crews their station's, district staff their
    # district's; the region kinds below a district have no stored path, so they see none.
    scope_paths = {"company": "company_id", "station": "station_id", "district": "district_id"}

    class Meta:
        verbose_name = verbose_name_plural = "冬病夏治台账"
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.site_label}"


class RepairProgress(models.Model):
    """One dated line of an item's progress through the summer. Written only by the services."""

    item = models.ForeignKey(
        RepairItem, on_delete=models.CASCADE, related_name="progress", verbose_name="台账"
    )
    on = models.DateField("日期")
    percent = models.PositiveSmallIntegerField("进度(%)")
    note = models.TextField("进展情况")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    by_label = models.CharField("填报人", max_length=150)
    recorded_at = models.DateTimeField("填报时间")

    class Meta:
        verbose_name = verbose_name_plural = "整改进展"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.percent}%"
