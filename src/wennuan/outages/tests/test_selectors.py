"""Who sees which outage, its households (masked by role) and the mass complaints attached to it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.cases.models import Case
from wennuan.outages import selectors
from wennuan.outages.models import Outage

from .factories import record

pytestmark = pytest.mark.django_db


def visible(world, who) -> set[int]:
    return set(Outage.objects.visible_to(world.users[who]).values_list("pk", flat=True))


def test_scope_dispatcher_own_company_region_roles_their_households(world):
    o = world.objects
    s1 = record(by=world.users["dispatcher"], station=o["s1"])  # h1: g1, 东岗
    west = record(by=world.users["supervisor"], units=[o["u2"]])  # h4: g3, 西园, company 2
    assert visible(world, "supervisor") == {s1.pk, west.pk}
    assert visible(world, "dispatcher") == {s1.pk}
    assert visible(world, "crew") == {s1.pk}
    assert visible(world, "grid") == {s1.pk}
    assert visible(world, "community") == {s1.pk}
    assert visible(world, "street") == {s1.pk}
    assert visible(world, "district") == {s1.pk}
    assert visible(world, "noscope") == set()


def test_households_are_those_of_the_viewers_scope(world):
    outage = record(
        by=world.users["supervisor"], buildings=[world.objects["b1"]], company=world.objects["co1"]
    )
    accounts = lambda who: [  # noqa: E731
        h.account for h in selectors.affected_households(outage=outage, user=world.users[who])
    ]
    assert accounts("supervisor") == ["A0001", "A0002"]
    assert accounts("grid") == ["A0001"]
    assert accounts("crew") == ["A0001"]


def _case(household, *, hours_ago, flagged=True, **kw):
    return Case.objects.create(
        channel="hotline_12345",
        text="全楼停暖",
        household=household,
        building=household.unit.building if household else kw.pop("building"),
        station=household.station if household else kw.pop("station", None),
        company=household.station.company if household else None,
        grid=household.grid if household else None,
        received_at=timezone.now() - timedelta(hours=hours_ago),
        suspected_outage=flagged,
        **kw,
    )


def test_the_mass_complaints_in_its_area_and_time_are_attached(world):
    o, h = world.objects, world.households
    outage = record(by=world.users["dispatcher"], hours_ago=10, buildings=[o["b1"]])
    inside = _case(h["h1"], hours_ago=5)
    building_level = _case(None, hours_ago=4, building=o["b1"])
    _case(h["h1"], hours_ago=12)  # before the outage started
    _case(h["h2"], hours_ago=3, flagged=False)  # not a suspected outage
    _case(h["h4"], hours_ago=3)  # elsewhere
    found = list(selectors.suspected_cases(outage=outage, user=world.users["supervisor"]))
    assert found == [inside, building_level]


def test_a_station_outage_attaches_the_station_cases(world):
    o, h = world.objects, world.households
    outage = record(by=world.users["dispatcher"], hours_ago=10, station=o["s1"])
    station_level = _case(None, hours_ago=2, building=o["b2"], station=o["s1"])
    assert list(selectors.suspected_cases(outage=outage, user=world.users["supervisor"])) == [station_level]
    assert h["h1"]  # h1 is the station's only household; its cases would be attached as well


def test_refund_explanation(world):
    outage = record(by=world.users["dispatcher"], hours_ago=30, station=world.objects["s1"])
    refund = selectors.outage_refund(outage, now=outage.start + timedelta(hours=30))
    assert refund.days == 1
    assert refund.explanation == "连续停热30小时，超过24小时，按整24小时计1天，按100%退费"
    assert selectors.outage_refund(outage, now=outage.start + timedelta(hours=20)).explanation == (
        "连续停热20小时，未超过24小时，不计入退费"
    )
