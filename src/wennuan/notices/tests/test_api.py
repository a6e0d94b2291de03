"""Notices API: each caller sees and marks only their own messages."""

import pytest
from django.test import Client

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory
from wennuan.notices.models import Notice

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/notices/"


def _api(user) -> Client:
    _, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.fixture
def a_and_b():
    a, b = UserFactory(username="a"), UserFactory(username="b")
    NoticeFactory.create_batch(3, recipient=a)
    NoticeFactory(recipient=a, read_at="2026-11-23T09:00:00+08:00")
    NoticeFactory(recipient=b, title="B的消息")
    return a, b


def test_list_holds_only_the_callers_notices_and_filters_unread(a_and_b):
    a, _ = a_and_b
    body = _api(a).get(URL).json()
    assert body["count"] == 4 and body["unread"] == 3 and body["page"] == 1 and body["pages"] == 1
    assert {n["title"] for n in body["items"]}.isdisjoint({"B的消息"})
    assert body["items"][0]["kind_label"] == "超时升级"
    unread = _api(a).get(URL, {"unread": "true", "page_size": 2}).json()
    assert unread["count"] == 3 and unread["pages"] == 2 and len(unread["items"]) == 2
    assert all(n["read_at"] is None for n in unread["items"])


def test_a_caller_cannot_mark_someone_elses_notices(a_and_b):
    a, b = a_and_b
    theirs = Notice.objects.get(recipient=b)
    resp = _api(a).post(f"{URL}read", {"ids": [theirs.pk]}, content_type="application/json")
    assert resp.status_code == 200 and resp.json() == {"marked": 0, "unread": 3}
    resp = _api(a).post(f"{URL}read", {"all": True}, content_type="application/json")
    assert resp.json() == {"marked": 3, "unread": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert _api(b).get(URL).json()["unread"] == 1


def test_mark_some_read_by_id(a_and_b):
    a, _ = a_and_b
    ids = list(Notice.objects.filter(recipient=a, read_at__isnull=True).values_list("pk", flat=True))
    resp = _api(a).post(f"{URL}read", {"ids": ids[:2]}, content_type="application/json")
    assert resp.json() == {"marked": 2, "unread": 1}


def test_absurd_ids_are_refused_not_a_server_error(a_and_b):
    a, _ = a_and_b
    resp = _api(a).post(f"{URL}read", {"ids": [2**70]}, content_type="application/json")
    assert resp.status_code == 422


def test_session_callers_need_csrf_to_mark_read(a_and_b):
    a, _ = a_and_b
    client = Client(enforce_csrf_checks=True)
    client.force_login(a)
    assert client.get(URL).status_code == 200
    assert client.post(f"{URL}read", {"all": True}, content_type="application/json").status_code == 403
    assert Notice.objects.filter(recipient=a, read_at__isnull=True).count() == 3


def test_anonymous_callers_are_refused():
    assert Client().get(URL).status_code == 401
