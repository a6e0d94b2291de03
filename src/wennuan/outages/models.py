"""Outages (停热事件): a stoppage of heat over an area (a station, buildings or units), the households it
hits (a snapshot taken when it is recorded), and the city's rule for refunding it.

Written only by ``outages.services``; read through ``outages.selectors``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wennuan.core.scope import REGION_KINDS, ScopedQuerySet, scope_of
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS

from .enums import AreaKind, Liability, OutageCause, OutageState


class OutageQuerySet(ScopedQuerySet):
    """A company's dispatchers see their company's outages; a station crew and the region roles
    (district … grid) see the outages that hit at least one of their households."""

    def visible_to(self, user):
        scope = scope_of(user)
        if scope.is_all:
            return self
        if scope.id is None:
            return self.none()
        if scope.kind == "company":
            return self.filter(company_id=scope.id)
        if scope.kind == "station" or scope.kind in REGION_KINDS:
            path = f"household__{HOUSEHOLD_SCOPE_PATHS[scope.kind]}"
            hit = OutageHousehold.objects.filter(**{path: scope.id}).values("outage_id")
            return self.filter(pk__in=hit)
        return self.none()

    def restored(self):
        return self.filter(actual_restore__isnull=False)


class Outage(models.Model):
    company = models.ForeignKey(
        "registry.Company", on_delete=models.PROTECT, related_name="outages", verbose_name="供热企业"
    )
    area_kind = models.CharField("停热范围", max_length=16, choices=AreaKind.choices)
    station = models.ForeignKey(
        "registry.Station",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outages",
        verbose_name="换热站",
    )
    buildings = models.ManyToManyField(
        "registry.Building", blank=True, related_name="outages", verbose_name="楼栋"
    )
    units = models.ManyToManyField("registry.Unit", blank=True, related_name="outages", verbose_name="单元")
    cause = models.CharField("停热原因", max_length=32, choices=OutageCause.choices)
    liability = models.CharField("责任方", max_length=16, choices=Liability.choices)
    description = models.CharField("情况说明", max_length=500, blank=True)
    planned = models.BooleanField("计划停热（提前公告）", default=False)
    start = models.DateTimeField("停热开始", db_index=True)
    expected_restore = models.DateTimeField("预计恢复")
    actual_restore = models.DateTimeField("实际恢复", null=True, blank=True)
    # A snapshot of the area when recorded: what the notice and the page print (「226户41129平方米」).
    household_count = models.PositiveIntegerField("影响户数", default=0)
    area_m2 = models.DecimalField("影响面积(m²)", max_digits=14, decimal_places=2, default=0)
    area_label = models.CharField("范围", max_length=300, blank=True)
    recorded_at = models.DateTimeField("登记时间")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    restored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="恢复登记人",
    )

    objects = OutageQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "停热事件"
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_restore__gt=models.F("start")), name="outage_expected_after_start"
            ),
            models.CheckConstraint(
                condition=Q(actual_restore__isnull=True) | Q(actual_restore__gt=models.F("start")),
                name="outage_restore_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"停热{self.pk} {self.area_label}"

    def state_at(self, now=None) -> str:
        now = now or timezone.now()
        if self.actual_restore is not None:
            return OutageState.RESTORED
        return OutageState.PLANNED if self.start > now else OutageState.ONGOING

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def state_label(self) -> str:
        return OutageState(self.state).label

    @property
    def area_text(self) -> str:
        """The area without trailing zeros: 41129, 88.5."""
        return f"{self.area_m2.normalize():f}"

    @property
    def summary(self) -> str:
        """「226户41129平方米」"""
        return f"{self.household_count}户{self.area_text}平方米"

    def hours(self, now=None) -> float:
        """Continuous hours of stoppage so far (to the restore, or to ``now`` while it lasts); 0 before it starts."""
        end = self.actual_restore or (now or timezone.now())
        return max(0.0, (end - self.start).total_seconds() / 3600)


class OutageHousehold(models.Model):
    """A household hit by an outage (the area's households when it was recorded)."""

    outage = models.ForeignKey(
        Outage, on_delete=models.CASCADE, related_name="links", verbose_name="停热事件"
    )
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="outage_links", verbose_name="住户"
    )

    class Meta:
        verbose_name = verbose_name_plural = "停热影响住户"
        constraints = [models.UniqueConstraint(fields=["outage", "household"], name="uniq_outage_household")]
        indexes = [models.Index(fields=["household", "outage"], name="outage_household_idx")]

    def __str__(self) -> str:
        return f"{self.outage_id}:{self.household_id}"


class OutageRule(models.Model):
    """A city's rule for refunding outages, dated; with no row in force domain.md's default applies
    (``outages.rules``): company-caused stoppage over 24 h continuous is refunded in full for its days."""

    city = models.ForeignKey(
        "registry.City", on_delete=models.CASCADE, related_name="outage_rules", verbose_name="城市"
    )
    refund_after_hours = models.PositiveSmallIntegerField(
        "连续停热超过(小时)计退费", help_text="企业原因连续停热超过此时长，停热天数按100%退费"
    )
    effective_from = models.DateField("生效日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "停热退费规则"
        ordering = ["city_id", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(refund_after_hours__gte=1) & Q(refund_after_hours__lte=720),
                name="outage_rule_hours_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.city} 连续停热超过{self.refund_after_hours}小时 自{self.effective_from}"
