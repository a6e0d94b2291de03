"""API tokens: the console command, and bearer authentication (valid, revoked, missing)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import AuditLog

pytestmark = pytest.mark.django_db


def _create(username: str, name: str = "对接") -> str:
    out = StringIO()
    call_command("token", "create", username, "--name", name, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_create_prints_the_token_once_and_stores_only_its_hash():
    UserFactory(username="robot")
    key = _create("robot", "12345对接")
    row = ApiToken.objects.get()
    assert key.startswith("wn_") and row.prefix == key[:8] and row.name == "12345对接"
    assert row.key_hash == ApiToken.hash(key) and key not in row.key_hash
    assert AuditLog.objects.filter(action="token.issue", object_id=str(row.pk)).exists()


def test_create_for_unknown_user_fails():
    with pytest.raises(CommandError):
        _create("nobody")


def test_valid_token_authenticates_the_api():
    UserFactory(username="robot2")
    key = _create("robot2")
    resp = Client().get("/api/v1/registry/districts", headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_is_refused():
    UserFactory(username="robot3")
    key = _create("robot3")
    out = StringIO()
    call_command("token", "revoke", key[:8], stdout=out)
    assert "已吊销" in out.getvalue()
    assert ApiToken.objects.get().revoked
    assert AuditLog.objects.filter(action="token.revoke").count() == 1
    resp = Client().get("/api/v1/registry/districts", headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 401


def test_revoking_an_unknown_prefix_fails():
    with pytest.raises(CommandError):
        call_command("token", "revoke", "wn_nope")


def test_missing_or_wrong_token_is_refused():
    assert Client().get("/api/v1/registry/households").status_code == 401
    resp = Client().get("/api/v1/registry/households", headers={"Authorization": "Bearer wn_not-a-token"})
    assert resp.status_code == 401


def test_token_of_a_deactivated_user_is_refused():
    user = UserFactory(username="robot4")
    key = _create("robot4")
    user.is_active = False
    user.save()
    resp = Client().get("/api/v1/registry/districts", headers={"Authorization": f"Bearer {key}"})
    assert resp.status_code == 401


def test_list_never_prints_the_token():
    UserFactory(username="robot5")
    key = _create("robot5")
    out = StringIO()
    call_command("token", "list", stdout=out)
    assert key[:8] in out.getvalue() and key not in out.getvalue()
