"""Open311 GeoReport v2 clients and the webhook outbox.

A Jurisdiction is one city served at /open311/v2/ (``jurisdiction_id``). A Client is a 311 app or a 12345
platform: its api_key (only the SHA-256 is stored), the account it acts as (role and scope of its intakes
and reads), and the webhook it is told of changes at. Events are the outbox: written in the same
transaction as the case change (cases.hooks), delivered in order by the worker (delivery.py)."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from wennuan.cases.enums import Channel
from wennuan.cases.models.case import CASE_SCOPE_PATHS
from wennuan.core.scope import ScopedQuerySet

from .enums import DeliveryStatus, EventKind


class Jurisdiction(models.Model):
    code = models.CharField("jurisdiction_id", max_length=100, unique=True, help_text="例如 harbin.gov.cn")
    city = models.OneToOneField("registry.City", on_delete=models.PROTECT, verbose_name="城市")
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="公开查询账号",
        help_text="不带 api_key 的查询按此账号的范围读取；留空则查询也须 api_key",
    )
    nearest_within_m = models.PositiveIntegerField(
        "经纬度就近匹配半径(米)", default=300, help_text="lat/long 离最近有坐标的小区超过此距离则不匹配"
    )

    class Meta:
        verbose_name = verbose_name_plural = "Open311辖区"

    def __str__(self) -> str:
        return self.code


class Client(models.Model):
    name = models.CharField("名称", max_length=100)
    jurisdiction = models.ForeignKey(Jurisdiction, on_delete=models.PROTECT, verbose_name="辖区")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="open311_client",
        verbose_name="代表账号",
        help_text="受理与查询按此账号的角色和范围；它创建的工单的变化推送到本客户端的 Webhook",
    )
    channel = models.CharField("来源渠道", max_length=32, choices=Channel.choices, default=Channel.ONLINE)
    key_prefix = models.CharField("api_key前缀", max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField("启用", default=True)
    requests_per_minute = models.PositiveIntegerField("每分钟请求上限", default=120)
    webhook_url = models.URLField("Webhook地址", blank=True)
    webhook_secret = models.CharField("Webhook签名密钥", max_length=100, blank=True, editable=False)
    # Exponential back-off per receiver: while it refuses, the worker leaves all its events waiting.
    webhook_failures = models.PositiveIntegerField("连续失败次数", default=0)
    webhook_retry_at = models.DateTimeField("下次重试", null=True, blank=True)
    # A worker owns a client's queue while this is in the future (a conditional UPDATE claims it), so two
    # workers never send the same client's events, and no transaction stays open across an HTTP call.
    webhook_lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "Open311客户端"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "o311_" + secrets.token_urlsafe(32)


class ServiceRequest(models.Model):
    """A case as a 311 client filed it: its token and the client's own reference."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="open311_request")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="requests")
    client_ref = models.CharField("客户端单号", max_length=50, blank=True)
    token = models.CharField(max_length=32, unique=True)
    lat = models.FloatField(null=True, blank=True)
    long = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "Open311诉求"
        constraints = [
            models.UniqueConstraint(
                fields=["client", "client_ref"], condition=~Q(client_ref=""), name="uniq_open311_client_ref"
            )
        ]

    def __str__(self) -> str:
        return f"工单{self.case_id}（{self.client_ref or self.token}）"


class WebhookEvent(models.Model):
    """One outbox row: a change of one case for one client, delivered once, in id order per client."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="events")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("事件", max_length=16, choices=EventKind.choices)
    payload = models.JSONField()
    created_at = models.DateTimeField("产生时间")
    status = models.CharField(
        "状态", max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField("投递次数", default=0)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)
    last_error = models.CharField("最近错误", max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_paths = {kind: f"case__{path}" for kind, path in CASE_SCOPE_PATHS.items()}

    class Meta:
        verbose_name = verbose_name_plural = "Webhook事件"
        ordering = ["id"]
        indexes = [models.Index(fields=["client", "status", "id"], name="webhook_client_status")]

    def __str__(self) -> str:
        return f"事件{self.pk} 工单{self.case_id} {self.get_kind_display()}"


class WebhookAttempt(models.Model):
    """The delivery log: every POST the worker made, answered or not."""

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField("时间")
    status_code = models.PositiveSmallIntegerField("HTTP状态", null=True, blank=True)
    error = models.CharField("错误", max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField("耗时(ms)", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "Webhook投递记录"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"事件{self.event_id} {self.status_code or self.error}"
