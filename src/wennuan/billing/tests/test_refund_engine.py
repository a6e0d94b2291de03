"""The engine's rules beyond the band table: causes, signatures, outages, the season's edges, bad input."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from wennuan.billing.enums import Cause
from wennuan.billing.refunds.engine import InputError, Interval, Reading, RefundInput, compute
from wennuan.billing.refunds.presets import preset


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def base(**extra) -> RefundInput:
    values = dict(
        rule=preset("default"), season_start=date(2025, 11, 1), season_end=date(2026, 3, 31),
        area_m2=D(100), price_per_m2=D(27),
    )  # fmt: skip
    values.update(extra)
    return RefundInput(**values)


def test_a_resident_cause_voids_the_period_with_its_reason():
    result = compute(
        base(
            readings=(
                Reading(at("2025-12-10T09:30"), D("15.0"), cause=Cause.RESIDENT, cause_note="私改暖气片"),
                Reading(at("2025-12-14T09:30"), D("18.3")),
            )
        )
    )
    assert result.refund_yuan == 0
    assert "经查属用户原因（私改暖气片），本段不予退费" in result.explanation


def test_unsigned_readings_do_not_count():
    result = compute(base(readings=(Reading(at("2025-12-10T09:30"), D("15.0"), signed=False),)))
    assert result.refund_yuan == 0
    assert "未经双方签字，不计" in result.explanation


def test_a_refusal_without_the_city_flag_is_only_noted():
    result = compute(base(readings=(Reading(at("2025-12-10T09:30"), None, signed=False, refusal="measure"),)))
    assert result.refund_yuan == 0
    assert "企业拒绝测温（本市规则不据此视为不达标）" in result.explanation


def test_a_period_never_re_measured_runs_to_the_seasons_end():
    # 2026-03-22 09:30 → 2026-04-01 00:00 = 9 days 14.5 h → 9 days at 30%: 2700 ÷ 151 × 9 × 0.3 = 48.28
    result = compute(base(readings=(Reading(at("2026-03-22T09:30"), D("17.0")),)))
    assert result.refund_yuan == D("48.28")
    assert "至供暖季结束（3月31日）未复测达标" in result.explanation


def test_a_company_outage_over_24_hours_refunds_its_days_in_full_and_not_twice():
    # Outage 12-11 00:00 → 12-13 06:00 (54 h: 2 days at 100% = 35.76); the measured period 12-10 09:30 →
    # 12-16 09:30 (6 days) minus the 54 h stoppage = 3 d 18 h → 3 days at 50% = 26.82.
    result = compute(
        base(
            readings=(Reading(at("2025-12-10T09:30"), D("15.0")), Reading(at("2025-12-16T09:30"), D("18.3"))),
            outages=(Interval(at("2025-12-11T00:00"), at("2025-12-13T06:00")),),
        )
    )
    assert [(s.kind, s.days, s.amount) for s in result.segments if s.days] == [
        ("measured", 3, D("26.82")),
        ("outage", 2, D("35.76")),
    ]
    assert result.refund_yuan == D("62.58")


def test_an_outage_of_24_hours_or_less_adds_nothing():
    result = compute(base(outages=(Interval(at("2025-12-11T00:00"), at("2025-12-12T00:00")),)))
    assert result.refund_yuan == 0
    assert "未超过24小时，不另计" in result.explanation


def test_readings_outside_the_season_are_not_counted():
    result = compute(base(readings=(Reading(at("2026-04-02T09:30"), D("12.0")),)))
    assert result.refund_yuan == 0
    assert "不在供暖季内" in result.explanation


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"area_m2": D(0)}, "area_m2"),
        ({"price_per_m2": D(-1)}, "price_per_m2"),
        ({"season_end": date(2025, 10, 1)}, "season"),
        ({"readings": (Reading(at("2025-12-10T09:30"), D("99")),)}, "readings[1].celsius"),
        ({"readings": (Reading(datetime(2025, 12, 10, 9, 30), D("15")),)}, "readings[1].at"),
        ({"measurement_deadline_hours": D(24)}, "complaint_at"),
        ({"outages": (Interval(at("2025-12-11T00:00"), at("2025-12-10T00:00")),)}, "outages[1]"),
    ],
)
def test_bad_input_names_the_field(change, field):
    with pytest.raises(InputError) as err:
        compute(base(**change))
    assert err.value.field == field


def test_a_request_during_a_failing_period_keeps_the_periods_start():
    # Failing since 12-10; the request on 12-12 is measured late on 12-14 (still failing): days still run
    # from 12-10 (not from the request, which would refund less), to 12-16: 6 days at 50% = 53.64.
    result = compute(
        base(
            readings=(
                Reading(at("2025-12-10T09:30"), D("15.0")),
                Reading(at("2025-12-14T09:30"), D("15.0")),
                Reading(at("2025-12-16T09:30"), D("18.3")),
            ),
            complaint_at=at("2025-12-12T09:30"),
            measurement_deadline_hours=D(24),
        )
    )
    assert result.refund_yuan == D("53.64")
