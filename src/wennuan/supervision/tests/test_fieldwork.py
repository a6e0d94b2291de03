"""测温达标率 and 走访覆盖率 from the field tallies equal a direct count, folded in steps or rebuilt."""

import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest

from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.rules.models import Season
from wennuan.supervision import fieldwork, footprint, selectors
from wennuan.visits.enums import Outcome
from wennuan.visits.models import TemperatureReading, Visit
from wennuan.visits.tests.factories import PhaseFactory

from .conftest import TZ

pytestmark = pytest.mark.django_db


def _visit(household, phase, by, at, outcome=Outcome.VISITED, temps=()):
    visit = Visit.objects.create(client_id=uuid.uuid4(), phase=phase, household=household, visitor=by,
                                 visited_at=at, outcome=outcome, synced_at=at)  # fmt: skip
    for t in temps:
        TemperatureReading.objects.create(visit=visit, room="卧室", celsius=Decimal(t), measured_at=at,
                                          below_standard=Decimal(t) < 18)  # fmt: skip
    return visit


def test_compliance_and_coverage_match_a_direct_count(world, monkeypatch):
    monkeypatch.setattr(fieldwork, "OVERLAP", 0)  # the logic, not the safety margin, must find the days
    a = world["a"]
    city = a.household.grid.community.street.district.city
    Season.objects.filter(city=city).delete()
    Season.objects.create(city=city, name="2026-2027", starts_on=date(2026, 11, 1), ends_on=date(2027, 3, 31))
    phase = PhaseFactory(campaign__city=city)
    third = HouseholdFactory(grid=a.household.grid, station=a.household.station)
    day = lambda d, h=10: datetime(2026, 12, d, h, tzinfo=TZ)  # noqa: E731
    _visit(a.household, phase, a.grid_worker, day(1), temps=[19, 17])
    _visit(world["b"].household, phase, a.grid_worker, day(2), temps=[20])
    _visit(world["b"].household, phase, a.grid_worker, day(2, 15))  # twice in a day: one household
    _visit(third, phase, a.grid_worker, day(2), outcome=Outcome.NOT_HOME)
    footprint.refresh()
    fieldwork.fold()
    _visit(a.household, phase, a.grid_worker, day(3), temps=[16])  # a second visit: no new household
    _visit(third, phase, a.grid_worker, day(4), temps=[21])
    fieldwork.fold()
    folded = fieldwork.snapshot()
    assert fieldwork.rebuild() and fieldwork.snapshot() == folded
    boss = a.supervisor
    values = {
        k["key"]: k for k in selectors.kpis(boss, start=date(2026, 12, 1), end=date(2026, 12, 5))["kpis"]
    }
    assert (
        values["temperature_compliance"]["numerator"],
        values["temperature_compliance"]["denominator"],
    ) == (3, 5)
    assert (values["visit_coverage"]["numerator"], values["visit_coverage"]["denominator"]) == (3, 3)
    # Up to 2 December: two households of three entered; coverage counts from the season's start.
    early = {
        k["key"]: k for k in selectors.kpis(boss, start=date(2026, 12, 2), end=date(2026, 12, 2))["kpis"]
    }
    assert early["visit_coverage"]["value"] == round(2 / 3, 4)
    assert early["temperature_compliance"]["value"] == 1.0
    # A visit synced late with an earlier time moves the household's first day.
    _visit(third, phase, a.grid_worker, day(1, 8), temps=[18])
    fieldwork.fold()
    moved = fieldwork.snapshot()
    fieldwork.rebuild()
    assert fieldwork.snapshot() == moved
    first_day = {
        k["key"]: k for k in selectors.kpis(boss, start=date(2026, 12, 1), end=date(2026, 12, 1))["kpis"]
    }
    assert first_day["visit_coverage"]["numerator"] == 2
