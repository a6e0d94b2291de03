import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.errors import NotInScope
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import GridFactory, HouseholdFactory
from wennuan.visits import services
from wennuan.visits.enums import ProblemStatus, TaskStatus
from wennuan.visits.models import Problem, TemperatureReading, Visit, VisitTask

pytestmark = pytest.mark.django_db

NOV_10 = timezone.make_aware(dt.datetime(2025, 11, 10, 10, 0))


@pytest.fixture
def tasks(phase, households, supervisor):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    return VisitTask.objects.filter(phase=phase)


def _visit(worker, household, phase, **kw):
    args = dict(
        by=worker,
        client_id=uuid.uuid4(),
        household=household,
        phase=phase,
        outcome="visited",
        visited_at=NOV_10,
    )
    args.update(kw)
    return services.record_visit(**args)


def test_visit_stores_the_four_questions_and_readings_and_closes_the_task(worker, households, phase, tasks):
    answers = {
        "room_temp_ok": False,
        "intermittent_heating": True,
        "answer_satisfied": "no",
        "fee_paid": True,
        "subsidy_received": None,
        "answer_happy": "yes",
        "complaint_resolved": True,
        "answer_agree": "basic",
        "retrofit_progress": "已入户勘测",
        "answer_accept": "yes",
    }
    readings = [
        {"room": "卧室", "celsius": 16.4, "instrument": "TES-1310 #A12"},
        {"room": "客厅", "celsius": "18.0"},
    ]
    visit, created = _visit(
        worker, households[0], phase, answers=answers, readings=readings, latitude=36.06, longitude=103.83
    )
    assert created
    visit.refresh_from_db()
    assert (
        visit.room_temp_ok is False
        and visit.intermittent_heating is True
        and visit.retrofit_progress == "已入户勘测"
    )
    assert visit.subsidy_received is None
    assert [(r.room, r.celsius, r.below_standard) for r in visit.readings.order_by("id")] == [
        ("卧室", Decimal("16.4"), True),
        ("客厅", Decimal("18.0"), False),
    ]
    assert VisitTask.objects.get(phase=phase, household=households[0]).status == TaskStatus.VISITED
    assert AuditLog.objects.filter(action="visits.visit_recorded", object_id=str(visit.pk)).exists()


def test_readings_are_judged_by_the_citys_standard_for_the_room_on_the_day(worker, households, phase, tasks):
    from wennuan.rules.enums import RoomType
    from wennuan.rules.models import IndoorStandard

    city = phase.campaign.city
    IndoorStandard.objects.create(city=city, celsius=Decimal("20.0"), effective_from=dt.date(2025, 11, 10))
    IndoorStandard.objects.create(
        city=city, room_type=RoomType.KITCHEN, celsius=Decimal("10.0"), effective_from=dt.date(2000, 1, 1)
    )
    readings = [
        {"room": "主卧", "celsius": 19.5},
        {"room": "厨房", "celsius": 12},
        {"room": "客厅", "celsius": 19.5, "measured_at": NOV_10 - dt.timedelta(days=1)},  # still 18 °C then
    ]
    visit, _ = _visit(worker, households[0], phase, readings=readings)
    assert [r.below_standard for r in visit.readings.order_by("id")] == [True, False, False]


def test_same_client_id_twice_updates_instead_of_duplicating(worker, households, phase, tasks):
    cid = uuid.uuid4()
    _visit(worker, households[0], phase, client_id=cid, readings=[{"room": "卧室", "celsius": 17}])
    visit, created = _visit(
        worker, households[0], phase, client_id=cid, readings=[{"room": "卧室", "celsius": 17}], notes="重发"
    )
    assert not created
    assert Visit.objects.count() == 1
    assert TemperatureReading.objects.count() == 1
    assert visit.notes == "重发"


def test_not_at_home_schedules_the_next_attempt(worker, households, phase, tasks):
    _visit(worker, households[1], phase, outcome="not_home")
    first, second = VisitTask.objects.filter(household=households[1]).order_by("attempt")
    assert first.status == TaskStatus.NOT_HOME
    assert (second.attempt, second.status) == (2, TaskStatus.PENDING)
    assert second.due_on == dt.date(2025, 11, 12)  # retry_after_days = 2
    # The second attempt closes the new task.
    _visit(worker, households[1], phase, visited_at=NOV_10 + dt.timedelta(days=2))
    second.refresh_from_db()
    assert second.status == TaskStatus.VISITED


def test_grid_worker_cannot_record_a_visit_outside_her_grid(worker, phase, tasks):
    stranger = HouseholdFactory(grid=GridFactory())
    with pytest.raises(NotInScope):
        _visit(worker, stranger, phase)
    assert Visit.objects.count() == 0


def test_another_workers_client_id_is_refused(worker, households, phase, tasks, grid):
    cid = uuid.uuid4()
    _visit(worker, households[0], phase, client_id=cid)
    colleague = UserFactory(role=Role.GRID_WORKER, grid=grid)
    with pytest.raises(NotInScope):
        _visit(colleague, households[0], phase, client_id=cid)


def test_two_workers_visiting_the_same_household_both_visits_are_kept(worker, households, phase, tasks, grid):
    colleague = UserFactory(role=Role.GRID_WORKER, grid=grid)
    _visit(worker, households[0], phase)
    _visit(colleague, households[0], phase)
    assert Visit.objects.filter(household=households[0]).count() == 2


def test_photo_is_stored_once_under_media_root(worker, households, phase, tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    visit, _ = _visit(worker, households[0], phase)
    pid = uuid.uuid4()
    upload = SimpleUploadedFile("p.jpg", b"\xff\xd8\xff fake jpeg", content_type="image/jpeg")
    photo, created = services.attach_photo(by=worker, visit=visit, client_id=pid, upload=upload)
    again, created_again = services.attach_photo(by=worker, visit=visit, client_id=pid, upload=upload)
    assert created and not created_again and again.pk == photo.pk
    assert (tmp_path / photo.image.name).read_bytes() == b"\xff\xd8\xff fake jpeg"
    assert photo.image.name.startswith("visits/2025/11/")


def test_one_tap_report_creates_a_grid_visit_case_for_the_household(worker, households, phase, tasks):
    from wennuan.cases.models import Case

    pid = uuid.uuid4()
    _visit(
        worker,
        households[0],
        phase,
        problems=[
            {"client_id": pid, "description": "卧室暖气片不热", "category": "not_warm", "report": True}
        ],
    )
    problem = Problem.objects.get(client_id=pid)
    case = Case.objects.get(pk=problem.case_id)
    assert problem.status == ProblemStatus.REPORTED
    assert (case.channel, case.household_id, case.category) == ("grid_visit", households[0].pk, "not_warm")
    assert "卧室暖气片不热" in case.text
    # Reporting again (a retried sync) neither creates a second case nor changes the link.
    services.report_problem(by=worker, problem=problem)
    assert Case.objects.filter(household=households[0]).count() == 1


def test_household_with_open_case_is_ordered_before_ordinary_ones(phase, households, supervisor, worker):
    from wennuan.cases.services.intake import receive_case
    from wennuan.visits.enums import OrderGroup

    receive_case(channel="grid_visit", text="暖气不热", household=households[2], by=worker)
    services.generate_phase_tasks(by=supervisor, phase=phase)
    groups = dict(VisitTask.objects.filter(phase=phase).values_list("household_id", "order_group"))
    assert groups[households[2].pk] == OrderGroup.COMPLAINT
    assert groups[households[0].pk] == OrderGroup.ORDINARY
