"""A complaint's whole life through the web pages, one person at a time, as each would see it."""

import re

import pytest
from PIL import Image

from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.cases.models import Case
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import HouseholdFactory


def _as(page, login, username):
    page.context.clear_cookies()
    login(username, PASSWORD)


def _act(page, case_id, action, **fields):
    page.goto(f"/cases/{case_id}/")
    form = page.locator(f"#form-{action}")
    # Only the next step is open on the page; the other actions are folded away (<details>): unfold it.
    form.evaluate(
        "f => { for (let d = f.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }"
    )
    for name, value in fields.items():
        control = form.locator(f"[name={name}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        elif control.get_attribute("type") == "file":
            control.set_input_files(value)
        else:
            control.fill(value)
    # Wait for the redirect after the POST, so the next read sees the new page, not the old one.
    with page.expect_navigation(url=re.compile(rf"/cases/{case_id}/$")):
        form.locator("button[type=submit]").click()


def _state(page) -> str:
    return page.locator("#case-state").inner_text()


@pytest.mark.django_db(transaction=True)
def test_complaint_loop_through_the_web(page, login, tmp_path):
    photo = tmp_path / "reading.png"  # the revisit's 测温照片
    Image.new("RGB", (8, 8), "white").save(photo)
    # The household's city is created here, and with it its default rules (rules.seed).
    household = HouseholdFactory(account="LZ0001", resident_name="王小英", phone="13812345678")
    UserFactory(username="agent", role=Role.HOTLINE_AGENT)
    UserFactory(username="dispatcher", role=Role.DISPATCHER, company=household.station.company)
    UserFactory(username="crew", role=Role.STATION_CREW, station=household.station)
    UserFactory(username="grid", role=Role.GRID_WORKER, grid=household.grid)
    UserFactory(username="boss", role=Role.SUPERVISOR)

    _as(page, login, "agent")
    page.goto("/cases/new/")
    page.select_option("#id_channel", "hotline_12345")
    page.fill("#id_external_id", "GD20261123001")
    page.fill("#id_account", "LZ0001")
    page.fill("#id_text", "暖气不热，室温只有14度")
    page.select_option("#id_category", "not_warm")
    page.click("#intake-submit")  # the form also holds the assist panels' 直接答复 buttons
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    assert "已受理" in page.content()
    case_id = Case.objects.get(external_id="GD20261123001").pk
    assert _state(page) == "已受理"

    _as(page, login, "dispatcher")
    page.goto("/cases/?queue=dispatch")
    assert page.locator(f'a[href="/cases/{case_id}/"]').count() == 1
    _act(page, case_id, "dispatch")
    assert _state(page) == "已派单"

    _as(page, login, "crew")
    _act(page, case_id, "accept")
    assert _state(page) == "已签收"
    _act(page, case_id, "resolve", resolution="放气并清洗过滤网", root_cause="resident", temperature="18.5")
    assert _state(page) == "已办结"

    _as(page, login, "grid")
    page.goto("/")
    assert "待回访" in page.content()
    _act(page, case_id, "revisit", satisfaction="satisfied", temperature="16.5", photo=str(photo))
    assert _state(page) == "办理中"  # below 18 ℃: reopened to the same unit
    assert "重办 1 次" in page.content()

    _as(page, login, "crew")
    _act(page, case_id, "resolve", resolution="更换堵塞阀门", root_cause="company", temperature="20")
    assert _state(page) == "已办结"

    _as(page, login, "grid")
    _act(page, case_id, "revisit", satisfaction="satisfied", temperature="20.5", photo=str(photo))
    assert _state(page) == "已回访"

    _as(page, login, "agent")
    _act(page, case_id, "close")
    assert _state(page) == "已归档"
    actions = page.locator("#timeline li").evaluate_all("items => items.map(i => i.dataset.action)")
    assert actions == ["receive", "dispatch", "accept", "resolve", "reopen", "resolve", "revisit", "close"]
    assert "重办" in page.locator("#timeline").inner_text()

    _as(page, login, "boss")
    page.goto("/cases/kpis/?group=company&start=2000-01-01&end=2100-01-01")
    row = page.locator("#kpi-table tbody tr").first
    assert household.station.company.name in row.inner_text()
    assert row.locator('[data-kpi="redo_rate"]').inner_text() == "100.0%"
    assert row.locator('[data-kpi="completion_rate"]').inner_text() == "100.0%"
    # both revisits answered "satisfied" (the first at 16.5 ℃, which reopened the case anyway)
    assert row.locator('[data-kpi="satisfaction_rate"]').inner_text() == "100.0%"
    assert row.locator('[data-kpi="on_time_rate"]').inner_text() == "100.0%"
    page.goto("/cases/supervision/")
    assert page.locator(f'a[href="/cases/{case_id}/"]').count() == 1  # reopened before closure: suspect
