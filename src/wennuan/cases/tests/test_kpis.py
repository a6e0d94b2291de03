"""Each KPI formula on hand-made cases whose answer is worked out by hand."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.cases import services
from wennuan.cases.enums import Satisfaction
from wennuan.cases.kpis import kpi_table
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory, StationFactory
from wennuan.rules.models import CaseRules

from .factories import Actors, dispatched, new_case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
RANGE = {"start": T0 - timedelta(days=1), "end": T0 + timedelta(days=10)}


@pytest.fixture
def world():
    """One company, two households; five cases with known outcomes (times in hours after T0).

    a: accepted on time (0.5 h), resolved at 10 h (urgent, limit 48 h), revisited satisfied 19 ℃ at 12 h
    b: accepted late (2 h), resolved at 60 h (late), revisit unsatisfied → reopened
    c: returned once, redispatched, never accepted
    d: repeat of a (same household and category while a is open), never dispatched
    e: another company's case (not in the company's row)
    """
    CityFactory()  # the factories' city, with its default rules, changed here:
    CaseRules.objects.update(outage_min_cases=100)  # these few cases are not an outage cluster
    first = HouseholdFactory()
    second = HouseholdFactory(station=first.station, grid=first.grid)
    actors = Actors(first)
    with time_machine.travel(T0, tick=False) as tm:
        a = dispatched(new_case(household=first), actors.dispatcher)
        b = dispatched(new_case(household=second, category="leak"), actors.dispatcher)
        c = dispatched(new_case(household=second, category="billing"), actors.dispatcher)
        d = new_case(household=first)
        e = new_case(household=HouseholdFactory(station=StationFactory()))
        tm.move_to(T0 + timedelta(minutes=30))
        a = services.accept_case(case=a, by=actors.crew)
        c = services.return_case(case=c, by=actors.crew, reason="非本站")
        c = services.dispatch_case(case=c, by=actors.dispatcher)
        tm.move_to(T0 + timedelta(hours=2))
        b = services.accept_case(case=b, by=actors.crew)
        tm.move_to(T0 + timedelta(hours=10))
        a = services.resolve_case(
            case=a, by=actors.crew, resolution="放气", root_cause="resident", evidence={"temperature": 19}
        )
        tm.move_to(T0 + timedelta(hours=12))
        services.record_revisit(
            case=a, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=19, photo="r.jpg"
        )
        tm.move_to(T0 + timedelta(hours=60))
        b = services.resolve_case(case=b, by=actors.crew, resolution="换阀门", root_cause="company")
        services.record_revisit(case=b, by=actors.grid_worker, satisfaction=Satisfaction.UNSATISFIED)
        table = kpi_table(user=actors.supervisor, group="company", now=T0 + timedelta(hours=61), **RANGE)
    row = next(r for r in table["rows"] if r["group_id"] == first.station.company_id)
    return {"row": row, "table": table, "cases": (a, b, c, d, e)}


def test_counts(world):
    row = world["row"]
    assert (row["received"], row["dispatched"], row["resolved"], row["ever_resolved"]) == (4, 3, 1, 2)


def test_avg_handling_hours_over_cases_still_resolved(world):
    assert world["row"]["avg_handling_hours"] == 10.0  # b was reopened, so only a counts


def test_on_time_rate_over_cases_due(world):
    # due: a (resolved), d (urgent, 48 h passed at 61 h); b reopened has a fresh limit not yet passed
    row = world["row"]
    assert (row["resolved_on_time"], row["due"], row["on_time_rate"]) == (1, 2, 0.5)


def test_completion_rate(world):
    assert world["row"]["completion_rate"] == 0.25


def test_satisfaction_rate_over_answered_revisits(world):
    row = world["row"]
    assert (row["satisfied"], row["answered"], row["satisfaction_rate"]) == (1, 2, 0.5)


def test_effective_revisit_rate_over_resolved_cases(world):
    row = world["row"]
    # b's revisit was unsatisfied and without a reading for a non-heating case: answered, within 24 h → effective
    assert (row["effectively_revisited"], row["ever_resolved"]) == (2, 2)


def test_repeat_return_overdue_accept_and_redo_rates(world):
    row = world["row"]
    assert row["repeat_rate"] == 0.25  # d repeats a
    assert row["return_rate"] == round(1 / 3, 4)  # c
    assert (row["accepted_on_time"], row["on_time_accept_rate"]) == (1, round(1 / 3, 4))
    assert row["redo_rate"] == 0.5  # b of a, b
    # b was accepted and resolved late; c and d passed limits too but no sweep ran to record it
    assert (row["overdue"], row["overdue_rate"]) == (1, 0.25)


def test_other_company_is_its_own_row_and_total_adds_up(world):
    table = world["table"]
    assert len(table["rows"]) == 2
    assert table["total"]["received"] == 5
    assert sum(r["received"] for r in table["rows"]) == 5


def test_scoped_user_sees_only_their_company(world):
    a = world["cases"][0]
    dispatcher = Actors(a.household).dispatcher
    table = kpi_table(user=dispatcher, group="station", **RANGE)
    assert [r["received"] for r in table["rows"]] == [4]
