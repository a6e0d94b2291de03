"""The refund intervals billing reads: company-caused stoppage over the city's threshold, per household."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.outages import selectors, services
from wennuan.outages.enums import OutageCause
from wennuan.outages.models import OutageRule
from wennuan.registry.tests.factories import HouseholdFactory

from .factories import record, record_restored

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def _frozen():
    # Hours are compared exactly (24 h is not "over 24 h"): the clock must not tick between writes.
    with time_machine.travel(
        timezone.datetime(2026, 12, 20, 9, 0, tzinfo=timezone.get_fixed_timezone(480)), tick=False
    ):
        yield


def season():
    now = timezone.now()
    return now - 60 * DAY, now + 60 * DAY


def test_an_outage_over_24_hours_adds_its_whole_days(world):
    h1 = world.households["h1"]
    outage = record_restored(by=world.users["dispatcher"], hours=50, station=world.objects["s1"])
    start, end = season()
    [interval] = selectors.outage_intervals(household=h1, start=start, end=end)
    assert interval.start == outage.start and interval.end == outage.actual_restore
    assert interval.days == 2 and interval.continuous_hours == pytest.approx(50)
    assert interval.outage_ids == (outage.pk,) and not interval.ongoing
    # other households of the city are not hit
    assert selectors.outage_intervals(household=world.households["h4"], start=start, end=end) == []


def test_24_hours_or_less_adds_nothing(world):
    record_restored(by=world.users["dispatcher"], hours=24, station=world.objects["s1"])
    assert (
        selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1]) == []
    )


def test_only_company_caused_unless_asked(world):
    record_restored(
        by=world.users["supervisor"], hours=48, station=world.objects["s1"], cause=OutageCause.WEATHER
    )
    h1, (start, end) = world.households["h1"], season()
    assert selectors.outage_intervals(household=h1, start=start, end=end) == []
    [i] = selectors.outage_intervals(household=h1, start=start, end=end, company_caused_only=False)
    assert i.days == 2


def test_the_heat_source_stoppage_is_refunded_by_the_company(world):
    record_restored(
        by=world.users["supervisor"], hours=30, station=world.objects["s1"], cause=OutageCause.HEAT_SOURCE
    )
    [i] = selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1])
    assert i.days == 1


def test_the_interval_is_clipped_to_the_window_but_judged_whole(world):
    outage = record_restored(by=world.users["dispatcher"], hours=60, station=world.objects["s1"])
    cut = outage.start + timedelta(hours=20)  # the season ends 20 h into a 60 h outage
    [i] = selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=cut)
    assert i.end == cut and i.days == 0 and i.continuous_hours == pytest.approx(60)
    later = outage.start + timedelta(hours=10)
    [i] = selectors.outage_intervals(household=world.households["h1"], start=later, end=season()[1])
    assert i.start == later and i.days == 2


def test_overlapping_outages_count_once(world):
    # the station for 20 h, then its building for 20 h starting 10 h in: one 30 h stoppage of h1
    d = world.users["dispatcher"]
    now = timezone.now()
    a = services.record_outage(
        by=d, cause=OutageCause.PIPE_BURST, start=now - timedelta(hours=31),
        expected_restore=now, station=world.objects["s1"],
    )  # fmt: skip
    b = services.record_outage(
        by=d, cause=OutageCause.COMPANY_EQUIPMENT, start=now - timedelta(hours=21),
        expected_restore=now, buildings=[world.objects["b1"]],
    )  # fmt: skip
    services.restore_outage(outage=a, by=d, at=now - timedelta(hours=11))
    services.restore_outage(outage=b, by=d, at=now - timedelta(hours=1))
    [i] = selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1])
    assert i.outage_ids == (a.pk, b.pk) and i.continuous_hours == pytest.approx(30) and i.days == 1
    # h2 (building only) had 20 h: nothing
    assert (
        selectors.outage_intervals(household=world.households["h2"], start=season()[0], end=season()[1]) == []
    )


def test_an_ongoing_outage_counts_to_now(world):
    outage = record(by=world.users["dispatcher"], hours_ago=49, station=world.objects["s1"])
    [i] = selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1])
    assert i.ongoing and i.days == 2 and i.start == outage.start


def test_a_planned_outage_adds_nothing_before_it_starts(world):
    start = timezone.now() + DAY
    services.record_outage(
        by=world.users["dispatcher"], cause=OutageCause.PLANNED_MAINTENANCE, start=start,
        expected_restore=start + 3 * DAY, station=world.objects["s1"],
    )  # fmt: skip
    assert (
        selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1]) == []
    )


def test_the_city_rule_in_force_sets_the_threshold(world):
    city = world.objects["co1"].city
    OutageRule.objects.create(city=city, refund_after_hours=12, effective_from=date(2000, 1, 1))
    record_restored(by=world.users["dispatcher"], hours=20, station=world.objects["s1"])
    [i] = selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1])
    assert i.days == 0 and i.hours == pytest.approx(20)
    OutageRule.objects.update(effective_to=date(2001, 1, 1))  # expired: back to domain.md's 24 h
    assert (
        selectors.outage_intervals(household=world.households["h1"], start=season()[0], end=season()[1]) == []
    )


def test_bulk_variant_reads_a_ledger_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    from wennuan.registry.models import Household

    record_restored(by=world.users["supervisor"], hours=30, station=world.objects["s1"])
    record_restored(by=world.users["supervisor"], hours=75, station=world.objects["s3"], ended_hours_ago=100)
    start, end = season()
    with django_assert_num_queries(2):  # the links, and the city's rule
        found = selectors.outage_intervals_by_household(
            households=Household.objects.all(), start=start, end=end
        )
    days = {Household.objects.get(pk=pk).account: sum(i.days for i in rows) for pk, rows in found.items()}
    assert days == {"A0001": 1, "A0003": 3, "B0001": 3}


def test_window_must_be_aware(world):
    with pytest.raises(ValueError):
        selectors.outage_intervals(
            household=world.households["h1"], start=timezone.datetime(2026, 1, 1), end=timezone.now()
        )


@settings(max_examples=25, deadline=None)
@given(
    spans=st.lists(st.tuples(st.integers(1, 400), st.integers(1, 120)), min_size=1, max_size=4),
    window=st.tuples(st.integers(0, 500), st.integers(1, 500)),
)
def test_intervals_are_inside_the_window_disjoint_and_never_negative(spans, window):
    """Any outages of one household: intervals lie in the window, do not overlap, days ≥ 0 and ≤ hours/24."""
    with transaction.atomic():  # each example rolls back its rows; the clock is frozen by _frozen
        h = HouseholdFactory()
        boss = UserFactory(role=Role.SUPERVISOR)
        base = timezone.now() - timedelta(hours=600)
        for ago, length in spans:
            start = base + timedelta(hours=ago)
            end = min(start + timedelta(hours=length), timezone.now())
            if end <= start:
                continue
            o = services.record_outage(
                by=boss, cause=OutageCause.PIPE_BURST, start=start, expected_restore=start + timedelta(hours=length),
                station=h.station,
            )  # fmt: skip
            services.restore_outage(outage=o, by=boss, at=end)
        w_start = base + timedelta(hours=window[0])
        w_end = w_start + timedelta(hours=window[1])
        rows = selectors.outage_intervals(household=h, start=w_start, end=w_end)
        for i in rows:
            assert w_start <= i.start < i.end <= w_end
            assert 0 <= i.days <= i.hours / 24
            assert i.continuous_hours > 24
        for a, b in zip(rows, rows[1:], strict=False):
            assert a.end < b.start
        transaction.set_rollback(True)
