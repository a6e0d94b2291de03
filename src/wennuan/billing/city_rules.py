"""The one read path for a city's billing rules on a day (the newest row in force wins).

With no row, domain.md's defaults: the ``default`` preset and the default method (unsaved rows), so a
measurement is never judged against nothing. No tariff means no price: refunds then say so.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from .models import MeasurementMethod, RefundRule, Tariff
from .refunds.presets import PRESETS
from .refunds.rules import Band, CityRule


def _day(on: date | datetime) -> date:
    return timezone.localdate(on) if isinstance(on, datetime) else on


def _in_force(model, city_id: int, on: date | datetime):
    return (
        model.objects.filter(city_id=city_id)
        .effective_on(_day(on))
        .order_by("-effective_from", "-id")
        .first()
    )


def method_on(*, city_id: int, on: date | datetime) -> MeasurementMethod:
    return _in_force(MeasurementMethod, city_id, on) or MeasurementMethod(city_id=city_id)


def tariff_on(*, city_id: int, on: date | datetime) -> Tariff | None:
    return _in_force(Tariff, city_id, on)


def refund_rule_on(*, city_id: int, on: date | datetime) -> RefundRule | None:
    return _in_force(RefundRule, city_id, on)


def engine_rule(*, city_id: int, on: date | datetime, tariff: Tariff | None) -> CityRule:
    """The engine's rule for the city on ``on``: its refund rule and bands, its tariff's base-fee share.

    The standard is left to the caller (the rules app's indoor standard is passed to the engine)."""
    row = refund_rule_on(city_id=city_id, on=on)
    if row is None:
        return PRESETS["default"]
    bands = tuple(
        Band(
            share=b.share,
            low=b.low,
            high=b.high,
            low_inclusive=b.low_inclusive,
            high_inclusive=b.high_inclusive,
        )
        for b in row.bands.all()
    )
    base = tariff.base_fee_share if (tariff is not None and row.excludes_base_fee) else Decimal("0")
    return CityRule(
        name=row.preset or f"#{row.pk}", basis=row.basis, bands=bands, base_fee_share=base,
        area_rule=row.area_rule, day_counting=row.day_counting, waiver_hours=Decimal(row.waiver_hours),
        refusal_deems_noncompliant=row.refusal_deems_noncompliant, outage_min_hours=Decimal(row.outage_min_hours),
    )  # fmt: skip


def season_fee(*, household, season) -> tuple[Decimal, Tariff] | None:
    """A household's fee for a season: its area × the residential price in force when the season starts
    (None when the city has no tariff then)."""
    tariff = tariff_on(city_id=household.station.company.city_id, on=season.starts_on)
    if tariff is None:
        return None
    return (household.area * tariff.residential_price).quantize(Decimal("0.01")), tariff
