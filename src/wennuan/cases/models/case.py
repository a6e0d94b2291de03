"""A case (诉求/工单) and its append-only timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from wennuan.core.categories import HEATING_CATEGORIES, Category, Priority
from wennuan.core.scope import ScopedQuerySet
from wennuan.registry.regions import region_scope_paths
from wennuan.triage.enums import TriageStatus

from ..enums import CaseState, Channel, Escalation, RootCause

# Region kinds go through the grid stored on the case at routing time (from the household, or the
# building's households for building-level cases); heating kinds through the unit the case is routed to.
# A case with neither is visible only to city-wide roles (ScopedQuerySet returns nothing for the rest).
CASE_SCOPE_PATHS = {
    **region_scope_paths(via="grid"),
    "company": "company_id",
    "station": "station_id",
}


class CaseQuerySet(ScopedQuerySet):
    def open(self):
        from ..enums import OPEN_STATES

        return self.filter(state__in=OPEN_STATES)


class Case(models.Model):
    # Who and what
    channel = models.CharField("来源渠道", max_length=32, choices=Channel.choices)
    external_id = models.CharField("外部工单号", max_length=64, blank=True, default="")
    reporter_name = models.CharField("诉求人", max_length=50, blank=True)
    reporter_phone = models.CharField("联系电话", max_length=30, blank=True, db_index=True)
    address = models.CharField("地址", max_length=200, blank=True)
    text = models.TextField("诉求内容")
    category = models.CharField("类别", max_length=32, choices=Category.choices, default=Category.OTHER)
    priority = models.CharField("优先级", max_length=16, choices=Priority.choices, default=Priority.NORMAL)

    # Where (确权): filled from the registry, never guessed
    household = models.ForeignKey(
        "registry.Household", null=True, blank=True, on_delete=models.PROTECT, verbose_name="住户"
    )
    building = models.ForeignKey(
        "registry.Building", null=True, blank=True, on_delete=models.PROTECT, verbose_name="楼栋"
    )
    grid = models.ForeignKey(
        "registry.Grid", null=True, blank=True, on_delete=models.PROTECT, verbose_name="网格"
    )
    station = models.ForeignKey(
        "registry.Station", null=True, blank=True, on_delete=models.PROTECT, verbose_name="换热站"
    )
    company = models.ForeignKey(
        "registry.Company", null=True, blank=True, on_delete=models.PROTECT, verbose_name="供热企业"
    )
    triage_status = models.CharField("分拣结果", max_length=16, blank=True, choices=TriageStatus.choices)

    # Where it is in its life
    state = models.CharField(
        "状态", max_length=16, choices=CaseState.choices, default=CaseState.RECEIVED, db_index=True
    )
    version = models.PositiveIntegerField("版本", default=1)
    received_at = models.DateTimeField("受理时间", db_index=True)
    dispatched_at = models.DateTimeField("派单时间", null=True, blank=True)
    accepted_at = models.DateTimeField("签收时间", null=True, blank=True)
    contacted_at = models.DateTimeField("联系群众时间", null=True, blank=True)
    onsite_at = models.DateTimeField("到场时间", null=True, blank=True)
    first_resolved_at = models.DateTimeField("首次办结时间", null=True, blank=True)
    resolved_at = models.DateTimeField("办结时间", null=True, blank=True)  # cleared when reopened
    closed_at = models.DateTimeField("归档时间", null=True, blank=True)

    # Stored deadlines: the sweep is a query over these
    accept_due = models.DateTimeField("签收期限", null=True, blank=True)
    contact_due = models.DateTimeField("联系期限", null=True, blank=True)
    onsite_due = models.DateTimeField("到场期限", null=True, blank=True)
    resolve_due = models.DateTimeField("办结期限", null=True, blank=True)
    return_due = models.DateTimeField("退回期限", null=True, blank=True)
    paused_at = models.DateTimeField("暂停计时于", null=True, blank=True)
    paused_seconds = models.PositiveIntegerField("累计暂停(秒)", default=0)
    extended = models.BooleanField("已延期", default=False)

    # Outcome
    resolution = models.TextField("办理情况", blank=True)
    root_cause = models.CharField("问题原因", max_length=16, choices=RootCause.choices, blank=True)
    evidence = models.JSONField("办结凭证", default=dict, blank=True)
    # 直接答复: the source the resident was answered from ("kb:42"); "" for a case a unit handled
    answered_from = models.CharField("直接答复依据", max_length=64, blank=True, default="")
    accepted_on_time = models.BooleanField("按时签收", null=True)
    resolved_on_time = models.BooleanField("按时办结", null=True)

    # Honesty and supervision flags
    is_overdue = models.BooleanField("曾超时", default=False, db_index=True)
    overdue_limits = models.JSONField("超时环节", default=list, blank=True)
    overdue_since = models.DateTimeField("本轮超时起", null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(
        "升级", choices=Escalation.choices, default=Escalation.NONE
    )
    return_count = models.PositiveSmallIntegerField("退回次数", default=0)
    reopen_count = models.PositiveSmallIntegerField("重办次数", default=0)
    suspected_fake_closure = models.BooleanField("疑似假办结", default=False, db_index=True)
    fake_closure_reasons = models.JSONField("疑似假办结原因", default=list, blank=True)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats", verbose_name="重复于"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="并案主单",
    )
    suspected_outage = models.BooleanField("疑似片区停热", default=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()
    scope_paths = CASE_SCOPE_PATHS

    class Meta:
        verbose_name = verbose_name_plural = "诉求工单"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~Q(external_id=""),
                name="uniq_case_channel_external_id",
            )
        ]
        indexes = [
            models.Index(fields=["household", "category"]),
            models.Index(fields=["state", "overdue_since"]),
            # Intake reads these on every complaint: repeats by phone, outage clusters by building/station.
            models.Index(fields=["reporter_phone", "category"], name="case_phone_category"),
            models.Index(fields=["building", "received_at"], name="case_building_received"),
            models.Index(fields=["station", "received_at"], name="case_station_received"),
        ]

    def __str__(self) -> str:
        return f"工单{self.number} {self.get_category_display()}"

    @property
    def ticket_number(self) -> str:
        """The outside ticket number people quote (a 12345 工单号); "" for an internal key such as a visit
        problem's ``visit-problem:<uuid>``, which only keeps intake idempotent and means nothing to anyone."""
        return "" if ":" in self.external_id else self.external_id

    @property
    def number(self) -> str:
        """The number people read and say (2026-000123): the local year it was received and its id, so it
        needs no column of its own and the list search finds a case by it."""
        if self.pk is None:
            return ""
        year = timezone.localtime(self.received_at).year if self.received_at else timezone.localdate().year
        return f"{year}-{self.pk:06d}"

    @property
    def is_heating(self) -> bool:
        return self.category in HEATING_CATEGORIES

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class CaseEvent(models.Model):
    """One line of a case's timeline. Written only by the cases services, never changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events", verbose_name="工单")
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, verbose_name="操作人"
    )
    actor_label = models.CharField("操作人", max_length=150, blank=True)
    action = models.CharField("动作", max_length=32, db_index=True)
    from_state = models.CharField("原状态", max_length=16, blank=True)
    to_state = models.CharField("新状态", max_length=16, blank=True)
    note = models.TextField("说明", blank=True)
    attachments = models.JSONField("附件", default=list, blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "工单记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("工单记录只能追加，不能修改")
        super().save(*args, **kwargs)
