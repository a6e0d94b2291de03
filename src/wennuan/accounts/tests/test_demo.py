"""The demo's people: one user per role on the demo city, seeded only on an empty database."""

import io

import pytest
from django.contrib.auth import authenticate

from wennuan.accounts.demo import DEMO_PASSWORD, build_demo, demo_logins, seed_demo_if_empty
from wennuan.accounts.models import User
from wennuan.core.roles import Role
from wennuan.core.scope import ScopeKind
from wennuan.registry.models import Household


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Argon2 is deliberately slow; these tests are about the demo, not about password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_city_of_500_households_has_a_user_for_every_role():
    report = build_demo(households=500, seed=11)

    assert report.created == 500
    assert Household.objects.count() == 500
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for user in User.objects.all():
        assert user.scope().kind != ScopeKind.NONE, user.username
        assert Household.objects.visible_to(user).exists(), user.username
    supervisor = User.objects.get(username="supervisor")
    assert supervisor.is_staff and not supervisor.is_superuser
    assert authenticate(username="grid", password=DEMO_PASSWORD) is not None


@pytest.mark.django_db
def test_seed_only_when_empty_and_logins_listed():
    assert demo_logins() == []
    out = io.StringIO()
    assert seed_demo_if_empty(households=150, out=out) is True
    assert seed_demo_if_empty(households=150, out=out) is False
    logins = demo_logins()
    assert [login[0] for login in logins] == [
        "supervisor",
        "district",
        "street",
        "community",
        "grid",
        "agent",
        "dispatcher",
        "crew",
        "checker",
    ]
    assert all(login[1] == DEMO_PASSWORD for login in logins)
    assert logins[0][3] == "全市"
    assert logins[4][3].startswith("网格：")
