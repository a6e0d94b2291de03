"""The field page offline: a grid worker visits her grid with the network off, reconnects, and every
visit reaches the server exactly once, even when the first sync's response is lost."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import GridFactory, HouseholdFactory
from wennuan.visits import services
from wennuan.visits.models import Problem, TemperatureReading, Visit, VisitTask
from wennuan.visits.tests.factories import PhaseFactory


def _world():
    grid = GridFactory(name="五泉一网格")
    households = [HouseholdFactory(grid=grid, room=f"10{i}") for i in range(1, 4)]
    today = timezone.localdate()
    phase = PhaseFactory(
        campaign__city=grid.community.street.district.city,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=30),
    )
    admin = UserFactory(username="zhuguan", role=Role.SUPERVISOR)
    services.generate_phase_tasks(by=admin, phase=phase)
    worker = UserFactory(username="wangge", first_name="李娜", role=Role.GRID_WORKER, grid=grid)
    colleague = UserFactory(username="wangge2", role=Role.GRID_WORKER, grid=grid)
    return grid, households, phase, worker, colleague


def _visit_first_open_task(page, *, temp=None, outcome=None, problem=None, report=False):
    page.locator("#tasks li:not(.done) button").first.click()
    page.wait_for_selector("#visit-form:not([hidden])")
    # step 1: the outcome (none is chosen for the worker); steps 2-3 (only when 已入户): questions, readings
    page.check(f"input[name=outcome][value={outcome or 'visited'}]")
    page.click("#step-next")
    if outcome in (None, "visited"):
        if temp is not None:
            page.locator("input[name=reading_celsius]").first.fill(str(temp))
            page.select_option("select[name=answer_satisfied]", "no")
            page.select_option("select[name=room_temp_ok]", "false")
        page.click("#step-next")  # step 3: 二三四访
        page.click("#step-next")
    # step 4: a problem, photos, save
    if problem:
        page.fill("textarea[name=problem]", problem)
        page.select_option("select[name=problem_category]", "not_warm")
    page.click("#save-report" if report else "#save")
    page.wait_for_selector("#visit-form", state="hidden")


@pytest.mark.django_db(transaction=True)
def test_visits_recorded_offline_are_synced_once_with_the_problem_reported(context, page, login):
    grid, households, phase, worker, colleague = _world()
    login("wangge", PASSWORD)
    page.goto("/visits/field/")
    page.wait_for_function("() => document.querySelectorAll('#tasks li[data-task]').length === 3")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")

    context.set_offline(True)
    page.reload()  # the page itself now comes from the service worker's cache
    page.wait_for_function("() => document.querySelectorAll('#tasks li[data-task]').length === 3")
    assert page.inner_text("#net") == "离线"

    _visit_first_open_task(page, temp=16.5)
    _visit_first_open_task(page, outcome="not_home")
    _visit_first_open_task(page, problem="卧室暖气片不热", report=True)
    assert page.inner_text("#pending") == "待同步 3 条"
    assert Visit.objects.count() == 0

    # Meanwhile a colleague visits the first household too: both visits must be kept and shown.
    first_household = VisitTask.objects.filter(phase=phase).order_by("id").first().household
    services.record_visit(
        by=colleague, client_id=uuid.uuid4(), household=first_household, phase=phase,
        outcome="visited", visited_at=timezone.now(),
    )  # fmt: skip

    # The first sync reaches the server but its response is lost; the phone must resend, not duplicate.
    calls = []

    def lose_first_response(route):
        calls.append(1)
        if len(calls) == 1:
            route.fetch()
            route.abort()
        else:
            route.continue_()

    page.route("**/api/v1/visits/sync", lose_first_response)
    context.set_offline(False)
    page.wait_for_function("() => document.getElementById('sync-msg').textContent.includes('同步失败')")
    assert page.inner_text("#pending") == "待同步 3 条"
    page.click("#sync-now")
    page.wait_for_function("() => document.getElementById('pending').textContent === '待同步 0 条'")

    mine = Visit.objects.filter(visitor=worker)
    assert mine.count() == 3 and len(calls) == 2
    assert sorted(mine.values_list("outcome", flat=True)) == ["not_home", "visited", "visited"]
    reading = TemperatureReading.objects.get(visit__visitor=worker)
    assert (float(reading.celsius), reading.below_standard) == (16.5, True)
    assert VisitTask.objects.filter(phase=phase, attempt=2).count() == 1  # not at home: rescheduled once

    problem = Problem.objects.get()
    assert problem.description == "卧室暖气片不热" and problem.case_id is not None
    from wennuan.cases.models import Case

    case = Case.objects.get(pk=problem.case_id)
    assert case.channel == "grid_visit" and case.household_id == problem.household_id

    assert Visit.objects.filter(household=first_household).count() == 2
    page.wait_for_selector("#conflict-box:not([hidden])")
    assert "另有网格员走访过此户" in page.inner_text("#conflicts")


@pytest.mark.django_db(transaction=True)
def test_field_page_is_installable(page, login):
    _world()
    login("wangge", PASSWORD)
    page.goto("/visits/field/")
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["start_url"] == "/visits/field/" and manifest["display"] == "standalone"
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)").endswith(
        "/visits/sw.js"
    )
    assert page.get_attribute("input[name=photos]", "capture") == "environment"
