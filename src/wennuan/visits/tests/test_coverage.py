"""Coverage figures on hand-made data: every number is counted by hand in the comments."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.models import Household
from wennuan.registry.tests.factories import CommunityFactory, GridFactory, HouseholdFactory
from wennuan.visits import services
from wennuan.visits.coverage import coverage_by, households_not_visited, total
from wennuan.visits.models import Problem
from wennuan.visits.summary import phase_summary

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2025, 11, 10, 9, 0))


@pytest.fixture
def world(grid, phase, supervisor):
    """Grid A (4 households) and grid B (2) in one community; grid C (1) in another community."""
    grid_b = GridFactory(community=grid.community, name="B网格")
    grid_c = GridFactory(community=CommunityFactory(street=grid.community.street), name="C网格")
    a = [HouseholdFactory(grid=grid) for _ in range(4)]
    b = [HouseholdFactory(grid=grid_b) for _ in range(2)]
    c = [HouseholdFactory(grid=grid_c)]
    services.generate_phase_tasks(by=supervisor, phase=phase)
    wa = UserFactory(role=Role.GRID_WORKER, grid=grid)
    wb = UserFactory(role=Role.GRID_WORKER, grid=grid_b)

    def visit(who, hh, outcome="visited", readings=(), problems=(), hours=0):
        return services.record_visit(
            by=who, client_id=uuid.uuid4(), household=hh, phase=phase, outcome=outcome,
            visited_at=AT + dt.timedelta(hours=hours), readings=list(readings), problems=list(problems),
        )[0]  # fmt: skip

    # Grid A: a0 visited (2 readings, 1 below 18); a1 not home then visited; a2 not home; a3 refused.
    visit(wa, a[0], readings=[{"room": "卧室", "celsius": 17.5}, {"room": "客厅", "celsius": 19}],
          problems=[{"client_id": uuid.uuid4(), "description": "卧室偏冷", "category": "not_warm"}])  # fmt: skip
    visit(wa, a[1], outcome="not_home")
    visit(wa, a[1], hours=50, readings=[{"room": "客厅", "celsius": 20}])
    visit(wa, a[2], outcome="not_home")
    visit(wa, a[3], outcome="refused")
    # Grid B: b0 vacant, b1 never tried. Grid C: untouched.
    visit(
        wb,
        b[0],
        outcome="vacant",
        problems=[{"client_id": uuid.uuid4(), "description": "楼道漏水", "category": "leak"}],
    )
    services.mark_problem_solved(by=wb, problem=Problem.objects.get(description="楼道漏水"))
    return {"a": a, "b": b, "c": c, "grid_b": grid_b, "grid_c": grid_c, "wa": wa}


def _row(rows, name):
    return next(r for r in rows if r.name == name)


def test_grid_rows_add_up(world, phase, supervisor, grid):
    rows = coverage_by(user=supervisor, phase=phase, level="grid")
    a = _row(rows, grid.name)
    assert (a.households, a.visited, a.not_home, a.refused, a.vacant, a.not_visited) == (4, 2, 1, 1, 0, 0)
    assert (a.problems_found, a.problems_solved, a.readings, a.readings_below) == (1, 0, 3, 1)
    assert a.below_share == pytest.approx(1 / 3)
    b = _row(rows, "B网格")
    assert (b.households, b.visited, b.vacant, b.not_visited, b.problems_found, b.problems_solved) == (
        2,
        0,
        1,
        1,
        1,
        1,
    )
    assert _row(rows, "C网格").not_visited == 1
    for r in rows:
        assert r.visited + r.not_home + r.refused + r.vacant + r.not_visited == r.households
    t = total(rows)
    assert (t.households, t.visited, t.problems_found, t.problems_solved) == (7, 2, 2, 1)


def test_community_and_street_levels_sum_the_grids(world, phase, supervisor, grid):
    communities = coverage_by(user=supervisor, phase=phase, level="community")
    assert _row(communities, grid.community.name).households == 6
    assert _row(communities, world["grid_c"].community.name).households == 1
    [street] = coverage_by(user=supervisor, phase=phase, level="street")
    assert (street.households, street.visited, street.readings) == (7, 2, 3)
    [district] = coverage_by(user=supervisor, phase=phase, level="district")
    assert district.households == 7


def test_unvisited_list_is_the_registry_minus_the_visited(world, phase, supervisor):
    unvisited = set(households_not_visited(user=supervisor, phase=phase).values_list("pk", flat=True))
    visited = {world["a"][0].pk, world["a"][1].pk}
    assert unvisited == set(Household.objects.values_list("pk", flat=True)) - visited
    outcomes = dict(
        households_not_visited(user=supervisor, phase=phase).values_list("pk", "last_outcome_code")
    )
    assert outcomes[world["a"][2].pk] == "not_home" and outcomes[world["b"][1].pk] is None


def test_a_grid_worker_sees_only_her_grid(world, phase, grid):
    rows = coverage_by(user=world["wa"], phase=phase, level="grid")
    assert [r.name for r in rows] == [grid.name]
    assert {h.grid_id for h in households_not_visited(user=world["wa"], phase=phase)} == {grid.pk}


def test_phase_summary_reads_like_the_city_report(world, phase, supervisor):
    s = phase_summary(user=supervisor, phase=phase)
    assert (s.estates_visited, s.households_visited, s.problems_found, s.problems_solved) == (2, 2, 2, 1)
    assert "走访小区2个、住户2户，发现问题2个，解决1个" in s.text
    assert "应访7户" in s.text
