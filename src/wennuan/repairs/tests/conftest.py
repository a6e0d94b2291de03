"""A small city (accounts.tests.world) with complaints, readings and an outage whose figures are worked
out by hand:

幸福小区 (h1, h2 of 热力一公司, h3 of 热力二公司): 3 complaints (h1 不热, h1 不热 again → a repeat, h2 漏水)
西园小区 (h4): 2 complaints (不热, 缴费), a visit reading of 15 ℃ (below standard) and one of 19 ℃,
             an outage over its building
"""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.accounts.tests.world import build_world
from wennuan.cases.tests.factories import new_case
from wennuan.outages.enums import AreaKind, Liability, OutageCause
from wennuan.outages.models import Outage, OutageHousehold
from wennuan.rules.models import CaseRules
from wennuan.visits.models import TemperatureReading, Visit
from wennuan.visits.tests.factories import PhaseFactory

TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 12, 10, 9, 0, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db):
    world = build_world()
    CaseRules.objects.update(outage_min_cases=100)  # a few complaints from one building are no outage
    h, u, o = world.households, world.users, world.objects
    with time_machine.travel(T0, tick=False) as tm:
        new_case(household=h["h1"], category="not_warm")
        tm.shift(timedelta(hours=1))
        new_case(household=h["h1"], category="not_warm")  # a repeat of the first (still open)
        new_case(household=h["h2"], category="leak")
        new_case(household=h["h4"], category="not_warm")
        new_case(household=h["h4"], category="billing")
        phase = PhaseFactory(campaign__city=o["d_a"].city)
        visit = Visit.objects.create(
            client_id=uuid.uuid4(),
            phase=phase,
            household=h["h4"],
            visitor=u["grid"],
            visited_at=T0,
            outcome="visited",
            synced_at=T0,
        )
        for celsius, below in ((15, True), (19, False)):
            TemperatureReading.objects.create(
                visit=visit, room="卧室", celsius=celsius, measured_at=T0, below_standard=below
            )
        outage = Outage.objects.create(
            company=o["co2"],
            area_kind=AreaKind.BUILDINGS,
            cause=OutageCause.PIPE_BURST,
            liability=Liability.COMPANY,
            start=T0,
            expected_restore=T0 + timedelta(hours=8),
            recorded_at=T0,
        )
        OutageHousehold.objects.create(outage=outage, household=h["h4"])
    return world


@pytest.fixture
def span():
    return {"start": T0 - timedelta(days=1), "end": T0 + timedelta(days=1)}
