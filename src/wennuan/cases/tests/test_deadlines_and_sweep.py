from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from wennuan.cases import deadlines, services
from wennuan.cases.enums import Escalation
from wennuan.cases.models import CaseEvent, SupervisionOrder
from wennuan.cases.sweep import run_sweep
from wennuan.core.categories import Category, Priority
from wennuan.core.periodic import _SWEEPS
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory
from wennuan.rules.models import CalendarDay, CaseRules, TimeLimit

from .factories import Actors, accepted, dispatched, new_case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def actors():
    return Actors(HouseholdFactory())


def test_sweep_is_registered_with_periodic():
    assert "cases" in _SWEEPS


def test_normal_case_resolve_due_is_five_working_days():
    due = deadlines.resolve_due(
        city=CityFactory().pk,
        category=Category.BILLING,
        priority=Priority.NORMAL,
        start=at("2026-11-20 15:00"),
    )
    assert due == at("2026-11-27 15:00")  # Friday → next Friday, weekend skipped


def test_holiday_in_calendar_moves_the_working_day_deadline():
    city, other = CityFactory(), CityFactory(name="白银市")
    CalendarDay.objects.create(city=city, date=date(2026, 11, 25), is_working=False, note="假日")
    due = deadlines.resolve_due(
        city=other.pk, category=Category.BILLING, priority=Priority.NORMAL, start=at("2026-11-20 15:00")
    )
    assert due == at("2026-11-27 15:00")  # another city's holiday is not this one's
    due = deadlines.resolve_due(
        city=city.pk, category=Category.BILLING, priority=Priority.NORMAL, start=at("2026-11-20 15:00")
    )
    assert due == at("2026-11-30 15:00")


def test_urgent_limits_come_from_the_config_rows():
    city = CityFactory()
    due = deadlines.resolve_due(
        city=city.pk, category=Category.NOT_WARM, priority=Priority.URGENT, start=at("2026-11-20 15:00")
    )
    assert due == at("2026-11-22 15:00")
    TimeLimit.objects.create(
        city=city,
        priority=Priority.URGENT,
        category=Category.NOT_WARM,
        accept_hours=1,
        contact_hours=1,
        onsite_hours=2,
        resolve_hours=8,
        effective_from=date(2026, 11, 1),
    )
    due = deadlines.resolve_due(
        city=city.pk, category=Category.NOT_WARM, priority=Priority.URGENT, start=at("2026-11-20 15:00")
    )
    assert due == at("2026-11-20 23:00")


def test_sweep_marks_unaccepted_case_overdue_once(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=actors.household), actors.dispatcher)
        traveller.move_to(at("2026-11-23 10:30"))
        first = run_sweep()
        second = run_sweep()
    case.refresh_from_db()
    assert first["overdue"] == 1 and second["overdue"] == 0
    # urgent: accept and contact are both due 1 h after 派单 (the contact clock does not wait for 签收)
    assert case.is_overdue and case.overdue_limits == ["accept", "contact"]
    assert case.escalation_level == Escalation.COMPANY_SUPERVISOR
    assert CaseEvent.objects.filter(case=case, action="overdue").count() == 1
    assert CaseEvent.objects.filter(case=case, action="escalate").count() == 1


def test_escalation_ladder_climbs_one_step_each_and_never_repeats(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=actors.household), actors.dispatcher)
        traveller.move_to(at("2026-11-23 10:30"))
        run_sweep()
        traveller.move_to(at("2026-11-24 10:31"))  # breach has lasted > 24 h
        run_sweep()
        case.refresh_from_db()
        assert case.escalation_level == Escalation.STREET_WHISTLE
        traveller.move_to(at("2026-11-25 10:31"))
        run_sweep()
        run_sweep()
    case.refresh_from_db()
    assert case.escalation_level == Escalation.TASK_FORCE
    levels = list(
        CaseEvent.objects.filter(case=case, action="escalate").values_list("data__level", flat=True)
    )
    assert levels == [1, 2, 3]


def test_late_sweep_still_records_each_step_on_the_timeline(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=actors.household), actors.dispatcher)
        traveller.move_to(at("2026-11-26 09:00"))  # nobody ran the sweep for three days
        run_sweep()
    levels = list(
        CaseEvent.objects.filter(case=case, action="escalate").values_list("data__level", flat=True)
    )
    assert levels == [1, 2, 3]


def test_paused_case_is_not_swept(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
        services.pause_case(case=case, by=actors.crew, reason="预约明早上门")
        traveller.move_to(at("2026-11-23 20:00"))
        assert run_sweep()["overdue"] == 0
    case.refresh_from_db()
    assert not case.is_overdue


def test_accepting_late_counts_as_overdue_even_without_a_sweep(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = dispatched(new_case(household=actors.household), actors.dispatcher)
        traveller.move_to(at("2026-11-23 11:00"))
        case = services.accept_case(case=case, by=actors.crew)
    assert case.is_overdue and case.accepted_on_time is False and "accept" in case.overdue_limits


def test_accepting_ends_the_breach_so_escalation_stops(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        # normal priority: accept within 2 h, contact within 24 h of 派单
        case = dispatched(new_case(household=actors.household, category=Category.BILLING), actors.dispatcher)
        traveller.move_to(at("2026-11-23 11:30"))
        run_sweep()
        case.refresh_from_db()
        assert case.overdue_limits == ["accept"]
        case = services.accept_case(case=case, by=actors.crew)
        assert case.overdue_since is None
        traveller.move_to(at("2026-11-23 11:45"))
        run_sweep()
    case.refresh_from_db()
    assert case.escalation_level == Escalation.COMPANY_SUPERVISOR


def test_overdue_supervision_order_is_flagged_once(actors):
    with time_machine.travel(at("2026-11-23 09:00"), tick=False) as traveller:
        case = new_case(household=actors.household)
        order = services.issue_supervision(
            case=case,
            by=actors.supervisor,
            instruction="今日内上门",
            due_at=timezone.now() + timedelta(hours=4),
        )
        traveller.move_to(at("2026-11-23 14:00"))
        assert run_sweep()["supervision_overdue"] == 1
        assert run_sweep()["supervision_overdue"] == 0
    order.refresh_from_db()
    assert order.is_overdue
    assert CaseEvent.objects.filter(case=case, action="supervision_overdue").count() == 1


def test_supervision_needs_a_future_deadline_and_a_supervisor(actors):
    case = new_case(household=actors.household)
    with pytest.raises(services.supervision.SupervisionInvalid):
        services.issue_supervision(case=case, by=actors.supervisor, instruction="快办", due_at=timezone.now())
    with pytest.raises(services.workflow.TransitionNotAllowed):
        services.issue_supervision(
            case=case, by=actors.crew, instruction="快办", due_at=timezone.now() + timedelta(hours=1)
        )
    assert SupervisionOrder.objects.count() == 0


def test_normal_case_may_be_extended_once_to_ten_working_days(actors):
    with time_machine.travel(at("2026-11-20 15:00"), tick=False):
        case = accepted(
            new_case(household=actors.household, category=Category.BILLING),
            dispatcher=actors.dispatcher,
            crew=actors.crew,
        )
        assert case.resolve_due == at("2026-11-27 15:00")
        with pytest.raises(services.workflow.TransitionNotAllowed, match="无权"):
            services.extend_case(case=case, by=actors.crew, reason="需更换管件，等待配件")
        case = services.extend_case(case=case, by=actors.agent, reason="需更换管件，等待配件")
        assert case.resolve_due == at("2026-12-04 15:00")
        with pytest.raises(services.workflow.TransitionNotAllowed, match="一次"):
            services.extend_case(case=case, by=actors.agent, reason="再延")


def test_urgent_case_cannot_be_extended(actors):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(services.workflow.TransitionNotAllowed, match="不能延期"):
        services.extend_case(case=case, by=actors.agent, reason="x")


def test_missing_configuration_falls_back_to_domain_defaults_instead_of_refusing_a_complaint():
    city = CityFactory()
    TimeLimit.objects.all().delete()
    CaseRules.objects.all().delete()
    due = deadlines.resolve_due(
        city=city.pk, category=Category.BILLING, priority=Priority.NORMAL, start=at("2026-11-20 15:00")
    )
    assert due == at("2026-11-27 15:00")
    assert deadlines.rules_on(city=city.pk).repeat_window_days == 15
