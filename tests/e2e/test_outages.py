"""An outage over 24 hours, as a company dispatcher records and restores it on her phone."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.accounts.tests.world import build_world
from wennuan.cases.tests.factories import new_case
from wennuan.notices.models import Notice


def _shot(page, name: str, tmp_path: Path) -> None:
    """Full-page screenshot; kept in $WENNUAN_SCREENSHOTS when set (to look at), else in tmp."""
    folder = Path(os.environ.get("WENNUAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_dispatcher_records_a_burst_and_restores_it_after_30_hours(page, login, tmp_path):
    world = build_world()
    # three calls from building 1 within the hour: intake flags a suspected outage
    for h in ("h1", "h2", "h3"):
        new_case(household=world.households[h], text="全楼暖气都不热了")
    login("diaodu", PASSWORD)
    page.click("label.nav-burger")
    page.click("nav >> text=停热")
    page.click("#new-outage")
    now = timezone.localtime()
    page.select_option("#id_cause", "pipe_burst")
    page.fill("#id_start", (now - timedelta(hours=30)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_expected_restore", (now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_description", "1号楼主管道爆管抢修")
    page.check("input[name=area_kind][value=buildings]")
    page.select_option("#id_estate", label="幸福小区")  # htmx brings the estate's buildings and units
    page.check("#area-choices >> text=1号楼 >> nth=0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "outage-new-390", tmp_path)
    page.click("button:has-text('登记并通知')")
    page.wait_for_url("**/outages/*/")
    body = page.locator("main").inner_text()
    assert "2户177平方米" in body and "A0001" in body and "A0002" in body
    assert "A0003" not in body  # same building, another company
    # the mass complaints of her households are attached (h3's is company 2's and not hers to see)
    assert page.locator("#outage-cases li").count() == 2
    assert {n.recipient.username for n in Notice.objects.select_related("recipient")} == {"wangge", "shequ"}

    page.click("#restore-form button")  # blank time: now
    page.wait_for_selector("text=已登记恢复供热")
    assert page.locator("#outage-refund-days").inner_text() == "1"
    assert page.locator("#outage-state").inner_text() == "已恢复"
    days = page.locator("#outage-household-table td[data-label=退费天数]").all_inner_texts()
    assert days == ["1", "1"]
    assert page.locator("#outage-cases li").count() == 2  # still attached: they came in before the restore
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "outage-detail-390", tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})
    _shot(page, "outage-detail-1280", tmp_path)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/outages/?state=restored")
    assert "幸福小区1号楼" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _shot(page, "outage-list-390", tmp_path)
