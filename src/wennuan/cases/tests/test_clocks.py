"""Defect 4 (issue 13): the contact and on-site clocks start at 派单, not 签收 (a late accept buys no time);
a measurement request (测温, category refund) has its own clock, 24 h by default, per city."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from wennuan.cases import services
from wennuan.core.categories import Category
from wennuan.rules.models import CaseRules

from .factories import new_case

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def test_contact_and_onsite_clocks_start_at_dispatch(time_machine, actors):
    time_machine.move_to(T0, tick=False)
    case = services.dispatch_case(case=new_case(household=actors.household), by=actors.dispatcher)
    # urgent (not_warm): contact 1 h, on site 12 h — due from the dispatch, before anyone accepts
    assert case.contact_due == T0 + timedelta(hours=1)
    assert case.onsite_due == T0 + timedelta(hours=12)


def test_a_late_accept_buys_no_time(time_machine, actors):
    time_machine.move_to(T0, tick=False)
    case = services.dispatch_case(case=new_case(household=actors.household), by=actors.dispatcher)
    time_machine.move_to(T0 + timedelta(hours=3), tick=False)
    case = services.accept_case(case=case, by=actors.crew)
    assert case.contact_due == T0 + timedelta(hours=1)
    assert case.onsite_due == T0 + timedelta(hours=12)
    case.refresh_from_db()
    assert case.contact_due == T0 + timedelta(hours=1)


def test_return_stops_the_units_clocks_and_a_new_dispatch_restarts_them(time_machine, actors):
    time_machine.move_to(T0, tick=False)
    case = services.dispatch_case(case=new_case(household=actors.household), by=actors.dispatcher)
    time_machine.move_to(T0 + timedelta(minutes=20), tick=False)
    case = services.return_case(case=case, by=actors.crew, reason="不是我站的用户")
    assert (case.contact_due, case.onsite_due) == (None, None)
    time_machine.move_to(T0 + timedelta(hours=2), tick=False)
    case = services.dispatch_case(case=case, by=actors.dispatcher)
    assert case.contact_due == T0 + timedelta(hours=3)


def test_measurement_request_is_due_within_24_hours_of_dispatch(time_machine, actors):
    time_machine.move_to(T0, tick=False)
    case = new_case(household=actors.household, category=Category.REFUND, text="申请测温")
    case = services.dispatch_case(case=case, by=actors.dispatcher)
    assert case.onsite_due == T0 + timedelta(hours=24)


def test_measurement_clock_is_the_citys_rule(time_machine, actors):
    CaseRules.objects.update(measurement_hours=2)  # Shenyang measures within 2 h
    time_machine.move_to(T0, tick=False)
    case = new_case(household=actors.household, category=Category.REFUND, text="申请测温")
    case = services.dispatch_case(case=case, by=actors.dispatcher)
    assert case.onsite_due == T0 + timedelta(hours=2)


def test_missed_measurement_clock_is_overdue(time_machine, actors):
    from wennuan.cases.sweep import run_sweep

    time_machine.move_to(T0, tick=False)
    case = new_case(household=actors.household, category=Category.REFUND, text="申请测温")
    case = services.accept_case(case=services.dispatch_case(case=case, by=actors.dispatcher), by=actors.crew)
    services.record_contact(case=case, by=actors.crew)
    time_machine.move_to(T0 + timedelta(hours=25), tick=False)
    run_sweep()
    case.refresh_from_db()
    assert case.is_overdue and "onsite" in case.overdue_limits
