"""访民问暖: campaigns in phases, one visit task per household per phase, visit records with the
四访四问 answers, temperature readings, photos and the problems found.

Every row that belongs to a household is scoped through it (``scope_paths`` prefixed with the household FK),
so pages, API, exports and reports read them with ``Model.objects.visible_to(user)``.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models

from wennuan.core.categories import Category
from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.enums import PriorityGroup
from wennuan.registry.models import HOUSEHOLD_SCOPE_PATHS, Grid

from .enums import Answer, OrderGroup, Outcome, ProblemStatus, ScopeKind, TaskPurpose, TaskStatus

# The default of domain.md; each campaign stores its own value. (The indoor standard is the city's rule:
# rules.selectors.indoor_standard.)
DEFAULT_RETRY_AFTER_DAYS = 2  # a not-at-home household is tried again this many days later


def _through(prefix: str) -> dict:
    return {kind: f"{prefix}__{path}" for kind, path in HOUSEHOLD_SCOPE_PATHS.items()}


class Campaign(models.Model):
    """A 访民问暖 action: a season's campaign over a city, a district or a street."""

    name = models.CharField("活动名称", max_length=100)
    city = models.ForeignKey("registry.City", on_delete=models.PROTECT, verbose_name="城市")
    scope_kind = models.CharField("范围", max_length=16, choices=ScopeKind.choices, default=ScopeKind.CITY)
    district = models.ForeignKey(
        "registry.District", null=True, blank=True, on_delete=models.PROTECT, verbose_name="区县"
    )
    street = models.ForeignKey(
        "registry.Street", null=True, blank=True, on_delete=models.PROTECT, verbose_name="街道"
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    target_coverage = models.DecimalField(
        "走访覆盖率目标(%)", max_digits=5, decimal_places=1, default=Decimal("100.0")
    )  # 不落一户
    retry_after_days = models.PositiveSmallIntegerField(
        "不在家改约间隔(天)", default=DEFAULT_RETRY_AFTER_DAYS
    )
    # Which households of the area the campaign visits: comma-separated PriorityGroup codes, blank = all.
    target_groups = models.CharField(
        "走访对象（重点人群；空=全部住户）", max_length=100, blank=True, default=""
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "走访活动"
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def target_group_codes(self) -> list[str]:
        return [g for g in self.target_groups.split(",") if g]

    @property
    def target_label(self) -> str:
        labels = dict(PriorityGroup.choices)
        return "、".join(labels.get(g, g) for g in self.target_group_codes) or "全部住户"

    @property
    def scope_label(self) -> str:
        if self.scope_kind == ScopeKind.STREET and self.street_id:
            return f"{self.street.district.name}{self.street.name}"
        if self.scope_kind == ScopeKind.DISTRICT and self.district_id:
            return self.district.name
        return self.city.name


class Phase(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="phases", verbose_name="活动"
    )
    number = models.PositiveSmallIntegerField("阶段序号")
    name = models.CharField("阶段名称", max_length=100)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    generated_at = models.DateTimeField("任务生成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动阶段"
        ordering = ["campaign_id", "number"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="uniq_phase_number")]

    def __str__(self) -> str:
        return f"{self.campaign.name} · {self.name}"


class VisitTask(models.Model):
    """One planned visit to a household in a phase. A not-at-home visit adds the next attempt."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="tasks", verbose_name="阶段")
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="visit_tasks", verbose_name="住户"
    )
    # Copied from the household so a grid's list is one indexed lookup; scope still goes through household.
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="visit_tasks", verbose_name="网格")
    attempt = models.PositiveSmallIntegerField("第几次", default=1)
    order_group = models.PositiveSmallIntegerField(
        "走访次序组", choices=OrderGroup.choices, default=OrderGroup.ORDINARY
    )
    due_on = models.DateField("计划日期")
    purpose = models.CharField("目的", max_length=16, choices=TaskPurpose.choices, default=TaskPurpose.VISIT)
    # For a re-survey: the problem whose fix the resident is asked about.
    problem = models.ForeignKey(
        "Problem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resurvey_tasks",
        verbose_name="问题",
    )
    status = models.CharField(
        "状态", max_length=16, choices=TaskStatus.choices, default=TaskStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField("创建时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "走访任务"
        ordering = ["phase_id", "grid_id", "order_group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "household", "attempt"], name="uniq_task_attempt")
        ]
        indexes = [models.Index(fields=["grid", "phase", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.household_id} #{self.attempt}"


class Visit(models.Model):
    """What a visitor found at a household. ``client_id`` is made on the phone, so a retried sync
    updates the same row instead of adding a second one."""

    client_id = models.UUIDField("客户端编号", unique=True)
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="visits", verbose_name="阶段")
    task = models.ForeignKey(
        VisitTask,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        verbose_name="任务",
    )
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="visits", verbose_name="住户"
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits", verbose_name="走访人"
    )
    visited_at = models.DateTimeField("走访时间", db_index=True)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices)
    # 一访：室温是否达标、是否间歇供暖 — 问满不满意
    room_temp_ok = models.BooleanField("室温达标", null=True, blank=True)
    intermittent_heating = models.BooleanField("存在间歇供暖", null=True, blank=True)
    answer_satisfied = models.CharField("满不满意", max_length=8, choices=Answer.choices, blank=True)
    # 二访：采暖费是否交纳、困难群众补贴是否到位 — 问高不高兴
    fee_paid = models.BooleanField("已缴采暖费", null=True, blank=True)
    subsidy_received = models.BooleanField("困难补贴已到位", null=True, blank=True)  # needy households only
    answer_happy = models.CharField("高不高兴", max_length=8, choices=Answer.choices, blank=True)
    # 三访：投诉问题是否解决、是否推事出门 — 问答不答应
    complaint_resolved = models.BooleanField("投诉问题已解决", null=True, blank=True)
    shirking_found = models.BooleanField("存在推诿不作为", null=True, blank=True)
    answer_agree = models.CharField("答不答应", max_length=8, choices=Answer.choices, blank=True)
    # 四访：分户改造进展、问题和建议 — 问接不接受
    retrofit_progress = models.CharField("分户改造进展", max_length=200, blank=True)
    answer_accept = models.CharField("接不接受", max_length=8, choices=Answer.choices, blank=True)
    latitude = models.FloatField("纬度", null=True, blank=True)
    longitude = models.FloatField("经度", null=True, blank=True)
    notes = models.TextField("备注", blank=True)
    synced_at = models.DateTimeField("同步时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "走访记录"
        ordering = ["-visited_at", "-id"]
        indexes = [models.Index(fields=["phase", "household", "outcome"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.get_outcome_display()}"


class TemperatureReading(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="readings", verbose_name="走访")
    room = models.CharField("房间", max_length=30)
    celsius = models.DecimalField("室温(°C)", max_digits=4, decimal_places=1)
    measured_at = models.DateTimeField("测量时间", db_index=True)  # the field tallies recount by day
    instrument = models.CharField("测温仪", max_length=60, blank=True)
    # Judged against the city's standard for the room when taken, so a later change keeps history honest.
    below_standard = models.BooleanField("低于标准")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("visit__household")

    class Meta:
        verbose_name = verbose_name_plural = "测温记录"
        ordering = ["visit_id", "id"]

    def __str__(self) -> str:
        return f"{self.room} {self.celsius}°C"


def _photo_path(photo: "VisitPhoto", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"visits/{photo.visit.visited_at:%Y/%m}/{photo.client_id}.{ext[:5]}"


class VisitPhoto(models.Model):
    client_id = models.UUIDField("客户端编号", unique=True)
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="photos", verbose_name="走访")
    image = models.FileField("照片", upload_to=_photo_path)
    uploaded_at = models.DateTimeField("上传时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("visit__household")

    class Meta:
        verbose_name = verbose_name_plural = "走访照片"
        ordering = ["visit_id", "id"]

    def __str__(self) -> str:
        return self.image.name


class Problem(models.Model):
    """A problem found on a visit. 一键上报 turns it into a case of the cases app (``case_id``)."""

    client_id = models.UUIDField("客户端编号", unique=True)
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="problems", verbose_name="走访")
    household = models.ForeignKey(
        "registry.Household", on_delete=models.PROTECT, related_name="visit_problems", verbose_name="住户"
    )
    category = models.CharField("类别", max_length=32, choices=Category.choices, default=Category.OTHER)
    description = models.TextField("问题描述")
    status = models.CharField(
        "状态", max_length=16, choices=ProblemStatus.choices, default=ProblemStatus.OPEN, db_index=True
    )
    report_requested = models.BooleanField("已要求上报", default=False)
    # The cases app is separate and written concurrently: keep its id, not a FK that would tie migrations.
    case_id = models.BigIntegerField("工单ID", null=True, blank=True)
    case_number = models.CharField("工单号", max_length=40, blank=True)
    reported_at = models.DateTimeField("上报时间", null=True, blank=True)
    solved_at = models.DateTimeField("解决时间", null=True, blank=True)
    created_at = models.DateTimeField("发现时间")

    objects = ScopedQuerySet.as_manager()
    scope_paths = _through("household")

    class Meta:
        verbose_name = verbose_name_plural = "走访发现问题"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description[:30]


def new_grid_token() -> str:
    return secrets.token_urlsafe(9)


class GridReportLink(models.Model):
    """The unguessable token printed as a QR code on a grid's contact cards (便民卡)."""

    grid = models.OneToOneField(
        Grid, on_delete=models.CASCADE, related_name="report_link", verbose_name="网格"
    )
    token = models.CharField("令牌", max_length=20, unique=True, default=new_grid_token)

    class Meta:
        verbose_name = verbose_name_plural = "便民卡二维码"

    def __str__(self) -> str:
        return f"{self.grid} 便民卡"
