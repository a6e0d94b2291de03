"""Invariants of the engine over random households, cities and measurements (hypothesis)."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wennuan.billing.refunds.engine import Reading, RefundInput, compute
from wennuan.billing.refunds.presets import PRESETS

SEASON = (date(2025, 11, 1), date(2026, 3, 31))
OPENS = datetime(2025, 11, 1, tzinfo=ZoneInfo("Asia/Shanghai"))

cities = st.sampled_from(list(PRESETS))
areas = st.decimals(min_value=D("10"), max_value=D("500"), places=2)
prices = st.decimals(min_value=D("0"), max_value=D("60"), places=2)
temperatures = st.decimals(min_value=D("-5"), max_value=D("25"), places=1)
hours = st.integers(min_value=0, max_value=150 * 24)
# The machine is shared: generation may be slow, and a slow example is no failure of the engine.
patient = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def household(city, area, price, readings) -> RefundInput:
    return RefundInput(
        rule=PRESETS[city], season_start=SEASON[0], season_end=SEASON[1], area_m2=area, price_per_m2=price,
        readings=tuple(readings),
    )  # fmt: skip


def reading(hour: int, celsius: D) -> Reading:
    return Reading(at=OPENS + timedelta(hours=hour), celsius=celsius, signed=True)


@patient
@given(cities, areas, prices, st.lists(st.tuples(hours, temperatures), max_size=8))
def test_never_negative(city, area, price, points):
    result = compute(household(city, area, price, [reading(h, t) for h, t in points]))
    assert result.refund_yuan >= 0
    assert all(s.amount >= 0 and s.days >= 0 for s in result.segments)


@patient
@given(cities, areas, prices, st.lists(st.tuples(hours, temperatures), max_size=8))
def test_zero_when_every_reading_is_at_or_above_standard(city, area, price, points):
    standard = PRESETS[city].standard
    warm = [reading(h, max(t, standard) + (t - D("-5")) / 10) for h, t in points]
    assert compute(household(city, area, price, warm)).refund_yuan == 0


@patient
# The fix comes at least an hour later: readings at one moment are one visit (its rooms), not a fix.
@given(cities, areas, prices, hours, st.integers(1, 400), st.integers(0, 400), temperatures)
def test_monotone_in_days(city, area, price, start, length, more, celsius):
    """A later passing re-measurement never refunds less."""
    standard = PRESETS[city].standard

    def with_fix_after(h):
        return compute(household(city, area, price, [reading(start, celsius), reading(start + h, standard)]))

    assert with_fix_after(length + more).refund_yuan >= with_fix_after(length).refund_yuan


@patient
@given(
    areas,
    st.decimals(D("1"), D("60"), places=2),
    hours,
    st.integers(24, 400),
    st.decimals(D("8"), D("20"), places=1),
    st.decimals(D("0"), D("6"), places=1),
)
def test_monotone_in_shortfall(area, price, start, length, celsius, colder):
    """A colder failing reading never refunds less, in every city (temperatures drawn around the bands)."""
    for city, rule in PRESETS.items():

        def at_temperature(t, city=city, standard=rule.standard):
            return compute(
                household(city, area, price, [reading(start, t), reading(start + length, standard)])
            )

        assert at_temperature(celsius - colder).refund_yuan >= at_temperature(celsius).refund_yuan, city


moments = st.datetimes(
    min_value=datetime(2025, 10, 1),
    max_value=datetime(2026, 5, 1),
    timezones=st.just(ZoneInfo("Asia/Shanghai")),
)
anything = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True), st.text(max_size=5)
)


@patient
@given(
    st.fixed_dictionaries(
        {
            "id": st.one_of(st.text(max_size=3), st.integers(), anything),
            "city": st.sampled_from([*PRESETS, "x", 3]),
        },
        optional={
            "season": st.one_of(
                st.just(["2025-11-01", "2026-03-31"]), st.lists(st.text(max_size=10), max_size=3)
            ),
            "area_m2": st.one_of(areas, anything),
            "price_per_m2": st.one_of(prices, anything),
            "readings": st.lists(
                st.fixed_dictionaries(
                    {"at": st.one_of(moments.map(datetime.isoformat), anything)},
                    optional={
                        "celsius": st.one_of(temperatures, anything),
                        "signed": st.one_of(st.booleans(), anything),
                        "cause": st.sampled_from(["resident", "company", "x"]),
                        "refusal": st.sampled_from(["sign", "measure", "?"]),
                        "room_area_m2": st.one_of(areas, anything),
                    },
                ),
                max_size=5,
            ),
            "complaint_at": st.one_of(moments.map(datetime.isoformat), anything),
            "measurement_deadline_hours": st.one_of(st.integers(0, 100), anything),
            "outages": st.lists(
                st.fixed_dictionaries(
                    {"start": moments.map(datetime.isoformat), "end": moments.map(datetime.isoformat)}
                ),
                max_size=3,
            ),
        },
    )
)
def test_any_line_gives_a_result_or_an_error_line_never_a_crash(line):
    import json

    from wennuan.billing.refunds.jsonl import compute_line

    out = compute_line(json.dumps(line, default=str), 1)
    assert ("error" in out) != ("refund_yuan" in out)
    if "refund_yuan" in out:
        assert out["refund_yuan"] >= 0
