import io

import pytest

from wennuan.accounts.demo import build_demo
from wennuan.core import demo as core_demo
from wennuan.outages.models import Outage

OUTAGES_ORDER = next(order for order, name, _ in core_demo._SEEDERS if name == "outages")


def seed_up_to_outages(out) -> None:
    """The demo seeders up to this one (later ones, such as the demo season, record outages of their own)."""
    for order, _name, fn in core_demo._SEEDERS:
        if order <= OUTAGES_ORDER and (line := fn()):
            out.write(line)


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_demo_city_has_a_restored_burst_and_a_planned_maintenance():
    build_demo(households=150, seed=4)  # the city and its users (the outages are a dispatcher's)
    out = io.StringIO()
    seed_up_to_outages(out)
    assert "演示停热事件" in out.getvalue()
    burst, planned = Outage.objects.order_by("start")
    assert burst.state == "restored" and burst.household_count > 0
    assert planned.state == "planned" and planned.planned
    seed_up_to_outages(io.StringIO())  # a second run adds nothing
    assert Outage.objects.count() == 2
