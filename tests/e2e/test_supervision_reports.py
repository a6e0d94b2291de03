"""On a 390 px phone the supervisor lists a hotspot into the 冬病夏治 ledger, the company's dispatcher
reports progress, and the supervisor drafts, approves and issues a 通报 (the dispatcher is told)."""

import os
from pathlib import Path

import pytest

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.accounts.tests.world import build_world
from wennuan.cases.tests.factories import new_case
from wennuan.notices.models import Notice
from wennuan.repairs.models import RepairItem
from wennuan.reports.models import Bulletin
from wennuan.rules.models import CaseRules


def _shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("WENNUAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.django_db(transaction=True)
def test_hotspot_into_ledger_then_a_bulletin_issued(page, login, tmp_path):
    world = build_world()
    CaseRules.objects.update(outage_min_cases=100)
    for h in ("h1", "h1", "h2"):
        new_case(household=world.households[h], text="暖气不热")
    login("zhuguan", PASSWORD)
    page.goto("/repairs/hotspots/")
    _no_sideways_scroll(page)
    page.check("input[aria-label='选择幸福小区']")
    page.click("#create-items")
    page.wait_for_url("**/repairs/")
    assert "已列入冬病夏治台账 1 项" in page.inner_text("main")
    _shot(page, "repairs-list", tmp_path)
    item = RepairItem.objects.get()

    page.goto("/reports/bulletins/candidates/")
    _no_sideways_scroll(page)
    page.check("input[aria-label='选择热力一公司']")
    page.click("#draft-bulletin")
    page.wait_for_selector("#bulletin-form")
    page.fill("#id_requirements", "限期三日内整改到位。")
    page.click("#bulletin-form button[type=submit]")
    page.click("#approve")
    page.click("#issue")
    assert page.inner_text("#bulletin-state") == "已印发"
    _shot(page, "bulletin-issued", tmp_path)
    _no_sideways_scroll(page)
    assert Bulletin.objects.get().requirements == "限期三日内整改到位。"
    assert Notice.objects.filter(kind="bulletin", recipient=world.users["dispatcher"]).exists()

    page.context.clear_cookies()
    login("diaodu", PASSWORD)
    page.goto(f"/repairs/{item.pk}/")
    page.fill("#id_note", "更换1单元立管")
    page.fill("#id_percent", "30")
    page.click("#progress-form button[type=submit]")
    assert page.inner_text("#item-percent") == "30%"
    _shot(page, "repair-progress", tmp_path)
    _no_sideways_scroll(page)
