"""The message pages: menu item with an unread badge, the list, opening one and marking all read (POST +
CSRF)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.notices.models import Notice

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


def _csrf_from(resp) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', resp.content.decode()).group(1)


def _signed_in(user, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.STATION_CREW, Role.SUPERVISOR, Role.GRID_WORKER, Role.SPOT_CHECKER])
def test_every_role_has_the_messages_item_with_its_unread_badge(role):
    user = UserFactory(role=role)
    NoticeFactory.create_batch(3, recipient=user)
    NoticeFactory(recipient=UserFactory())  # someone else's
    html = _signed_in(user).get(reverse("home")).content.decode()
    assert re.search(r'href="/notices/"[^>]*>消息<span class="badge">3</span></a>', html)
    assert '<span class="badge dot"></span>' in html  # on the folded phone menu


def test_no_badge_without_unread_notices():
    user = UserFactory(role=Role.STATION_CREW)
    NoticeFactory(recipient=user, read_at="2026-11-23T09:00:00+08:00")
    html = _signed_in(user).get(reverse("home")).content.decode()
    assert 'href="/notices/"' in html and 'class="badge' not in html


def test_list_shows_own_notices_newest_first_with_unread_highlighted(django_assert_max_num_queries):
    user = UserFactory(role=Role.DISPATCHER)
    read = NoticeFactory(recipient=user, title="旧消息", read_at="2026-11-23T09:00:00+08:00")
    for i in range(5):
        NoticeFactory(recipient=user, title=f"新消息{i}")
    NoticeFactory(recipient=UserFactory(), title="别人的消息")
    client = _signed_in(user)
    # session, user, page count, page rows, the menu's unread count
    with django_assert_max_num_queries(5):
        html = client.get(reverse("notices:list")).content.decode()
    assert "别人的消息" not in html
    assert html.index("新消息4") < html.index("新消息0") < html.index("旧消息")
    assert html.count('class="notice unread"') == 5
    assert f'href="{read.link}"' in html  # a read one is a plain link to its case
    unread_only = client.get(reverse("notices:list"), {"unread": "1"}).content.decode()
    assert "旧消息" not in unread_only and "新消息0" in unread_only


def test_opening_a_notice_needs_post_with_csrf_marks_it_read_and_goes_to_the_case():
    user = UserFactory(role=Role.STATION_CREW)
    notice = NoticeFactory(recipient=user, link="/cases/42/")
    client = _signed_in(user, csrf=True)
    url = reverse("notices:open", args=[notice.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403  # no CSRF token
    token = _csrf_from(client.get(reverse("notices:list")))
    resp = client.post(url, {"csrfmiddlewaretoken": token})
    assert resp.status_code == 302 and resp["Location"] == "/cases/42/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_opening_someone_elses_notice_is_404_and_leaves_it_unread():
    notice = NoticeFactory(recipient=UserFactory())
    resp = _signed_in(UserFactory()).post(reverse("notices:open", args=[notice.pk]))
    assert resp.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_link_to_another_site_is_not_followed():
    user = UserFactory()
    notice = NoticeFactory(recipient=user, link="https://evil.example/x")
    resp = _signed_in(user).post(reverse("notices:open", args=[notice.pk]))
    assert resp["Location"] == reverse("notices:list")


def test_mark_all_read_needs_csrf_and_touches_only_own_notices():
    user, other = UserFactory(), UserFactory()
    NoticeFactory.create_batch(2, recipient=user)
    NoticeFactory(recipient=other)
    client = _signed_in(user, csrf=True)
    assert client.post(reverse("notices:read_all")).status_code == 403
    token = _csrf_from(client.get(reverse("notices:list")))
    resp = client.post(reverse("notices:read_all"), {"csrfmiddlewaretoken": token}, follow=True)
    assert "已将 2 条消息标为已读" in resp.content.decode()
    assert not Notice.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notice.objects.filter(recipient=other, read_at__isnull=True).count() == 1
    assert 'class="badge' not in resp.content.decode()


def test_anonymous_visitor_is_sent_to_login():
    resp = Client().get(reverse("notices:list"))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))


def test_admin_lists_notices_read_only():
    NoticeFactory()
    client = _signed_in(UserFactory(role=Role.SUPERVISOR, is_staff=True))
    assert client.get(reverse("admin:notices_notice_changelist")).status_code == 200
    assert client.get(reverse("admin:notices_notice_add")).status_code == 403
