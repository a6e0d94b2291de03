"""A hotline agent on a 390 px phone types a resident's complaint: the intake form shows, as she types,
where the household is, its open cases, its account and subsidy status, and the knowledge-base entry that
answers it; an inquiry is then answered from an entry and closed at once (直接答复)."""

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.accounts.tests.world import build_world
from wennuan.billing.models import Tariff
from wennuan.cases.models import Case
from wennuan.hall.enums import SubsidyBasis, SubsidyGroup
from wennuan.hall.models import Subsidy, SubsidyRule
from wennuan.hall.services.subsidies import approve_subsidy, assess_subsidies
from wennuan.hall.tests.factories import season_of
from wennuan.kb.demo import publish_entries


def _shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("WENNUAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_agent_sees_the_matching_entry_while_typing_and_answers_an_inquiry(page, login, tmp_path):
    world = build_world()
    city, boss = world.objects["co1"].city, world.users["supervisor"]
    publish_entries(by=boss, city=city)
    # A0001 is a 低保 household whose subsidy was approved and not yet paid
    Tariff.objects.create(city=city, effective_from=date(2000, 1, 1), residential_price=Decimal("27"),
                          non_residential_price=Decimal("38"))  # fmt: skip
    SubsidyRule.objects.create(city=city, effective_from=date(2000, 1, 1), group=SubsidyGroup.LOW_INCOME,
                               basis=SubsidyBasis.FIXED, value=Decimal("600"))  # fmt: skip
    h1 = world.households["h1"]
    h1.priority_groups = "low_income"
    h1.save()
    assess_subsidies(season=season_of(h1), by=boss)
    approve_subsidy(subsidy=Subsidy.objects.get(household=h1), by=boss)
    login("zuoxi", PASSWORD)
    page.goto("/cases/new/")
    page.select_option("#id_channel", "company_hotline")
    page.fill("#id_account", "A0001")
    page.type("#id_text", "家里暖气片不热了咋整", delay=30)
    first = page.locator(".assist .kb-hit").first
    first.wait_for()
    assert first.locator("strong").inner_text() == "暖气不热怎么办？"
    page.wait_for_selector("#assist-place")
    assert "幸福小区1号楼" in page.locator("#assist-place").inner_text()
    # the household's subsidy status and account beside it (「补贴一直没发」 answered from the record)
    page.locator("#assist-hall #subsidy-status").wait_for()
    assert "补贴：已审核待发放" in page.locator("#assist-hall #subsidy-status").inner_text()
    assert "应缴热费" in page.locator("#assist-hall").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "kb-assist-complaint-390", tmp_path)

    # an inquiry: answered from the entry and closed on the call
    page.fill("#id_text", "")
    page.type("#id_text", "电子发票上哪打", delay=30)
    # (a locator, not wait_for_function: the pages' CSP allows no evaluated strings)
    page.locator(".assist .kb-hit strong").first.filter(has_text="怎么开暖气费发票").wait_for()
    _shot(page, "kb-assist-inquiry-390", tmp_path)
    page.locator(".assist .kb-hit").first.locator("button:has-text('直接答复并办结')").click()
    page.wait_for_url("**/cases/*/")
    assert "直接答复办结" in page.locator(".messages").inner_text()
    case = Case.objects.get()
    assert case.state == "closed" and case.answered_from.startswith("kb:")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "kb-answered-case-390", tmp_path)


@pytest.mark.django_db(transaction=True)
def test_kb_pages_fit_a_phone(page, login, tmp_path):
    world = build_world()
    publish_entries(by=world.users["supervisor"], city=world.objects["co1"].city)
    login("diaodu", PASSWORD)
    page.goto("/kb/?q=停暖要去哪办")
    assert page.locator(".kb-hit strong").first.inner_text() == "报停怎么办理？停暖要去哪办？"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "kb-search-390", tmp_path)
    page.goto("/kb/new/")
    page.fill("#id_question", "营业厅几点上班")
    page.fill("#id_answer", "工作日8:30—17:30")
    page.click("button:has-text('保存')")
    page.wait_for_url("**/kb/*/")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector("text=待审核")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "kb-entry-390", tmp_path)
    for path, name in (("/kb/", "kb-list-390"), ("/kb/import/", "kb-import-390")):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _shot(page, name, tmp_path)
