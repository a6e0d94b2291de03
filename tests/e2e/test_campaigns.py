"""A supervisor runs a 访民问暖 campaign from her phone: create it, add a phase, generate the tasks."""

import pytest

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.visits.models import Campaign, VisitTask


@pytest.mark.django_db(transaction=True)
def test_supervisor_runs_a_campaign_on_a_phone(page, login, tmp_path):
    household = HouseholdFactory(account="LZ0101")
    UserFactory(username="boss", role=Role.SUPERVISOR)
    login("boss", PASSWORD)

    page.goto("/visits/campaigns/new/")
    page.fill("#id_name", "冬季访民问暖")
    page.select_option("#id_district", str(household.grid.community.street.district.pk))
    page.fill("#id_starts_on", "2026-11-05")
    page.fill("#id_ends_on", "2026-11-01")  # before the start: refused, nothing lost
    page.click("form.card button[type=submit]")
    assert "结束日期不能早于开始日期" in page.content()
    assert page.input_value("#id_name") == "冬季访民问暖"
    page.fill("#id_ends_on", "2027-03-31")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/visits/campaigns/*/")
    assert page.inner_text("#indoor-standard") == "18.0℃"  # from the city's rules

    page.click("text=新增阶段")
    page.fill("#id_phase-name", "集中走访")
    page.fill("#id_phase-starts_on", "2026-11-05")
    page.fill("#id_phase-ends_on", "2026-12-05")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/visits/campaigns/*/")
    page.click("#phases button[type=submit]")
    page.wait_for_url("**/visits/campaigns/*/")
    assert "0 / 1" in page.inner_text("#phases")
    # Fits a 390 px phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "campaign-390.png"), full_page=True)
    campaign = Campaign.objects.get()
    assert VisitTask.objects.filter(phase__campaign=campaign, household=household).count() == 1
