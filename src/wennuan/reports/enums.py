"""Codes of the reports app: English codes, Chinese labels."""

from django.db import models


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    DONE = "done", "已生成"
    FAILED = "failed", "生成失败"


class BulletinState(models.TextChoices):
    """通报: drafted by the system, edited, approved by a supervisor, then issued (published)."""

    DRAFT = "draft", "草稿"
    APPROVED = "approved", "已审核"
    ISSUED = "issued", "已印发"
