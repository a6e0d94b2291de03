"""One hand-computed refund per preset city (domain.md's band table), each worked out on paper first."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from wennuan.billing.refunds.engine import Reading, RefundInput, compute
from wennuan.billing.refunds.presets import PRESETS, preset


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def signed(when: str, celsius: str, **extra) -> Reading:
    return Reading(at=at(when), celsius=D(celsius), signed=True, **extra)


def refund(city, season, area, price, *readings, **extra):
    start, end = (date.fromisoformat(d) for d in season)
    return compute(
        RefundInput(
            rule=preset(city), season_start=start, season_end=end, area_m2=D(area), price_per_m2=D(price),
            readings=readings, **extra,
        )
    )  # fmt: skip


def test_the_presets_are_named_as_the_table():
    assert list(PRESETS) == [
        "default", "Beijing", "Tianjin", "Heilongjiang 2021", "Dalian", "Xi'an", "Jinan", "Shenyang 2009",
    ]  # fmt: skip


def test_default_issue_example_is_35_76():
    # 100 × 27 ÷ 151 days × 4 whole days × 50% (14 ≤ 15.0 < 16) = 5400 / 151 = 35.7616
    result = refund(
        "default", ("2025-11-01", "2026-03-31"), 100, 27,
        signed("2025-12-10T09:30", "15.0"), signed("2025-12-14T09:30", "18.3"),
    )  # fmt: skip
    assert result.refund_yuan == D("35.76")
    assert result.days == 4
    assert result.explanation.startswith("12月10日测温15.0℃（标准18℃），至12月14日复测18.3℃，计4天")
    assert "按50%退费" in result.explanation


def test_beijing_refunds_only_the_failing_rooms_area_by_shortfall():
    # Worst room 15.5: Δ = 2.5 → 60%; area = 15 + 25 (both main rooms fail), not the flat's 90.
    # 40 × 30 ÷ 121 × 5 × 60% = 3600 / 121 = 29.752
    result = refund(
        "Beijing", ("2025-11-15", "2026-03-15"), 90, 30,
        signed("2025-12-01T10:00", "15.5", room="卧室", room_area_m2=D(15)),
        signed("2025-12-01T10:00", "17.0", room="客厅", room_area_m2=D(25)),
        signed("2025-12-06T10:00", "18.2"),
    )  # fmt: skip
    assert result.refund_yuan == D("29.75")
    assert "40㎡×30元/㎡÷121天×5天×60%" in result.explanation
    assert "卧室15.5℃、客厅17.0℃，取最低" in result.explanation


def test_tianjin_shortfall_of_exactly_two_is_the_ten_percent_band():
    # Δ = 18 − 16.0 = 2 → "Δ ≤ 2": 10%; 3 days 6 hours → 3 whole days. 100 × 25 ÷ 121 × 3 × 10% = 6.198
    result = refund(
        "Tianjin", ("2025-11-15", "2026-03-15"), 100, 25,
        signed("2025-12-01T09:00", "16.0"), signed("2025-12-04T15:00", "18.5"),
    )  # fmt: skip
    assert result.refund_yuan == D("6.20")


def test_tianjin_waives_a_shortfall_fixed_within_24_hours():
    result = refund(
        "Tianjin", ("2025-11-15", "2026-03-15"), 100, 25,
        signed("2025-12-10T09:00", "15.0"), signed("2025-12-10T20:00", "18.1"),
    )  # fmt: skip
    assert result.refund_yuan == D("0")
    assert "24小时内修复且未再出现，免于退费" in result.explanation


def test_tianjin_counts_a_quick_fix_that_recurs_as_a_day():
    # First: Δ = 3 (50%), fixed in 11 h but it recurs → 1 day: 100 × 25 ÷ 121 × 1 × 50% = 10.33;
    # second: Δ = 1 (10%) for 2 days: 100 × 25 ÷ 121 × 2 × 10% = 4.13.
    result = refund(
        "Tianjin", ("2025-11-15", "2026-03-15"), 100, 25,
        signed("2025-12-10T09:00", "15.0"), signed("2025-12-10T20:00", "18.1"),
        signed("2025-12-20T09:00", "17.0"), signed("2025-12-22T09:00", "18.0"),
    )  # fmt: skip
    assert result.refund_yuan == D("14.46")


def test_tianjin_refusal_to_sign_is_deemed_non_compliant_in_full():
    # 10 days at 100%: 80 × 25 ÷ 121 × 10 = 165.289
    result = refund(
        "Tianjin", ("2025-11-15", "2026-03-15"), 80, 25,
        Reading(at=at("2025-12-10T09:30"), celsius=D("17.5"), signed=False, refusal="sign"),
        signed("2025-12-20T09:30", "18.3"),
    )  # fmt: skip
    assert result.refund_yuan == D("165.29")
    assert "企业拒绝签字" in result.explanation


def test_heilongjiang_standard_is_20():
    # 19.0 < 20 → 18 ≤ T < 20: 10%; 10 days. 60 × 29 ÷ 183 × 10 × 10% = 9.508
    result = refund(
        "Heilongjiang 2021", ("2025-10-20", "2026-04-20"), 60, 29,
        signed("2026-01-10T10:00", "19.0"), signed("2026-01-20T10:00", "20.1"),
    )  # fmt: skip
    assert result.refund_yuan == D("9.51")
    assert "标准20℃" in result.explanation


def test_dalian_sixteen_is_the_forty_percent_band():
    # 16 ≤ 16.0 < 18: 40%; 7 days. 70 × 32 ÷ 152 × 7 × 40% = 41.263
    result = refund(
        "Dalian", ("2025-11-05", "2026-04-05"), 70, 32,
        signed("2025-12-01T10:00", "16.0"), signed("2025-12-08T10:00", "18.0"),
    )  # fmt: skip
    assert result.refund_yuan == D("41.26")


def test_xian_refunds_the_fee_without_the_base_fee():
    # 14 ≤ 15.0 < 16: 50%; 10 days; 70% of the fee. 100 × 23 × 0.7 ÷ 121 × 10 × 50% = 66.528
    result = refund(
        "Xi'an", ("2025-11-15", "2026-03-15"), 100, 23,
        signed("2025-12-01T10:00", "15.0"), signed("2025-12-11T10:00", "18.0"),
    )  # fmt: skip
    assert result.refund_yuan == D("66.53")
    assert "(1−30%基本热费)" in result.explanation


def test_jinan_changes_band_at_a_failing_re_measurement():
    # 13.9 → 100% for 2 days (38.68); 16.0 → 50% from then, 4 d 3 h in all → 2 more days (19.34).
    result = refund(
        "Jinan", ("2025-11-15", "2026-03-15"), 90, 26,
        signed("2025-12-01T09:00", "13.9"), signed("2025-12-03T09:00", "16.0"), signed("2025-12-05T12:00", "18.0"),
    )  # fmt: skip
    assert [s.amount for s in result.segments if s.kind == "measured"] == [D("38.68"), D("19.34")]
    assert result.refund_yuan == D("58.02")
    assert "12月3日复测16.0℃，仍不达标" in result.explanation


def test_shenyang_counts_from_the_complaint_when_measured_late():
    # Measured 6 h after the complaint (limit 2 h): days from 12-01 08:00 to 12-04 08:00 = 3, at 100%
    # (12.9 < 13). 80 × 28 ÷ 151 × 3 = 44.503
    result = refund(
        "Shenyang 2009", ("2025-11-01", "2026-03-31"), 80, 28,
        signed("2025-12-01T14:00", "12.9"), signed("2025-12-04T08:00", "18.0"),
        complaint_at=at("2025-12-01T08:00"), measurement_deadline_hours=D(2),
    )  # fmt: skip
    assert result.refund_yuan == D("44.50")
    assert "12月1日申请测温，企业未在时限（12月1日10:00）前测温，自申请时起算" in result.explanation


@pytest.mark.parametrize("city", list(PRESETS))
def test_every_preset_refunds_nothing_at_the_standard(city):
    standard = preset(city).standard
    result = refund(city, ("2025-11-01", "2026-03-31"), 100, 27, signed("2025-12-01T10:00", str(standard)))
    assert result.refund_yuan == 0
    assert "测温均达标" in result.explanation
