from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import services
from wennuan.cases.enums import CaseState, RootCause, Satisfaction
from wennuan.cases.models import CaseEvent, SpotCheck
from wennuan.cases.services.spotcheck import last_week_start, sample_ids
from wennuan.core.errors import TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory, UnitFactory
from wennuan.rules.models import CaseRules

from .factories import Actors, closed, dispatched, new_case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_last_week_start_is_the_previous_monday():
    assert last_week_start(datetime(2026, 11, 25, 9, tzinfo=TZ)) == date(2026, 11, 16)


def test_sample_is_reproducible_and_stratified():
    pool = {1: list(range(100, 120)), 2: [7, 8]}
    first = sample_ids(pool, per_company=3, seed="s")
    assert first == sample_ids({2: [8, 7], 1: list(reversed(range(100, 120)))}, per_company=3, seed="s")
    assert len(first[1]) == 3 and first[2] == [7, 8]
    assert any(sample_ids(pool, per_company=3, seed=f"w{i}")[1] != first[1] for i in range(5))


def _closed_cases(n, when):
    out = []
    with time_machine.travel(when, tick=False):
        for _ in range(n):
            actors = Actors(HouseholdFactory())
            out.append(closed(new_case(household=actors.household), actors=actors))
    return out


def test_weekly_draw_samples_each_company_and_assigns_checkers():
    CityFactory()  # the factories' city, with its default rules, changed here:
    CaseRules.objects.update(spot_check_per_company=1)
    checkers = [UserFactory(role=Role.SPOT_CHECKER), UserFactory(role=Role.SPOT_CHECKER)]
    cases = _closed_cases(3, datetime(2026, 11, 17, 10, tzinfo=TZ))
    drawn = services.draw_spot_check(week_start=date(2026, 11, 16))
    assert len(drawn) == 3  # each factory household belongs to its own company
    assert {c.checker_id for c in drawn} == {u.pk for u in checkers}
    assert {c.case_id for c in drawn} == {c.pk for c in cases}
    again = services.draw_spot_check(week_start=date(2026, 11, 16))
    assert [c.pk for c in again] == [c.pk for c in drawn]
    assert CaseEvent.objects.filter(action="spot_check_drawn").count() == 3


def test_failed_spot_check_puts_case_on_fake_closure_list():
    checker = UserFactory(role=Role.SPOT_CHECKER)
    (case,) = _closed_cases(1, datetime(2026, 11, 17, 10, tzinfo=TZ))
    (check,) = services.draw_spot_check(week_start=date(2026, 11, 16))
    with pytest.raises(services.spotcheck.SpotCheckInvalid):
        services.record_spot_check(check=check, by=checker, passed=False, finding="")
    services.record_spot_check(check=check, by=checker, passed=False, finding="上门实测16℃，问题未解决")
    case.refresh_from_db()
    assert case.suspected_fake_closure and "spot_check_failed" in case.fake_closure_reasons
    assert SpotCheck.objects.get(pk=check.pk).passed is False
    with pytest.raises(TransitionNotAllowed):
        services.record_spot_check(check=check, by=checker, passed=True, finding="")


def test_burst_pipe_children_resolved_with_parent_and_each_revisited():
    unit = UnitFactory()
    first = HouseholdFactory(unit=unit)
    actors = Actors(first)
    parent = dispatched(new_case(household=first, category="burst", text="主管道爆了"), actors.dispatcher)
    parent = services.accept_case(case=parent, by=actors.crew)
    children = []
    for _ in range(3):
        neighbour = HouseholdFactory(unit=unit, station=first.station, grid=first.grid)
        child = new_case(household=neighbour, category="burst", text="全楼停暖")
        child.refresh_from_db()  # the outage detector may have flagged it meanwhile
        children.append(services.attach_to_incident(case=child, parent=parent, by=actors.dispatcher))
    parent.refresh_from_db()
    assert parent.suspected_outage  # four complaints from one building within the hour
    parent, resolved = services.resolve_incident(
        parent=parent,
        by=actors.crew,
        resolution="抢修更换DN100管段",
        root_cause=RootCause.COMPANY,
        evidence={"photos": ["repair.jpg"]},
    )
    assert parent.state == CaseState.RESOLVED
    assert sorted(c.pk for c in resolved) == sorted(c.pk for c in children)
    for child in resolved:
        assert child.state == CaseState.RESOLVED
        child, revisit = services.record_revisit(
            case=child,
            by=actors.grid_worker,
            satisfaction=Satisfaction.SATISFIED,
            temperature=19,
            photo="r.jpg",
        )
        assert child.state == CaseState.REVISITED


def test_cannot_attach_to_a_case_elsewhere():
    a, b = HouseholdFactory(), HouseholdFactory()
    with pytest.raises(TransitionNotAllowed, match="同一楼栋"):
        services.attach_to_incident(case=new_case(household=a), parent=new_case(household=b), by=None)


def test_third_complaint_from_one_building_within_the_hour_flags_a_suspected_outage():
    unit = UnitFactory()
    first = HouseholdFactory(unit=unit)
    households = [first] + [
        HouseholdFactory(unit=unit, station=first.station, grid=first.grid) for _ in range(2)
    ]
    with time_machine.travel(datetime(2026, 11, 23, 6, 0, tzinfo=TZ), tick=False) as traveller:
        cases = []
        for i, household in enumerate(households):
            traveller.move_to(datetime(2026, 11, 23, 6, i * 10, tzinfo=TZ))
            cases.append(new_case(household=household, category="burst", text="全楼停暖"))
            if i < 2:
                assert not cases[-1].suspected_outage
    for case in cases:
        case.refresh_from_db()
        assert case.suspected_outage
    assert CaseEvent.objects.filter(action="suspect_outage").count() == 3


def test_system_flags_do_not_make_a_persons_copy_stale():
    actors = Actors(HouseholdFactory())
    case = new_case(household=actors.household)
    services.flag_fake_closure(case_id=case.pk, by=None, reason="reopened", note="测试")
    case = services.dispatch_case(case=case, by=actors.dispatcher)  # the in-memory copy predates the flag
    case.refresh_from_db()
    assert case.suspected_fake_closure and case.state == CaseState.DISPATCHED
    assert not services.flag_fake_closure(case_id=case.pk, by=None, reason="reopened")
