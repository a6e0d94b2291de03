"""测温退费 in the browser, on a 390 px phone: a request, a record refused with its reason, a measurement
below standard, a re-measurement at standard, and the refund with its explanation on the company's ledger."""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.billing.models import Tariff
from wennuan.cases.tests.factories import new_case
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.rules.models import Season

SHOTS = Path(os.environ.get("WENNUAN_SCREENSHOTS", "var/screenshots"))


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"billing-{name}.png"), full_page=True)
    # On a phone nothing sticks out sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name


def _fill_measurement(page, at, celsius, *, certificate="JD-88231", photo):
    page.fill("#id_measured_at", at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_instrument_serial", "TM-2025-0117")
    page.fill("#id_certificate_no", certificate)
    page.fill("#id_outdoor_celsius", "-7.5")
    page.fill("#id_latitude", "36.06")
    page.fill("#id_longitude", "103.83")
    page.set_input_files("#id_photo", str(photo))
    page.fill("#id_r0_name", "卧室")
    page.fill("#id_r0_height", "1.2")
    page.fill("#id_r0_closed", (at - timedelta(minutes=40)).strftime("%H:%M:%S"))
    page.fill("#id_r0_stable", "0.1")
    for k in range(3):
        page.fill(f"#id_r0_t{k}", celsius)
        page.fill(f"#id_r0_at{k}", (at + timedelta(minutes=k)).strftime("%H:%M:%S"))
    page.check("#id_company_signed")
    page.check("#id_resident_signed")


@pytest.mark.django_db(transaction=True)
def test_request_measure_remeasure_refund_on_the_ledger(page, login, tmp_path):
    photo = tmp_path / "site.png"
    Image.new("RGB", (8, 8), "white").save(photo)
    # The household's city is created here, and with it its default rules (rules.seed).
    household = HouseholdFactory(account="LZ7001", area=Decimal("100"))
    city = household.station.company.city
    first = timezone.localtime() - timedelta(days=8)
    first = first.replace(hour=9, minute=30, second=0, microsecond=0)
    # A season of 151 days around the test's dates (the seeded one follows today's date).
    Season.objects.filter(city=city).delete()
    start = first.date() - timedelta(days=10)
    Season.objects.create(city=city, name="测试季", starts_on=start, ends_on=start + timedelta(days=150))
    Tariff.objects.create(city=city, effective_from=start, residential_price=27, non_residential_price=27)
    case = new_case(household=household, category=Category.REFUND, text="家里只有15度，申请测温退费")
    UserFactory(username="crew", role=Role.STATION_CREW, station=household.station)
    UserFactory(username="dispatcher", role=Role.DISPATCHER, company=household.station.company)

    login("crew", PASSWORD)
    page.goto("/billing/measure/")
    page.click(f"a[href='/billing/measure/{case.pk}/']")
    # A record without the instrument's certificate, doors closed only 10 minutes: refused with the reasons.
    _fill_measurement(page, first, "15.0", certificate="", photo=photo)
    page.fill("#id_r0_closed", (first - timedelta(minutes=10)).strftime("%H:%M:%S"))
    page.click("form.measure button[type=submit]")
    refused = page.locator("#refused").inner_text()
    assert "须记录仪器检定证书编号" in refused and "门窗须关闭至少30分钟后再读数" in refused
    _shot(page, "refused")

    # By the method: 15.0 ℃ below the 18 ℃ standard.
    page.goto(f"/billing/measure/{case.pk}/")
    _fill_measurement(page, first, "15.0", photo=photo)
    page.click("form.measure button[type=submit]")
    page.wait_for_url(f"**/billing/households/{household.account}/")
    _shot(page, "below-standard")

    # Re-measured six days later at 18.3 ℃: 6 whole days at 50%.
    page.goto(f"/billing/measure/{case.pk}/")
    _fill_measurement(page, first + timedelta(days=6), "18.3", photo=photo)
    page.click("form.measure button[type=submit]")
    page.wait_for_url(f"**/billing/households/{household.account}/")
    body = page.locator("main").inner_text()
    assert "53.64 元" in body and "计6天" in body and "按50%退费" in body
    _shot(page, "household")

    page.context.clear_cookies()
    login("dispatcher", PASSWORD)
    page.goto("/billing/ledger/")
    ledger = page.locator("main").inner_text()
    expected = f"{first.month}月{first.day}日测温15.0℃（标准18℃），至"
    assert "LZ7001" in ledger and "53.64" in ledger and expected in ledger
    _shot(page, "ledger")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SHOTS / "billing-ledger-1280.png"), full_page=True)
