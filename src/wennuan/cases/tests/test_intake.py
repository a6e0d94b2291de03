import pytest

from wennuan.cases import routing, services
from wennuan.cases.enums import CaseState, Channel, FakeClosureReason
from wennuan.cases.models import Case, CaseEvent
from wennuan.core.categories import Category, Priority
from wennuan.registry.tests.factories import BuildingFactory, HouseholdFactory, StationFactory, UnitFactory
from wennuan.triage.enums import TriageStatus
from wennuan.triage.service import TriageResult

from .factories import Actors, closed, new_case

pytestmark = pytest.mark.django_db


def test_intake_routes_station_and_company_from_the_household():
    household = HouseholdFactory()
    case, created = services.receive_case(
        channel=Channel.HOTLINE_12345,
        external_id="GD1",
        text="暖气不热",
        household=household,
        category=Category.NOT_WARM,
    )
    assert created and case.state == CaseState.RECEIVED
    assert (case.station_id, case.company_id, case.grid_id) == (
        household.station_id,
        household.station.company_id,
        household.grid_id,
    )
    assert case.priority == Priority.URGENT and case.resolve_due is not None
    assert CaseEvent.objects.get(case=case).action == "receive"


def test_same_channel_and_ticket_returns_the_stored_case():
    household = HouseholdFactory()
    first, created = services.receive_case(
        channel=Channel.HOTLINE_12345, external_id="GD7", text="不热", household=household
    )
    again, created_again = services.receive_case(
        channel=Channel.HOTLINE_12345, external_id="GD7", text="不热", household=household
    )
    assert created and not created_again and first.pk == again.pk
    assert Case.objects.count() == 1


def test_same_ticket_on_another_channel_is_another_case():
    services.receive_case(channel=Channel.HOTLINE_12345, external_id="X1", text="不热")
    _, created = services.receive_case(channel=Channel.COMPANY_HOTLINE, external_id="X1", text="不热")
    assert created


def test_12345_case_needs_its_ticket_number():
    with pytest.raises(services.IntakeRejected, match="工单号"):
        services.receive_case(channel=Channel.HOTLINE_12345, text="暖气不热")


def test_priority_group_household_is_raised_one_step():
    household = HouseholdFactory(priority_groups="living_alone")
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text="不热", household=household, category=Category.NOT_WARM
    )
    assert case.priority == Priority.EMERGENCY


def test_unresolved_complaint_waits_in_manual_queue_without_a_company(monkeypatch):
    monkeypatch.setattr(routing, "triage_text", lambda text: TriageResult(status=TriageStatus.UNMATCHED))
    case, _ = services.receive_case(channel=Channel.WECHAT_GROUP, text="我家暖气不热", address="某某路某号")
    assert case.station_id is None and case.company_id is None
    assert case.triage_status == TriageStatus.UNMATCHED
    with pytest.raises(services.workflow.TransitionNotAllowed, match="确权"):
        services.dispatch_case(case=case, by=None)


def test_a_failing_triage_engine_still_keeps_the_complaint_for_manual_dispatch(monkeypatch):
    def broken(text):
        raise RuntimeError("index not built")

    monkeypatch.setattr(routing, "triage_text", broken)
    case, _ = services.receive_case(channel=Channel.ONLINE, text="不热", address="幸福小区1号楼")
    assert case.pk and case.station_id is None and case.triage_status == TriageStatus.ERROR


def test_matched_triage_result_routes_the_case(monkeypatch):
    household = HouseholdFactory()

    result = TriageResult(status=TriageStatus.MATCHED, household_id=household.pk, category=Category.LEAK)
    monkeypatch.setattr(routing, "triage_text", lambda text: result)
    case, _ = services.receive_case(channel=Channel.ONLINE, text="暖气管漏水", address="幸福小区1号楼")
    assert case.household_id == household.pk and case.station_id == household.station_id
    assert case.category == Category.LEAK


def test_unit_match_routes_to_the_engines_station_and_the_units_grid(monkeypatch):
    building = BuildingFactory()
    unit = UnitFactory(building=building)
    first = HouseholdFactory(unit=unit)
    HouseholdFactory(unit=UnitFactory(building=building, label="2单元"), station=StationFactory())

    result = TriageResult(
        status=TriageStatus.MATCHED,
        building_id=building.pk,
        unit_id=unit.pk,
        station_id=first.station_id,
        category=Category.NOT_WARM,
    )
    monkeypatch.setattr(routing, "triage_text", lambda text: result)
    case, _ = services.receive_case(channel=Channel.ONLINE, text="不热", address="幸福小区1号楼1单元")
    assert case.building_id == building.pk and case.household_id is None
    assert case.station_id == first.station_id and case.grid_id == first.grid_id


def test_building_match_without_agreeing_households_takes_the_engines_station(monkeypatch):
    building = BuildingFactory()
    station = StationFactory()

    result = TriageResult(
        status=TriageStatus.MATCHED,
        building_id=building.pk,
        station_id=station.pk,
        category=Category.NOT_WARM,
    )
    monkeypatch.setattr(routing, "triage_text", lambda text: result)
    case, _ = services.receive_case(channel=Channel.ONLINE, text="不热", address="幸福小区1号楼")
    assert case.station_id == station.pk and case.company_id == station.company_id


def test_ambiguous_triage_result_is_not_routed(monkeypatch):
    household = HouseholdFactory()

    result = TriageResult(status=TriageStatus.AMBIGUOUS, household_id=household.pk, category="")
    monkeypatch.setattr(routing, "triage_text", lambda text: result)
    case, _ = services.receive_case(channel=Channel.ONLINE, text="不热")
    assert case.household_id is None and case.station_id is None and case.category == Category.OTHER


def test_building_case_gets_station_only_when_all_households_share_it():
    building = BuildingFactory()
    unit = UnitFactory(building=building)
    first = HouseholdFactory(unit=unit)
    HouseholdFactory(unit=unit, station=first.station, grid=first.grid)
    assert routing.route_building(building).station_id == first.station_id
    HouseholdFactory(
        unit=UnitFactory(building=building, label="2单元"), station=StationFactory(), grid=first.grid
    )
    route = routing.route_building(building)
    assert route.station_id is None and route.grid_id == first.grid_id


def test_repeat_while_open_is_linked_and_still_counted():
    household = HouseholdFactory()
    first = new_case(household=household)
    second = new_case(household=household)
    assert second.repeat_of_id == first.pk
    assert Case.objects.count() == 2


def test_repeat_by_phone_from_unknown_address():
    first = new_case(household=HouseholdFactory(), reporter_phone="13900001111")
    case, _ = services.receive_case(
        channel=Channel.WECHAT_GROUP,
        text="还是不热",
        reporter_phone="13900001111",
        category=Category.NOT_WARM,
    )
    assert case.repeat_of_id == first.pk


def test_other_category_is_not_a_repeat():
    household = HouseholdFactory()
    new_case(household=household)
    assert new_case(household=household, category=Category.BILLING).repeat_of_id is None


def test_repeat_soon_after_closure_flags_the_earlier_case(time_machine):
    time_machine.move_to("2026-11-23 09:00 +0800", tick=False)
    actors = Actors(HouseholdFactory())
    first = closed(new_case(household=actors.household), actors=actors)
    assert not first.suspected_fake_closure
    time_machine.move_to("2026-11-27 09:00 +0800", tick=False)
    second = new_case(household=actors.household)
    first.refresh_from_db()
    assert second.repeat_of_id == first.pk
    assert first.suspected_fake_closure and FakeClosureReason.REPEAT_SOON in first.fake_closure_reasons


def test_repeat_after_window_is_not_linked(time_machine):
    time_machine.move_to("2026-11-01 09:00 +0800", tick=False)
    actors = Actors(HouseholdFactory())
    closed(new_case(household=actors.household), actors=actors)
    time_machine.move_to("2026-11-17 09:00 +0800", tick=False)  # 16 days later
    assert new_case(household=actors.household).repeat_of_id is None


def test_repeat_between_7_and_15_days_is_linked_but_not_a_fake_closure(time_machine):
    time_machine.move_to("2026-11-01 09:00 +0800", tick=False)
    actors = Actors(HouseholdFactory())
    first = closed(new_case(household=actors.household), actors=actors)
    time_machine.move_to("2026-11-10 09:00 +0800", tick=False)
    assert new_case(household=actors.household).repeat_of_id == first.pk
    first.refresh_from_db()
    assert not first.suspected_fake_closure
