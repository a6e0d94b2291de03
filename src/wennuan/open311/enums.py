"""Codes of the open311 app: English codes, Chinese labels."""

from django.db import models


class EventKind(models.TextChoices):
    """The case changes a 311 client or 12345 platform is told of (one per timeline action)."""

    DISPATCHED = "dispatched", "派单"
    RESOLVED = "resolved", "办结"
    REVISITED = "revisited", "回访"
    REOPENED = "reopened", "重办"
    CLOSED = "closed", "归档"
    ESCALATED = "escalated", "超时升级"


# Timeline action (cases.hooks.CaseChange.action) → the event it sends.
ACTION_EVENTS = {
    "dispatch": EventKind.DISPATCHED,
    "resolve": EventKind.RESOLVED,
    "revisit": EventKind.REVISITED,
    "reopen": EventKind.REOPENED,
    "close": EventKind.CLOSED,
    "answer": EventKind.CLOSED,  # 直接答复: closed on the call
    "escalate": EventKind.ESCALATED,
}


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "待投递"
    DELIVERED = "delivered", "已送达"
    FAILED = "failed", "已放弃"
