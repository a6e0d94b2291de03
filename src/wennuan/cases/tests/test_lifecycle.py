from datetime import timedelta

import pytest

from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import selectors, services
from wennuan.cases.enums import CaseState, RootCause, Satisfaction
from wennuan.cases.models import CaseEvent
from wennuan.core.audit import AuditLog
from wennuan.core.errors import NotInScope, StaleObject, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import HouseholdFactory, StationFactory

from .factories import Actors, accepted, dispatched, new_case, resolved

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors():
    return Actors(HouseholdFactory())


def test_dispatch_sends_case_to_the_households_station_with_event_and_audit(actors):
    case = new_case(household=actors.household, by=actors.agent)
    case = services.dispatch_case(case=case, by=actors.dispatcher, note="请尽快")
    assert case.state == CaseState.DISPATCHED
    assert case.station_id == actors.household.station_id
    assert case.accept_due is not None and case.version == 2
    event = CaseEvent.objects.filter(case=case).last()
    assert (event.action, event.from_state, event.to_state, event.note) == (
        "dispatch",
        "received",
        "dispatched",
        "请尽快",
    )
    assert AuditLog.objects.filter(action="case.dispatch", object_id=str(case.pk)).count() == 1


def test_illegal_transition_is_refused_in_chinese_and_writes_nothing(actors):
    case = new_case(household=actors.household)
    with pytest.raises(TransitionNotAllowed, match="已受理.*不能办结"):
        services.resolve_case(case=case, by=actors.crew, resolution="x", root_cause=RootCause.COMPANY)
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.version == 1
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_wrong_role_cannot_accept(actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    with pytest.raises(TransitionNotAllowed, match="无权"):
        services.accept_case(case=case, by=actors.grid_worker)


def test_crew_of_another_station_cannot_touch_the_case(actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    stranger = UserFactory(role=Role.STATION_CREW, station=StationFactory())
    with pytest.raises(NotInScope):
        services.accept_case(case=case, by=stranger)


def test_scope_is_checked_by_the_change_itself_whoever_read_the_case(actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    read_by_the_supervisor = selectors.case_to_act_on(user=actors.supervisor, pk=case.pk)
    stranger = UserFactory(role=Role.STATION_CREW, station=StationFactory())
    with pytest.raises(NotInScope):
        services.accept_case(case=read_by_the_supervisor, by=stranger)
    case.refresh_from_db()
    assert case.state == CaseState.DISPATCHED and case.version == read_by_the_supervisor.version
    assert not CaseEvent.objects.filter(case=case, action="accept").exists()


def test_dispatcher_cannot_send_to_another_companys_station(actors):
    case = new_case(household=actors.household)
    with pytest.raises(TransitionNotAllowed, match="本企业"):
        services.dispatch_case(case=case, by=actors.dispatcher, station=StationFactory())


def test_stale_version_raises_and_keeps_the_winner(actors):
    case = new_case(household=actors.household)
    copy = type(case).objects.get(pk=case.pk)
    services.dispatch_case(case=case, by=actors.dispatcher)
    # The copy still says "received", so the state check passes and only the version check can refuse it.
    with pytest.raises(StaleObject):
        services.dispatch_case(case=copy, by=actors.agent)
    assert CaseEvent.objects.filter(case=case, action="dispatch").count() == 1


def test_returned_case_goes_back_to_dispatch_queue(actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    case = services.return_case(case=case, by=actors.crew, reason="不属于本站供热范围")
    assert case.state == CaseState.RETURNED and case.return_count == 1
    case = services.dispatch_case(case=case, by=actors.agent, station=actors.household.station)
    assert case.state == CaseState.DISPATCHED


def test_return_needs_a_reason(actors):
    case = dispatched(new_case(household=actors.household), actors.dispatcher)
    with pytest.raises(TransitionNotAllowed, match="理由"):
        services.return_case(case=case, by=actors.crew, reason="  ")


def test_heating_case_cannot_be_resolved_without_evidence(actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(services.workflow.ResolutionIncomplete, match="凭证"):
        services.resolve_case(case=case, by=actors.crew, resolution="已处理", root_cause=RootCause.COMPANY)
    case = services.resolve_case(
        case=case,
        by=actors.crew,
        resolution="已处理",
        root_cause=RootCause.COMPANY,
        evidence={"photos": ["a.jpg"]},
    )
    assert case.state == CaseState.RESOLVED and case.first_resolved_at == case.resolved_at


def test_below_standard_revisit_reopens_to_in_progress(actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    case, revisit = services.record_revisit(
        case=case,
        by=actors.grid_worker,
        satisfaction=Satisfaction.SATISFIED,
        temperature="16.5",
        photo="r.jpg",
    )
    assert revisit.below_standard and case.state == CaseState.IN_PROGRESS
    assert case.reopen_count == 1 and case.resolved_at is None and case.first_resolved_at is not None


def test_revisit_reading_is_judged_by_the_standard_of_the_cases_city(actors):
    from decimal import Decimal

    from django.utils import timezone

    from wennuan.registry.tests.factories import CityFactory
    from wennuan.rules.models import IndoorStandard

    other = CityFactory(name="哈尔滨市")
    IndoorStandard.objects.create(city=other, celsius=Decimal("20.0"), effective_from=timezone.localdate())
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    case, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature="19", photo="r.jpg"
    )
    assert not revisit.below_standard  # 18 °C where the case is; 20 °C is another city's
    city = actors.household.grid.community.street.district.city
    IndoorStandard.objects.create(city=city, celsius=Decimal("20.0"), effective_from=timezone.localdate())
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    case, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature="19", photo="r.jpg"
    )
    assert revisit.below_standard and case.state == CaseState.IN_PROGRESS


def test_unsatisfied_revisit_reopens_and_satisfied_revisit_then_close(actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    case, _ = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.UNSATISFIED, temperature=19, photo="r.jpg"
    )
    assert case.state == CaseState.IN_PROGRESS
    case = services.resolve_case(
        case=case,
        by=actors.crew,
        resolution="更换阀门",
        root_cause=RootCause.COMPANY,
        evidence={"temperature": 20},
    )
    case, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.BASICALLY, temperature=20, photo="r.jpg"
    )
    assert case.state == CaseState.REVISITED and revisit.effective
    case = services.close_case(case=case, by=actors.agent)
    assert case.state == CaseState.CLOSED
    assert case.suspected_fake_closure and case.fake_closure_reasons == ["reopened"]


def test_unreachable_revisit_keeps_case_resolved_and_is_not_effective(actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    case, revisit = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.UNREACHABLE
    )
    assert case.state == CaseState.RESOLVED and not revisit.effective


def test_heating_revisit_needs_a_reading(actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(services.revisit.RevisitIncomplete, match="室温"):
        services.record_revisit(case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED)


def test_closing_without_revisit_is_for_supervisors_and_is_flagged(actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(TransitionNotAllowed, match="供热主管"):
        services.close_case(case=case, by=actors.agent)
    case = services.close_case(case=case, by=actors.supervisor, note="多次联系未果")
    assert case.fake_closure_reasons == ["no_agreement"]


def test_pause_extends_pending_deadlines_by_the_paused_time(actors, time_machine):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    due_before, contact_before = case.resolve_due, case.contact_due
    case = services.record_contact(case=case, by=actors.crew)
    case = services.pause_case(case=case, by=actors.crew, reason="群众不在家，约明天上门")
    time_machine.move_to("2026-11-23 12:00 +0800", tick=False)
    case = services.resume_case(case=case, by=actors.crew)
    assert case.paused_seconds == 3 * 3600
    assert case.resolve_due - due_before == timedelta(hours=3)
    assert case.contact_due == contact_before  # already met: not moved


def test_scope_unrouted_case_is_for_city_roles_only(actors):
    from wennuan.cases.models import Case

    case, _ = services.receive_case(
        channel="wechat_group", text="暖气不热", household=None, address="无法识别"
    )
    Case.objects.filter(pk=case.pk).update(station=None, company=None, grid=None)  # as triage left it
    assert Case.objects.visible_to(actors.agent).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(actors.dispatcher).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(actors.grid_worker).filter(pk=case.pk).exists()


def test_scope_routed_case_for_grid_company_and_station(actors):
    from wennuan.cases.models import Case

    case = new_case(household=actors.household)
    for user in (actors.grid_worker, actors.dispatcher, actors.crew):
        assert Case.objects.visible_to(user).filter(pk=case.pk).exists()
    other = Actors(HouseholdFactory())
    for user in (other.grid_worker, other.dispatcher, other.crew):
        assert not Case.objects.visible_to(user).filter(pk=case.pk).exists()
