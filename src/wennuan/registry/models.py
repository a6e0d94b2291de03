"""The registry: who is heated by whom.

Administrative side: City → District → Street (街道) → Community (社区) → Grid (网格).
Heating side: Company → Station (换热站/供热站).
Housing: Estate (小区/楼院) → Building → Unit → Household (户号), each household in exactly one grid and
one station; one estate may be split between stations.
"""

from django.db import models

from wennuan.core.scope import ScopedQuerySet

from .enums import KeySite, PaymentStatus, PriorityGroup, StationKind
from .regions import region_scope_paths

# Lookups from a Household to each scope kind's primary key (see core.scope).
HOUSEHOLD_SCOPE_PATHS = {
    **region_scope_paths(via="grid"),
    "company": "station__company_id",
    "station": "station_id",
}


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class HousingQuerySet(ScopedQuerySet):
    """Estates, buildings and units are visible when one of their households is."""

    def visible_to(self, user):
        from wennuan.core.scope import scope_of

        scope = scope_of(user)
        if scope.is_all:
            return self
        path = self.model.scope_paths.get(scope.kind)
        if path is None or scope.id is None:
            return self.none()
        return self.filter(pk__in=self.model.objects.filter(**{path: scope.id}).values("pk"))


class City(models.Model):
    name = models.CharField("城市", max_length=50, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "城市"

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="districts", verbose_name="城市")
    name = models.CharField("区县", max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "区县"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="uniq_district")]

    def __str__(self) -> str:
        return self.name


class Street(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="streets", verbose_name="区县"
    )
    name = models.CharField("街道", max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "街道"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="uniq_street")]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    street = models.ForeignKey(
        Street, on_delete=models.PROTECT, related_name="communities", verbose_name="街道"
    )
    name = models.CharField("社区", max_length=50)
    phone = models.CharField("社区电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "社区"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["street", "name"], name="uniq_community")]

    def __str__(self) -> str:
        return self.name


class Grid(models.Model):
    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="grids", verbose_name="社区"
    )
    name = models.CharField("网格", max_length=50)
    worker_name = models.CharField("网格员", max_length=30, blank=True)
    worker_phone = models.CharField("网格员电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "网格"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="uniq_grid")]

    def __str__(self) -> str:
        return self.name


class Company(models.Model):
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="companies", verbose_name="城市")
    name = models.CharField("供热企业", max_length=100)
    hotline = models.CharField("24小时热线", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "供热企业"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["city", "name"], name="uniq_company")]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="stations", verbose_name="供热企业"
    )
    name = models.CharField("换热站", max_length=100)
    kind = models.CharField("类型", max_length=16, choices=StationKind.choices, default=StationKind.EXCHANGE)
    phone = models.CharField("站点电话", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "换热站"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["company", "name"], name="uniq_station")]

    def __str__(self) -> str:
        return self.name


class Estate(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="estates", verbose_name="区县"
    )
    name = models.CharField("小区", max_length=100)
    latitude = models.FloatField("纬度", null=True, blank=True)
    longitude = models.FloatField("经度", null=True, blank=True)

    objects = HousingQuerySet.as_manager()
    scope_paths = _through("buildings__units__households")

    class Meta:
        verbose_name = verbose_name_plural = "小区"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="uniq_estate")]

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, related_name="buildings", verbose_name="小区"
    )
    label = models.CharField("楼号", max_length=30)
    door_address = models.CharField("门牌地址", max_length=100, blank=True, db_index=True)
    key_site = models.CharField("重点场所", max_length=16, choices=KeySite.choices, blank=True, default="")

    objects = HousingQuerySet.as_manager()
    scope_paths = _through("units__households")

    class Meta:
        verbose_name = verbose_name_plural = "楼栋"
        ordering = ["estate_id", "id"]
        constraints = [models.UniqueConstraint(fields=["estate", "label"], name="uniq_building")]

    def __str__(self) -> str:
        return f"{self.estate.name}{self.label}"


class BuildingAlias(models.Model):
    """Another address residents give for a building: a second door plate (a corner building on two
    roads), the plate before a road was renamed, or a name such as 老干部楼. Triage reads these like the
    building's own door address; several buildings may share one (a courtyard with one gate number)."""

    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="aliases", verbose_name="楼栋"
    )
    name = models.CharField("别名门牌", max_length=100, db_index=True)
    # so that other processes see an edited alias (triage's registry fingerprint reads the latest)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "楼栋别名门牌"
        ordering = ["building_id", "id"]
        constraints = [models.UniqueConstraint(fields=["building", "name"], name="uniq_building_alias")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, related_name="units", verbose_name="楼栋"
    )
    label = models.CharField("单元", max_length=30, blank=True)  # blank for bungalows and courtyards

    objects = HousingQuerySet.as_manager()
    scope_paths = _through("households")

    class Meta:
        verbose_name = verbose_name_plural = "单元"
        ordering = ["building_id", "id"]
        constraints = [models.UniqueConstraint(fields=["building", "label"], name="uniq_unit")]

    def __str__(self) -> str:
        return self.label


class Household(models.Model):
    account = models.CharField("户号", max_length=40, unique=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="households", verbose_name="单元")
    room = models.CharField("房号", max_length=20, blank=True)
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="households", verbose_name="网格")
    station = models.ForeignKey(
        Station, on_delete=models.PROTECT, related_name="households", verbose_name="换热站"
    )
    area = models.DecimalField("供热面积(m²)", max_digits=10, decimal_places=2)
    payment_status = models.CharField(
        "缴费状态", max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PAID, db_index=True
    )
    # Comma-separated PriorityGroup codes; "" for none. One ledger cell may name several (独居老人、残疾人).
    priority_groups = models.CharField("重点人群", max_length=100, blank=True, default="", db_index=True)
    resident_name = models.CharField("户主", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = HOUSEHOLD_SCOPE_PATHS

    class Meta:
        verbose_name = verbose_name_plural = "住户"
        ordering = ["unit_id", "room", "id"]
        indexes = [
            models.Index(fields=["unit", "room"]),
            # Agents look residents up by phone or name as they call in; without these a city-wide search scans.
            models.Index(fields=["phone"], name="household_phone_idx"),
            models.Index(fields=["resident_name"], name="household_name_idx"),
        ]

    def __str__(self) -> str:
        return self.account

    @property
    def place(self) -> str:
        """Where it is, as people say it: 「幸福小区1号楼 1单元101」."""
        return f"{self.unit.building} {self.unit.label}{self.room}".strip()

    @property
    def priority_group_list(self) -> list[str]:
        return [g for g in self.priority_groups.split(",") if g]

    @property
    def priority_group_labels(self) -> list[str]:
        labels = dict(PriorityGroup.choices)
        return [labels.get(g, g) for g in self.priority_group_list]

    @property
    def is_priority(self) -> bool:
        return bool(self.priority_groups)
