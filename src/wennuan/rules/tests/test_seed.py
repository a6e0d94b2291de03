import importlib

import pytest
from django.apps import apps

from wennuan.registry.tests.factories import CityFactory
from wennuan.rules.models import IndoorStandard, Season

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("wennuan.rules.migrations.0002_seed_cities")


def test_the_migration_seeds_every_existing_city_once():
    a, b = CityFactory(name="兰州市"), CityFactory(name="白银市")
    IndoorStandard.objects.all().delete()
    Season.objects.filter(city=b).delete()
    kept = Season.objects.get(city=a)
    seed_migration.seed(apps, None)
    seed_migration.seed(apps, None)  # idempotent
    assert IndoorStandard.objects.filter(city=a).count() == IndoorStandard.objects.filter(city=b).count() == 1
    assert list(Season.objects.filter(city=a)) == [kept]
    assert Season.objects.filter(city=b).count() == 1
