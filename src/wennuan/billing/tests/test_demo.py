"""The demo city gets a tariff, so a measurement below standard shows a refund straight away."""

import io

import pytest

from wennuan.billing.models import MeasurementMethod, RefundRule, Tariff
from wennuan.core.demo import seed_extras
from wennuan.registry.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def test_a_new_city_gets_domain_defaults_and_the_demo_a_tariff():
    city = CityFactory()
    rule = RefundRule.objects.get(city=city)
    assert rule.preset == "default" and rule.bands.count() == 3 and rule.deadline_months == 2
    assert MeasurementMethod.objects.get(city=city).doors_closed_minutes == 30
    seed_extras(out=io.StringIO())
    seed_extras(out=io.StringIO())  # a second run adds no second tariff
    assert Tariff.objects.get(city=city).residential_price == 27
