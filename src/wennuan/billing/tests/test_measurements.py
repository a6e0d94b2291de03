"""Dispute measurements (测温): stored only by the city's method, refused with every reason otherwise."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
import time_machine

from wennuan.billing.enums import Refusal
from wennuan.billing.models import Measurement, MeasurementMethod, RefundEntry
from wennuan.billing.services.measurements import MeasurementRefused, RoomReading, record_measurement
from wennuan.billing.services.presets import load_preset
from wennuan.cases.tests.factories import crew_for, dispatched, dispatcher_for, new_case
from wennuan.core.categories import Category
from wennuan.core.models import AuditLog

from .conftest import local
from .factories import by_method, household_with_tariff, measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(in_season):
    return household_with_tariff()


@pytest.fixture
def crew(household):
    return crew_for(household.station)


def test_a_record_by_the_method_is_stored_with_each_rooms_mean_and_audited(household, crew):
    at = local("2025-12-10T09:30")
    data = by_method(at, "15.0", "16.0")
    rooms = [RoomReading(**{**vars(r), "readings": [(r.readings[k][0], Decimal(v)) for k, v in enumerate(("15.1", "15.2", "15.4"))]})
             if r.name == "卧室" else r for r in data.rooms]  # fmt: skip
    row = record_measurement(by=crew, household=household, data=by_method(at, rooms=rooms))
    assert [(r.name, r.mean_celsius) for r in row.rooms.all()] == [
        ("卧室", Decimal("15.2")),
        ("客厅", Decimal("16.0")),
    ]
    assert (
        row.lowest_celsius == Decimal("15.2")
        and row.standard_celsius == Decimal("18")
        and row.compliant is False
    )
    assert AuditLog.objects.filter(action="billing.measurement_recorded", object_id=str(row.pk)).exists()


def test_below_standard_then_at_standard_puts_the_refund_in_the_ledger(household, crew):
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    measure(household, crew, local("2025-12-14T09:30"), "18.3")
    entry = RefundEntry.objects.get(household=household)
    # 100 ㎡ × 27 ÷ 151 × 4 × 50% = 35.76; due two months after the season's 03-31.
    assert entry.amount == Decimal("35.76") and entry.days == 4
    assert str(entry.due_on) == "2026-05-31"
    assert entry.explanation.startswith("12月10日测温15.0℃（标准18℃），至12月14日复测18.3℃，计4天")
    assert entry.company_id == household.station.company_id


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"instrument_serial": ""}, "须记录测温仪器编号"),
        ({"certificate_no": " "}, "须记录仪器检定证书编号"),
        ({"photo": None}, "须上传现场照片"),
        ({"latitude": None}, "须记录GPS定位"),
        ({"latitude": 0.5}, "GPS定位不在合理范围内"),
        ({"outdoor_celsius": None}, "须记录室外温度"),
        ({"company_signed": False}, "须有企业测温人员签字"),
        ({"resident_signed": False}, "须有住户签字，或记录住户拒签"),
        ({"rooms": []}, "至少测一个房间"),
        ({"cause": "resident"}, "判定为用户原因时须写明原因"),
    ],
)
def test_a_record_breaking_the_method_is_refused_with_the_reason(household, crew, change, reason):
    with pytest.raises(MeasurementRefused) as err:
        record_measurement(
            by=crew, household=household, data=by_method(local("2025-12-10T09:30"), "15.0", **change)
        )
    assert any(reason in r for r in err.value.reasons), err.value.reasons
    assert not Measurement.objects.exists() and not RefundEntry.objects.exists()


def _room(at, **change):
    values = dict(
        name="卧室", height_m=Decimal("1.2"), doors_closed_since=at - timedelta(minutes=40),
        stable_change=Decimal("0.1"), readings=[(at + timedelta(minutes=k), Decimal("15")) for k in range(3)],
    )  # fmt: skip
    values.update(change)
    return RoomReading(**values)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"height_m": Decimal("1.5")}, "测点高度1.5m不符合1.2±0.1m"),
        ({"doors_closed_since": "10 minutes"}, "门窗须关闭至少30分钟后再读数"),
        ({"stable_change": Decimal("0.5")}, "读数未稳定"),
        ({"readings": "two"}, "须有3次读数（实有2次）"),
        ({"readings": "20 seconds apart"}, "读数须间隔60秒"),
    ],
)
def test_a_room_measured_against_the_method_is_refused(household, crew, change, reason):
    at = local("2025-12-10T09:30")
    if change.get("doors_closed_since") == "10 minutes":
        change["doors_closed_since"] = at - timedelta(minutes=10)
    if change.get("readings") == "two":
        change["readings"] = [(at, Decimal("15")), (at + timedelta(minutes=1), Decimal("15"))]
    if change.get("readings") == "20 seconds apart":
        change["readings"] = [(at + timedelta(seconds=20 * k), Decimal("15")) for k in range(3)]
    with pytest.raises(MeasurementRefused) as err:
        record_measurement(by=crew, household=household, data=by_method(at, rooms=[_room(at, **change)]))
    assert any(reason in r for r in err.value.reasons), err.value.reasons


def test_forbidden_hours_are_refused(household, crew):
    MeasurementMethod.objects.filter(city=household.station.company.city).update(
        forbidden_from=time(10, 0), forbidden_to=time(14, 0)
    )
    with pytest.raises(MeasurementRefused, match="本市禁止在10:00–14:00测温"):
        measure(household, crew, local("2025-12-10T11:00"), "15.0")
    assert measure(household, crew, local("2025-12-10T14:00"), "15.0").pk


def test_a_companys_refusal_to_sign_applies_the_citys_flag(household, crew):
    city = household.station.company.city
    load_preset(city=city, name="Tianjin", effective_from=local("2025-11-01").date())
    measure(household, crew, local("2025-12-10T09:30"), "17.5", company_signed=False, refusal=Refusal.SIGN)
    measure(household, crew, local("2025-12-20T09:30"), "18.3")
    entry = RefundEntry.objects.get(household=household)
    # 10 days at 100% under Tianjin's flag: 100 × 27 ÷ 151 × 10 = 178.81
    assert entry.amount == Decimal("178.81")
    assert "企业拒绝签字" in entry.explanation


def test_without_the_flag_a_refusal_is_only_noted(household, crew):
    measure(
        household, crew, local("2025-12-10T09:30"), company_signed=False, refusal=Refusal.MEASURE, rooms=[]
    )
    assert RefundEntry.objects.get(household=household).amount == 0


def test_a_retried_submit_is_one_record(household, crew):
    import uuid

    key = uuid.uuid4()
    data = by_method(local("2025-12-10T09:30"), "15.0")
    first = record_measurement(by=crew, household=household, data=data, client_id=key)
    again = record_measurement(
        by=crew, household=household, data=by_method(local("2025-12-10T09:30"), "15.0"), client_id=key
    )
    assert first.pk == again.pk and Measurement.objects.count() == 1


def test_the_request_must_be_the_households_refund_case(household, crew):
    other = new_case(household=household, category=Category.NOT_WARM)
    with pytest.raises(MeasurementRefused, match="关联工单须是本户的测温退费申请"):
        measure(household, crew, local("2025-12-10T09:30"), "15.0", case=other)


def test_late_measurement_of_a_request_counts_from_the_request(household, crew):
    request = new_case(
        household=household, category=Category.REFUND, text="申请测温", received_at=local("2025-12-01T08:00")
    )
    with time_machine.travel(local("2025-12-01T08:10"), tick=False):
        request = dispatched(request, dispatcher_for(household.station.company))
    # The city's measurement clock (CaseRules.measurement_hours, 24 h) runs from 派单 and is stored on the case.
    assert request.onsite_due == local("2025-12-02T08:10")
    # Measured 12-03 09:30 (past the 12-02 08:10 deadline), fixed 12-06 09:30: days from the request, 12-01
    # 08:00 → 12-06 09:30 = 5 whole days (not 3).
    measure(household, crew, local("2025-12-03T09:30"), "15.0", case=request)
    measure(household, crew, local("2025-12-06T09:30"), "18.5")
    entry = RefundEntry.objects.get(household=household)
    assert "12月1日申请测温，企业未在时限（12月2日8:10）前测温，自申请时起算" in entry.explanation
    assert entry.days == 5


def test_measuring_an_accepted_request_records_the_visit_on_the_case(household, crew):
    from wennuan.cases.tests.factories import accepted

    request = new_case(household=household, category=Category.REFUND, text="申请测温")
    request = accepted(request, dispatcher=dispatcher_for(household.station.company), crew=crew)
    measure(household, crew, local("2025-12-20T15:00"), "15.0", case=request)
    request.refresh_from_db()
    assert request.onsite_at is not None
    assert request.events.filter(action="onsite", note__startswith="入户测温").exists()
