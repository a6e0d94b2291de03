"""The field page as a grid worker uses it at 390 px (issue #20): today's list grouped by building with a
search and an 「已访 x/N」 counter, no outcome chosen for her, the form in steps with big choices, and after
saving she is back where she was with the confirmation there."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import BuildingFactory, GridFactory, HouseholdFactory, UnitFactory
from wennuan.visits import services
from wennuan.visits.models import Visit
from wennuan.visits.tests.factories import PhaseFactory


def _world():
    grid = GridFactory(name="五泉一网格")
    homes = []
    for label, rooms in (("3号楼", 12), ("5号楼", 8)):
        unit = UnitFactory(building=BuildingFactory(label=label), label="1单元")
        homes += [
            HouseholdFactory(grid=grid, unit=unit, room=f"{i // 2 + 1}0{i % 2 + 1}") for i in range(rooms)
        ]
    today = timezone.localdate()
    phase = PhaseFactory(
        campaign__city=grid.community.street.district.city,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=30),
    )
    services.generate_phase_tasks(by=UserFactory(role=Role.SUPERVISOR), phase=phase)
    UserFactory(username="wangge", first_name="李娜", role=Role.GRID_WORKER, grid=grid)
    return homes


@pytest.mark.django_db(transaction=True)
def test_grouped_searchable_counted_and_back_in_place_after_saving(page, login):
    homes = _world()
    login("wangge", PASSWORD)
    page.goto("/visits/field/")
    expect(page.locator("#tasks li[data-task]")).to_have_count(20)
    heads = page.locator("#tasks li.group-head .group-name").all_inner_texts()
    assert len(heads) == 2 and heads[0].endswith("3号楼") and heads[1].endswith("5号楼")
    assert page.inner_text("#visited-count") == "已访 0/20"

    page.fill("#task-search", "5号楼")
    expect(page.locator("#tasks li[data-task]")).to_have_count(8)
    page.fill("#task-search", "")
    expect(page.locator("#tasks li[data-task]")).to_have_count(20)

    # visit a household far down the list
    target = page.locator("#tasks li[data-task]").nth(15)
    task_id = target.get_attribute("data-task")
    target.locator("button").click()
    page.wait_for_selector("#visit-form:not([hidden])")
    assert page.locator("input[name=outcome]:checked").count() == 0  # nobody chose 已入户 for her
    page.click("#step-next")
    assert page.inner_text("#step-error") == "请先选择走访结果"
    # big choices for a gloved thumb
    box = page.locator(".outcomes label").first.bounding_box()
    assert box["height"] >= 48 and box["width"] >= 120
    page.locator(".outcomes label", has_text="已入户").click()
    page.click("#step-next")
    assert page.locator('section[data-step="2"]').is_visible()
    assert not page.locator('section[data-step="3"]').is_visible()
    page.locator("input[name=reading_celsius]").first.fill("19.5")
    # each step is about a phone screen, not 1,800 px
    form_height = "document.querySelector('#visit-form').getBoundingClientRect().height"
    for _ in range(2):  # 一访·测温, 二三四访
        assert page.evaluate(form_height) < 1000
        page.click("#step-next")
    assert page.evaluate(form_height) < 1000  # 问题·照片·保存
    page.click("#save")
    page.wait_for_selector("#visit-form", state="hidden")

    saved = page.locator(f'#tasks li[data-task="{task_id}"]')
    expect(page.locator("#pending")).to_have_text("待同步 0 条")
    expect(page.locator(".saved-msg")).to_have_text("✓ 已保存（已入户），已同步")
    assert page.locator("#tasks li[data-task]").nth(15).get_attribute("data-task") == task_id  # same place
    top = saved.bounding_box()["y"]
    assert 0 <= top <= 844 - 40, top  # in view, where she left the list (not back at the top)
    assert page.evaluate("window.scrollY") > 300
    assert (
        page.inner_text("#visited-count") == "已访 1/20"
    )  # of the 20 households of her grid in the campaign
    assert Visit.objects.filter(household__in=homes, outcome="visited").count() == 1
