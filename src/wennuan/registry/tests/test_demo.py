"""The demo city: realistic, deterministic, imported through the real importer (its users: accounts)."""

import pytest
from django.db.models import Count

from wennuan.registry.demo import build_demo_city
from wennuan.registry.ledger.generator import demo_rows
from wennuan.registry.models import Building, Estate


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
def test_demo_twice_with_the_same_seed_changes_nothing():
    build_demo_city(households=200, seed=5)
    again = build_demo_city(households=200, seed=5)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 200)


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


@pytest.mark.django_db
def test_demo_city_has_what_the_features_must_handle():
    build_demo_city(households=500, seed=11)
    # Split estates, same names in two districts, key sites.
    assert Estate.objects.values("name").annotate(n=Count("district", distinct=True)).filter(n__gt=1).exists()
    split = Estate.objects.annotate(n=Count("buildings__units__households__station", distinct=True))
    assert split.filter(n__gt=1).exists()
    assert Building.objects.exclude(key_site="").count() >= 2
