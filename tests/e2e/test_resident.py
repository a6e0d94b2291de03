"""The resident self-service page on a 390 px phone: identify with a one-time code (a wrong one first), see the
account, report a problem with a photo, follow it through the unit's work, rate it after 办结; and a
neighbour's case is not reachable by its id."""

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from wennuan.cases.models import Case, ResidentRating
from wennuan.cases.tests.factories import Actors, new_case, resolved
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.resident import sms
from wennuan.rules.models import CaseRules

SHOTS = Path(os.environ.get("WENNUAN_SCREENSHOTS", "var/screenshots"))


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"resident-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name  # nothing sticks out sideways


def _code() -> str:
    return sms.MemorySmsBackend.outbox[-1][1].split("验证码是")[1][:6]


@pytest.fixture
def memory_sms(settings):
    settings.SMS_BACKEND = "wennuan.resident.sms.MemorySmsBackend"
    sms.MemorySmsBackend.outbox.clear()


@pytest.mark.django_db(transaction=True)
def test_a_resident_identifies_reports_follows_and_rates(page, memory_sms, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    household = HouseholdFactory(account="LZ2026001", phone="13812345678", resident_name="王小英")
    CaseRules.objects.update(outage_min_cases=100)
    neighbour = HouseholdFactory(
        unit=household.unit, grid=household.grid, station=household.station, phone="13900001111"
    )
    theirs = new_case(household=neighbour)
    actors = Actors(household)

    page.goto("/resident/")
    page.fill("#account", "LZ2026001")
    page.fill("#phone", "13700000000")
    page.click("#identify-form button[type=submit]")
    assert "户号与登记的手机号不一致" in page.inner_text("#identify-error")
    page.fill("#phone", "138 1234 5678")
    page.click("#identify-form button[type=submit]")
    page.wait_for_url("**/resident/verify/")
    assert "138****5678" in page.inner_text("main")
    page.fill("#code", "000000" if _code() != "000000" else "111111")
    page.click("#verify-form button[type=submit]")
    assert "还可尝试4次" in page.inner_text("#verify-error")
    _shot(page, "verify-wrong")
    page.fill("#code", _code())
    page.click("#verify-form button[type=submit]")
    page.wait_for_url("**/resident/home/")
    assert "缴费状态" in page.inner_text("#account") and "LZ2026001" in page.inner_text("#household")
    assert "13812345678" not in page.content()
    _shot(page, "home")

    page.click("#go-report")
    page.select_option("#category", "not_warm")
    page.fill("#text", "卧室暖气片不热，室温只有14度")
    photo = tmp_path / "radiator.png"
    Image.new("RGB", (16, 16), "white").save(photo)
    page.set_input_files("#photo", str(photo))
    _shot(page, "report")
    page.click("#report-form button[type=submit]")
    page.wait_for_url("**/resident/cases/*/")
    case = Case.objects.get(household=household)
    assert case.external_id in page.inner_text("#ticket")
    assert "已受理您的诉求" in page.inner_text("#timeline") and "已补充照片" in page.inner_text("#timeline")

    resolved(case, dispatcher=actors.dispatcher, crew=actors.crew)  # the unit does its work meanwhile
    page.reload()
    timeline = page.inner_text("#timeline")
    assert "供热单位已接单" in timeline and "已办结" in timeline
    assert actors.crew.get_username() not in page.content()
    page.check("input[name=satisfaction][value=satisfied]")
    page.fill("#comment", "师傅来得很快")
    _shot(page, "rate")
    page.click("#rate-form button[type=submit]")
    page.wait_for_selector("#rating")
    assert "满意：师傅来得很快" in page.inner_text("#rating")
    assert ResidentRating.objects.get(case=case).satisfaction == "satisfied"
    _shot(page, "followed")

    page.goto(f"/resident/cases/{theirs.pk}/")
    assert "没有这个工单" in page.content() or "Not Found" in page.content()
    page.goto("/resident/home/")
    assert theirs.external_id not in page.content() and case.external_id in page.inner_text("#my-cases")


@pytest.mark.django_db(transaction=True)
def test_a_resident_applies_for_suspension_outside_then_inside_the_window(page, memory_sms):
    import time_machine

    from wennuan.billing.tests.factories import household_with_tariff
    from wennuan.hall.models import HeatApplication

    tz = ZoneInfo("Asia/Shanghai")
    after_window = datetime(2026, 10, 10, 10, 0, tzinfo=tz)  # 2026-2027 starts 11-01; the window closed 10-02
    before_window = datetime(2026, 9, 20, 10, 0, tzinfo=tz)
    with time_machine.travel(after_window):
        household = household_with_tariff(account="LZ2026002", phone="13812345679", area="88")
        page.goto("/resident/")
        page.fill("#account", "LZ2026002")
        page.fill("#phone", "13812345679")
        page.click("#identify-form button[type=submit]")
        page.wait_for_url("**/resident/verify/")
        page.fill("#code", _code())
        page.click("#verify-form button[type=submit]")
        page.wait_for_url("**/resident/home/")
        statement = page.inner_text("#statement")
        assert "应缴热费" in statement and "2376.00 元" in statement and "未缴清" in statement
        _shot(page, "account")
        page.click("#go-heat")
        page.check("input[name=kind][value=suspend]")
        page.fill("#note", "外出过冬")
        page.click("#heat-form button[type=submit]")
        assert "已过申请期限" in page.inner_text("#heat-error")
        _shot(page, "suspend-outside-window")
        assert not HeatApplication.objects.exists()
    with time_machine.travel(before_window):
        page.goto("/resident/heat/")
        page.check("input[name=kind][value=suspend]")
        page.fill("#note", "外出过冬")
        page.click("#heat-form button[type=submit]")
        page.wait_for_selector(".msg-success")
        assert "报停申请已提交" in page.inner_text(".msg-success")
        assert "待答复" in page.inner_text("#applications")
        _shot(page, "suspend-inside-window")
    app = HeatApplication.objects.get()
    assert app.household == household and app.kind == "suspend"
