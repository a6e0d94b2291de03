from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.cases.tests.factories import Actors
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory
from wennuan.rules.models import CaseRules

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 7, 9, 0, tzinfo=TZ)  # a Monday in the 2026-2027 season


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def travel():
    with time_machine.travel(T0, tick=False) as tm:
        yield tm


@pytest.fixture
def world(travel):
    """Two companies in one city; each with a household and its people; outage detection out of the way."""
    CityFactory()
    CaseRules.objects.update(outage_min_cases=100)
    first = HouseholdFactory()
    second = HouseholdFactory(grid=first.grid)
    return {"a": Actors(first), "b": Actors(second), "tm": travel, "t0": T0, "step": timedelta(hours=5)}
