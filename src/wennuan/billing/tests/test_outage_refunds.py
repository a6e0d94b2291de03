"""Company-caused outages over 24 h (the outages app) add their days at 100% to the household's refund."""

from decimal import Decimal

import pytest

from wennuan.billing.models import RefundEntry
from wennuan.cases.tests.factories import crew_for, dispatcher_for
from wennuan.outages.enums import OutageCause
from wennuan.outages.tests.factories import record_restored

from .conftest import local
from .factories import household_with_tariff, measure

pytestmark = pytest.mark.django_db


def test_restoring_a_54_hour_outage_puts_two_full_days_in_the_ledger(in_season):
    household = household_with_tariff()
    record_restored(by=dispatcher_for(household.station.company), hours=54, station=household.station,
                    cause=OutageCause.PIPE_BURST)  # fmt: skip
    entry = RefundEntry.objects.get(household=household)
    # 100 ㎡ × 27 ÷ 151 × 2 days × 100% = 35.76
    assert entry.amount == Decimal("35.76") and entry.days == 2
    assert "企业原因停热" in entry.explanation and "按100%退费" in entry.explanation


def test_a_short_outage_adds_nothing(in_season):
    household = household_with_tariff()
    record_restored(by=dispatcher_for(household.station.company), hours=20, station=household.station)
    assert not RefundEntry.objects.filter(household=household).exists()


def test_outage_hours_are_not_counted_twice_with_a_measured_period(in_season):
    household = household_with_tariff()
    crew = crew_for(household.station)
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    measure(household, crew, local("2025-12-19T09:30"), "18.3")
    # 9 measured days at 50% = 80.46 before the outage
    assert RefundEntry.objects.get(household=household).amount == Decimal("80.46")
    record_restored(by=dispatcher_for(household.station.company), hours=54, ended_hours_ago=30,
                    station=household.station)  # fmt: skip
    entry = RefundEntry.objects.get(household=household)
    # The outage (12-17 04:00 → 12-19 10:00) overlaps the period by 53.5 h: 9 d − 53.5 h = 6 d 18.5 h → 6 days
    # at 50% (53.64) + 2 days at 100% (35.76).
    assert entry.amount == Decimal("89.40"), entry.explanation
