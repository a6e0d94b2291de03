"""A message to one person (消息提醒): something happened that they must act on or know about.

Notices are written by ``notices.services.notify`` only, inside the transaction of the change they tell
about; the only later change is ``read_at``. A notice knows nothing of the apps that write it (they sit
above): it stores what it is about as a ``subject`` string ("case:42") and the ``link`` to open."""

from django.conf import settings
from django.db import models

from .enums import NoticeKind


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own notices, whatever their role: nobody reads someone else's messages."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    # db_index=False: the composite indexes below start with the recipient.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        db_index=False,
        verbose_name="接收人",
    )
    created_at = models.DateTimeField("时间")
    kind = models.CharField("类型", max_length=32, choices=NoticeKind.choices)
    title = models.CharField("标题", max_length=100)
    body = models.CharField("内容", max_length=300, blank=True)
    link = models.CharField("链接", max_length=200, blank=True)
    # What it is about, named by the app that wrote it ("case:42"); "" for nothing in particular.
    subject = models.CharField("关于", max_length=64, blank=True, default="")
    # What makes a notice the same one again: the escalation step, the 督办 order, the dispatch.
    key = models.CharField("去重键", max_length=64, blank=True, default="")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "消息"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notice_recipient_read"),
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_newest"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "subject", "key"], name="uniq_notice"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.title}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
