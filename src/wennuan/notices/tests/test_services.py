"""notify: one notice per person, idempotent; mark_read: only one's own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.notices import selectors, services
from wennuan.notices.enums import NoticeKind
from wennuan.notices.models import Notice

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_notify_twice_with_the_same_key_tells_each_person_once():
    a, b = UserFactory(), UserFactory()
    for _ in range(2):
        services.notify([a, b, a], kind=NoticeKind.ESCALATION, title="升级", subject="case:7", key=1)
    assert Notice.objects.filter(subject="case:7").count() == 2
    services.notify([a], kind=NoticeKind.ESCALATION, title="升级", subject="case:7", key=2)
    services.notify([a], kind=NoticeKind.SUPERVISION, title="督办", subject="case:7", key=1)
    services.notify([a], kind=NoticeKind.SUPERVISION, title="督办", subject="case:8", key=1)
    assert a.notices.count() == 4


def test_notify_without_a_case_is_idempotent_too():
    a = UserFactory()
    for _ in range(2):
        services.notify([a], kind=NoticeKind.SUPERVISION, title="通知", key="weekly")
    assert a.notices.count() == 1 and a.notices.get().link == ""


def test_notify_skips_inactive_users_and_costs_nothing_for_nobody(django_assert_num_queries):
    gone = UserFactory(is_active=False)
    with django_assert_num_queries(0):
        assert services.notify([gone], kind=NoticeKind.ESCALATION, title="升级", key=1) == []
    assert services.notify(User.objects.filter(pk=gone.pk), kind=NoticeKind.ESCALATION, title="升级") == []
    assert not Notice.objects.exists()


def test_notify_keeps_the_link_it_is_given_and_keeps_texts_short():
    a = UserFactory(role=Role.DISPATCHER)
    services.notify(
        [a],
        kind=NoticeKind.DISPATCHED,
        title="新" * 300,
        body="长" * 1000,
        subject="case:3",
        link="/cases/3/",
    )
    notice = a.notices.get()
    assert (notice.subject, notice.link) == ("case:3", "/cases/3/")
    assert len(notice.title) == 100 and len(notice.body) == 300


def test_mark_read_marks_only_the_users_own_notices():
    a, b = UserFactory(), UserFactory()
    mine, theirs = NoticeFactory(recipient=a), NoticeFactory(recipient=b)
    assert services.mark_read(user=a, ids=[theirs.pk]) == 0
    assert services.mark_read(user=a, ids=[mine.pk, theirs.pk]) == 1
    assert services.mark_read(user=a, ids=[mine.pk]) == 0  # already read
    NoticeFactory(recipient=a)
    assert services.mark_read(user=a, ids=services.ALL) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None and selectors.unread_count(b) == 1 and selectors.unread_count(a) == 0


def test_notices_are_listed_newest_first_and_can_be_narrowed_to_unread():
    a = UserFactory()
    old = NoticeFactory(recipient=a, created_at=timezone.now() - timedelta(hours=2))
    new = NoticeFactory(recipient=a)
    services.mark_read(user=a, ids=[new.pk])
    assert list(selectors.notices_for(a)) == [new, old]
    assert list(selectors.notices_for(a, unread_only=True)) == [old]
    assert selectors.notice_for(UserFactory(), old.pk) is None
