"""Sign-in throttle (django-axes): 10 failures for one account from one client lock that pair out for the
cool-off — the right password included; logins, failures and the lockout are in the audit log."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.core.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="grid1", role=Role.GRID_WORKER)


def _login(client, password, ip="10.1.1.1", username="grid1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_ten_failures_lock_the_account_for_that_client_even_with_the_right_password(client, user):
    for _ in range(10):
        _login(client, "wrong-password")

    response = _login(client, PASSWORD)

    assert response.status_code == 429
    assert "已暂时锁定" in response.content.decode()
    assert not _signed_in(client)
    assert AuditLog.objects.filter(action="auth.login_failed").count() >= 10
    locked = AuditLog.objects.filter(action="auth.locked_out")
    assert locked.exists()
    assert {e.changes["username"] for e in locked} == {"grid1"}
    assert {e.changes["client"] for e in locked} == {"10.1.1.1"}


def test_nine_failures_do_not_lock(client, user):
    for _ in range(9):
        _login(client, "wrong-password")

    assert _login(client, PASSWORD).status_code == 302
    assert _signed_in(client)


def test_another_client_still_signs_in(client, user):
    for _ in range(11):
        _login(client, "wrong-password")

    assert _login(client, PASSWORD, ip="10.2.2.2").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(10):
            _login(client, "wrong-password")
        assert _login(client, PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert _login(client, PASSWORD).status_code == 302


def test_a_login_is_audited(client, user):
    _login(client, PASSWORD)

    entry = AuditLog.objects.get(action="auth.login")
    assert entry.actor_id == user.pk and entry.changes == {"client": "10.1.1.1"}


def test_behind_the_proxy_the_audit_names_the_address_the_proxy_saw(client, user, settings):
    settings.HTTPS = True
    client.post(reverse("login"), {"username": "grid1", "password": PASSWORD}, REMOTE_ADDR="127.0.0.1",
                HTTP_X_FORWARDED_FOR="203.0.113.7")  # fmt: skip
    assert AuditLog.objects.get(action="auth.login").changes == {"client": "203.0.113.7"}
