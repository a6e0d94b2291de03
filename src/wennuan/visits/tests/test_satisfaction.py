import datetime as dt
import uuid

import pytest
from django.utils import timezone

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.registry.tests.factories import BuildingFactory, HouseholdFactory, UnitFactory
from wennuan.visits import services
from wennuan.visits.enums import TaskPurpose, TaskStatus
from wennuan.visits.models import Problem, VisitTask
from wennuan.visits.satisfaction import resurvey_result, satisfaction_by

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2025, 11, 6, 9))


def _visit(worker, h, phase, answer, **kw):
    return services.record_visit(
        by=worker, client_id=uuid.uuid4(), household=h, phase=phase, outcome="visited", visited_at=AT,
        answers={"answer_satisfied": answer, "answer_happy": "yes"}, **kw,
    )[0]  # fmt: skip


def test_answers_per_building_and_estate(grid, phase, worker, supervisor):
    b1 = BuildingFactory(label="1号楼", estate__name="幸福小区")
    b2 = BuildingFactory(label="2号楼", estate=b1.estate)
    h1 = [HouseholdFactory(grid=grid, unit=UnitFactory(building=b1)) for _ in range(3)]
    h2 = [HouseholdFactory(grid=grid, unit=UnitFactory(building=b2)) for _ in range(2)]
    for h, a in zip(h1, ["yes", "basic", "no"], strict=True):
        _visit(worker, h, phase, a)
    _visit(worker, h2[0], phase, "yes")
    _visit(worker, h2[1], phase, "")  # not asked: not counted
    rows = {r.name: r for r in satisfaction_by(user=supervisor, phase=phase, level="building")}
    one = rows["幸福小区1号楼"].questions["answer_satisfied"]
    assert (one.yes, one.basic, one.no, one.rate) == (1, 1, 1, pytest.approx(2 / 3))
    two = rows["幸福小区2号楼"].questions["answer_satisfied"]
    assert (two.answered, two.rate) == (1, 1.0)
    [estate] = satisfaction_by(user=supervisor, phase=phase, level="estate")
    assert estate.visits == 5 and estate.questions["answer_satisfied"].answered == 4
    assert estate.questions["answer_happy"].rate == 1.0


def test_solving_a_problem_schedules_a_resurvey_that_shows_the_change(
    grid, phase, worker, supervisor, households
):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    pid = uuid.uuid4()
    _visit(
        worker,
        households[0],
        phase,
        "no",
        problems=[{"client_id": pid, "description": "卧室不热", "category": "not_warm"}],
    )
    problem = Problem.objects.get(client_id=pid)
    services.mark_problem_solved(by=worker, problem=problem)
    services.mark_problem_solved(by=worker, problem=problem)  # idempotent: one re-survey
    task = VisitTask.objects.get(purpose=TaskPurpose.RESURVEY)
    assert (task.household_id, task.problem_id, task.status) == (
        households[0].pk,
        problem.pk,
        TaskStatus.PENDING,
    )
    assert resurvey_result(user=supervisor, phase=phase).done == 0
    _visit(worker, households[0], phase, "yes")
    task.refresh_from_db()
    assert task.status == TaskStatus.VISITED
    result = resurvey_result(user=supervisor, phase=phase)
    assert (result.scheduled, result.done, result.satisfied_before, result.satisfied_after) == (1, 1, 0, 1)


def test_resolved_case_marks_the_problem_solved_and_schedules_the_resurvey(
    phase, worker, supervisor, households
):
    from wennuan.cases.models import Case
    from wennuan.visits.intake import solve_problems_of_resolved_cases

    pid = uuid.uuid4()
    _visit(
        worker,
        households[0],
        phase,
        "no",
        problems=[{"client_id": pid, "description": "漏水", "category": "leak", "report": True}],
    )
    problem = Problem.objects.get(client_id=pid)
    assert solve_problems_of_resolved_cases() == {"solved": 0}
    Case.objects.filter(pk=problem.case_id).update(
        resolved_at=timezone.now()
    )  # stands in for the cases workflow
    assert solve_problems_of_resolved_cases() == {"solved": 1}
    problem.refresh_from_db()
    assert (
        problem.status == "solved" and VisitTask.objects.filter(problem=problem, purpose="resurvey").exists()
    )


def test_satisfaction_page_renders(client, supervisor, phase, worker, households):
    _visit(worker, households[0], phase, "basic")
    client.login(username=supervisor.username, password=PASSWORD)
    body = client.get(f"/visits/satisfaction/?phase={phase.pk}&level=estate").content.decode()
    assert "满意度调查表" in body and "100.0%" in body
