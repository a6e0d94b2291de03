"""Daily reports made on request (kept so the page can offer them again) and 通报 on record."""

from django.conf import settings
from django.db import models

from wennuan.core.scope import ScopedQuerySet

from .enums import BulletinState, ReportStatus


class DailyReport(models.Model):
    """One click's report: queued for the task worker, then the two files (kept in the database: a
    day's report is a few hundred KB, and a backup then holds what was handed out)."""

    city = models.ForeignKey("registry.City", on_delete=models.PROTECT, verbose_name="城市")
    day = models.DateField("报告日期")
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    xlsx = models.BinaryField("Excel", null=True, blank=True)
    pdf = models.BinaryField("PDF", null=True, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)
    seconds = models.FloatField("用时(秒)", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name="申请人"
    )
    requested_at = models.DateTimeField("申请时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "每日调度报告"
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.city} {self.day} {self.get_status_display()}"


class BulletinQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Supervisors read every 通报; a company's dispatchers read the issued ones naming their company;
        others none (a draft is the bureau's own business until it is issued)."""
        if getattr(user, "is_supervisor", False):
            return self
        company = getattr(user, "company_id", None)
        if company is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(state=BulletinState.ISSUED, companies=company)


class Bulletin(models.Model):
    """通报: a notice naming companies with bad figures, drafted from their KPIs and worst cases."""

    city = models.ForeignKey("registry.City", on_delete=models.PROTECT, verbose_name="城市")
    number = models.CharField("文号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=200)
    start = models.DateField("统计起")
    end = models.DateField("统计止")
    companies = models.ManyToManyField(
        "registry.Company", related_name="bulletins", verbose_name="被通报企业"
    )
    recipients = models.CharField("主送", max_length=200)
    opening = models.TextField("导语")
    problems = models.TextField("存在问题")
    data = models.TextField("数据情况")
    cases = models.TextField("典型案例")
    requirements = models.TextField("整改要求")
    issuer = models.CharField("落款", max_length=100)
    figures = models.JSONField("指标快照", default=dict, blank=True)  # the KPIs the draft was written from
    state = models.CharField(
        "状态", max_length=16, choices=BulletinState.choices, default=BulletinState.DRAFT
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("起草时间")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("审核时间", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField("印发时间", null=True, blank=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "通报"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    SECTIONS = (
        ("problems", "一、存在问题"),
        ("data", "二、数据情况"),
        ("cases", "三、典型案例"),
        ("requirements", "四、整改要求"),
    )

    def sections(self) -> list[tuple[str, str]]:
        return [(heading, getattr(self, field)) for field, heading in self.SECTIONS]
