"""Helpers for the sensors tests: a household with a collector in a city whose season covers now, and
messages as a collector sends them."""

import json
from datetime import timedelta

from django.utils import timezone

from wennuan.registry.tests.factories import HouseholdFactory, UnitFactory
from wennuan.rules.models import Season
from wennuan.sensors.ingest import Message
from wennuan.sensors.models import Device

PREFIX = "wennuan"


def in_season(city) -> None:
    """Make sure the city heats today (the seeded season is the current or the next one)."""
    today = timezone.localdate()
    if not Season.objects.filter(city=city).covering(today).exists():
        Season.objects.create(
            city=city, name=f"测试{today:%Y%m%d}", starts_on=today - timedelta(days=60),
            ends_on=today + timedelta(days=60),
        )  # fmt: skip


def collector(serial: str, household=None, **kw) -> Device:
    household = household or HouseholdFactory()
    in_season(household.station.company.city)
    return Device.objects.create(
        serial=serial, household=household, installed_on=timezone.localdate() - timedelta(days=10), **kw
    )


def neighbour(household, **kw):
    """Another household in the same building and station."""
    return HouseholdFactory(unit=UnitFactory(building=household.unit.building), station=household.station,
                            grid=household.grid, **kw)  # fmt: skip


def message(serial: str, at, celsius, *, battery=90, city="兰州市", prefix=PREFIX) -> Message:
    body = {"time": at.isoformat(), "c": celsius, "battery": battery}
    return Message(f"{prefix}/{city}/{serial}/reading", json.dumps(body).encode())


def every_10_min(start, end):
    t = start
    while t <= end:
        yield t
        t += timedelta(minutes=10)
