"""The season's account and 报停/开栓 on the resident page, through hall's statement and services."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.billing.tests.factories import household_with_tariff
from wennuan.hall.enums import ApplicationKind, ApplicationStatus, SubsidyGroup, SubsidyStatus
from wennuan.hall.models import HeatApplication, Payment, Subsidy, SubsidyRule
from wennuan.rules.selectors import current_or_next_season

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
IN_SEASON = datetime(2025, 12, 20, 16, 0, tzinfo=TZ)
BEFORE_WINDOW_CLOSES = datetime(
    2026, 9, 20, 10, 0, tzinfo=TZ
)  # 2026-2027 starts 11-01: the window closes 10-02
AFTER_WINDOW_CLOSES = datetime(2026, 10, 10, 10, 0, tzinfo=TZ)


@pytest.fixture
def tariffed(db):
    with time_machine.travel(IN_SEASON, tick=False):
        return household_with_tariff(area="100", price="27", phone="13812345678", account="HEAT001")


def test_the_account_shows_fee_paid_arrears_and_subsidy(client, tariffed, identified):
    with time_machine.travel(IN_SEASON, tick=False):
        season = current_or_next_season(city=tariffed.station.company.city_id)
        Payment.objects.create(
            household=tariffed,
            season=season,
            receipt_no="R1",
            amount=Decimal("1000"),
            paid_on=date(2025, 11, 3),
        )
        rule = SubsidyRule.objects.create(
            city=season.city, effective_from=date(2000, 1, 1), group=SubsidyGroup.LOW_INCOME, basis="fixed",
            value=Decimal("800"),
        )  # fmt: skip
        Subsidy.objects.create(
            household=tariffed, season=season, group=SubsidyGroup.LOW_INCOME, rule=rule, amount=Decimal("800"),
            status=SubsidyStatus.APPROVED, entitled_at=IN_SEASON, approved_at=IN_SEASON, pay_by=date(2026, 1, 19),
        )  # fmt: skip
        identified(tariffed)
        body = client.get("/resident/home/").content.decode()
    assert "2700.00 元" in body and "1000.00 元" in body  # 100 ㎡ × 27 元; paid
    assert "1700.00 元" in body and "未缴清" in body  # arrears, whatever the registry's ledger says
    assert "低保户 800.00 元 · 已审核待发放（应于 2026-01-19 前发放）" in body


def test_suspension_inside_the_window_is_filed(client, tariffed, identified):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        identified(tariffed)
        r = client.post(
            "/resident/heat/", {"kind": "suspend", "phone": "13812345678", "note": "外出过冬"}, follow=True
        )
    app = HeatApplication.objects.get()
    assert app.kind == ApplicationKind.SUSPEND and app.status == ApplicationStatus.PENDING
    assert app.household == tariffed and app.applicant_phone == "13812345678"
    body = r.content.decode()
    assert "报停申请已提交" in body and "2026年9月30日前书面答复" in body


def test_suspension_outside_the_window_shows_the_reason(client, tariffed, identified):
    with time_machine.travel(AFTER_WINDOW_CLOSES, tick=False):
        identified(tariffed)
        r = client.post("/resident/heat/", {"kind": "suspend", "phone": "13812345678"})
    assert "已过申请期限" in r.content.decode() and "申请截止2026年10月2日" in r.content.decode()
    assert not HeatApplication.objects.exists()


def test_resumption_without_suspension_says_why(client, tariffed, identified):
    with time_machine.travel(IN_SEASON, tick=False):
        identified(tariffed)
        r = client.post("/resident/heat/", {"kind": "resume", "phone": "13812345678"})
    assert "没有报停，无需申请开栓" in r.content.decode()


def test_a_bad_phone_or_no_choice_is_named(client, tariffed, identified):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        identified(tariffed)
        assert "请选择报停或开栓" in client.post("/resident/heat/", {"phone": "13812345678"}).content.decode()
        r = client.post("/resident/heat/", {"kind": "suspend", "phone": "555"})
        assert "联系电话应为11位手机号" in r.content.decode()
    assert not HeatApplication.objects.exists()


def test_a_resident_sees_only_their_own_applications(client, tariffed, identified):
    other = household_with_tariff(phone="13900004444", unit=tariffed.unit, station=tariffed.station)
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        from wennuan.hall.services.applications import apply_suspension

        apply_suspension(household=other, by=None, note="邻居的申请")
        identified(tariffed)
        body = client.get("/resident/heat/").content.decode()
    assert "没有报停、开栓申请" in body
