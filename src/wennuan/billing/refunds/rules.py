"""A city's refund rule as plain data: what the engine needs, whether it came from a preset or the database."""

from dataclasses import dataclass, field
from decimal import Decimal

from ..enums import AreaRule, BandBasis, DayCounting


@dataclass(frozen=True)
class Band:
    """One row of a band table: ``low ≤ x < high`` (inclusivity per side) refunds ``share`` of the daily fee.

    ``x`` is the measured temperature T or the shortfall Δ, per the rule's basis; ``None`` is unbounded."""

    share: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False

    def contains(self, x: Decimal) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (x > self.high or (x == self.high and not self.high_inclusive)))

    def label(self, symbol: str) -> str:
        """「14≤T<16」, 「Δ≤2」, 「T≥4」."""
        lower = f"{'≤' if self.low_inclusive else '<'}"
        upper = f"{'≤' if self.high_inclusive else '<'}"
        if self.low is not None and self.high is not None:
            return f"{num(self.low)}{lower}{symbol}{upper}{num(self.high)}"
        if self.high is not None:
            return f"{symbol}{upper}{num(self.high)}"
        if self.low is not None:
            return f"{symbol}{'≥' if self.low_inclusive else '>'}{num(self.low)}"
        return "任意"


@dataclass(frozen=True)
class CityRule:
    """Everything a city decides about refunds (domain.md, Refunds). Defaults are the ``default`` preset's."""

    name: str
    standard: Decimal = Decimal("18")
    basis: BandBasis = BandBasis.TEMPERATURE
    bands: tuple[Band, ...] = field(default_factory=tuple)
    base_fee_share: Decimal = Decimal("0")  # Xi'an: 0.30 of the fee is base fee, not refunded
    area_rule: AreaRule = AreaRule.WHOLE
    day_counting: DayCounting = DayCounting.WHOLE_24H
    waiver_hours: Decimal = Decimal("0")  # Tianjin: a shortfall fixed within 24 h is waived unless it recurs
    refusal_deems_noncompliant: bool = False  # Tianjin: refusing to measure/show/sign = 100%
    outage_min_hours: Decimal = Decimal("24")  # company-caused stoppage longer than this refunds in full
    outage_share: Decimal = Decimal("1")

    def band_for(self, celsius: Decimal, standard: Decimal) -> Band | None:
        """The band a failing reading falls in (None at or above the standard, or outside every band)."""
        if celsius >= standard:
            return None
        x = celsius if self.basis == BandBasis.TEMPERATURE else standard - celsius
        return next((band for band in self.bands if band.contains(x)), None)

    @property
    def symbol(self) -> str:
        return "T" if self.basis == BandBasis.TEMPERATURE else "Δ"


def num(value: Decimal) -> str:
    """A rule's number without trailing zeros: 18, 0.3, 1.2."""
    return format(value.normalize(), "f")


def pct(share: Decimal) -> str:
    """0.5 → 50%."""
    return f"{num(share * 100)}%"
