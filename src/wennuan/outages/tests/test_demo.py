import io

import pytest

from wennuan.accounts.demo import build_demo
from wennuan.core.demo import seed_extras
from wennuan.outages.models import Outage


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_city_has_a_restored_burst_and_a_planned_maintenance():
    build_demo(households=150, seed=4)  # the city and its users (the outages are a dispatcher's)
    out = io.StringIO()
    seed_extras(out=out)
    assert "演示停热事件" in out.getvalue()
    burst, planned = Outage.objects.order_by("start")
    assert burst.state == "restored" and burst.household_count > 0
    assert planned.state == "planned" and planned.planned
    seed_extras(out=io.StringIO())  # a second run adds nothing
    assert Outage.objects.count() == 2
