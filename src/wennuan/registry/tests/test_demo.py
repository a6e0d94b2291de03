"""The demo city: realistic, deterministic, imported through the real importer, with a user per role."""

import io

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count

from wennuan.accounts.enums import Role
from wennuan.accounts.models import User
from wennuan.registry.demo import DEMO_PASSWORD, build_demo_city, demo_logins, seed_demo_if_empty
from wennuan.registry.ledger.generator import demo_rows
from wennuan.registry.models import Building, Estate, Household


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Argon2 is deliberately slow; these tests are about the demo, not about password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_rows_are_deterministic_for_a_seed():
    assert list(demo_rows(households=300, seed=7)) == list(demo_rows(households=300, seed=7))
    assert list(demo_rows(households=300, seed=7)) != list(demo_rows(households=300, seed=8))


def test_rows_look_like_a_city():
    rows = list(demo_rows(households=500, seed=3))
    priority_share = sum(1 for r in rows if r[15]) / len(rows)
    assert 0.02 <= priority_share <= 0.09
    assert {r[16] for r in rows} == {"已缴", "未缴", "报停"}
    assert {r[7] for r in rows} >= {"幼儿园", "养老院"}
    assert any(len(r[9]) == 4 for r in rows)  # rooms like 1401 in the taller buildings
    assert len({r[0] for r in rows}) == 500


@pytest.mark.django_db
def test_demo_city_of_500_households_has_a_user_for_every_role():
    report = build_demo_city(households=500, seed=11)

    assert report.created == 500
    assert Household.objects.count() == 500
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for user in User.objects.all():
        assert user.scope().kind != "none", user.username
        assert Household.objects.visible_to(user).exists(), user.username
    supervisor = User.objects.get(username="supervisor")
    assert supervisor.is_staff and supervisor.is_superuser
    assert authenticate(username="grid", password=DEMO_PASSWORD) is not None
    # The demo has what the other features must handle: split estates, same names, key sites.
    assert Estate.objects.values("name").annotate(n=Count("district", distinct=True)).filter(n__gt=1).exists()
    split = Estate.objects.annotate(n=Count("buildings__units__households__station", distinct=True))
    assert split.filter(n__gt=1).exists()
    assert Building.objects.exclude(key_site="").count() >= 2


@pytest.mark.django_db
def test_demo_twice_with_the_same_seed_changes_nothing():
    build_demo_city(households=200, seed=5)
    again = build_demo_city(households=200, seed=5)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 200)


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


@pytest.mark.django_db
def test_demo_fills_the_contacts_cards_print_and_keeps_real_ones():
    from wennuan.registry.demo import fill_demo_contacts
    from wennuan.registry.models import Company, Grid, Station

    build_demo_city(households=200, seed=5)
    assert not Grid.objects.filter(worker_name="").exists()
    assert not Station.objects.filter(phone="").exists()
    assert not Company.objects.filter(hotline="").exists()
    company = Company.objects.first()
    Company.objects.filter(pk=company.pk).update(hotline="0931-96556")
    fill_demo_contacts(seed=6)
    assert Company.objects.get(pk=company.pk).hotline == "0931-96556"
