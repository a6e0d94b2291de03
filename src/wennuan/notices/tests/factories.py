"""Factories for notices tests."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from wennuan.accounts.tests.factories import UserFactory
from wennuan.notices.enums import NoticeKind
from wennuan.notices.models import Notice


class NoticeFactory(DjangoModelFactory):
    """``NoticeFactory(recipient=user)``: an unread escalation notice, unique by its key."""

    class Meta:
        model = Notice

    recipient = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(timezone.now)
    kind = NoticeKind.ESCALATION
    title = factory.Sequence(lambda n: f"工单2026-{n:06d}超时升级：企业主管督促")
    body = "超时未办，升级至供热企业主管督促"
    link = factory.Sequence(lambda n: f"/cases/{n}/")
    key = factory.Sequence(lambda n: f"k{n}")
