"""The cities of domain.md's band table, named exactly as its first column (a city loads one by name)."""

from decimal import Decimal as D

from ..enums import AreaRule, BandBasis
from .rules import Band, CityRule


def _t_bands(*rows: tuple[str | None, str | None, str]) -> tuple[Band, ...]:
    """Bands by temperature, each ``low ≤ T < high``."""
    return tuple(
        Band(share=D(share), low=D(low) if low else None, high=D(high) if high else None)
        for low, high, share in rows
    )


PRESETS: dict[str, CityRule] = {
    rule.name: rule
    for rule in (
        # Harbin 2012: 16 ≤ T < 18: 30%; 14 ≤ T < 16: 50%; T < 14: 100%.
        CityRule(name="default", bands=_t_bands(("16", "18", "0.3"), ("14", "16", "0.5"), (None, "14", "1"))),
        # Δ < 2: 40%; 2 ≤ Δ < 4: 60%; Δ ≥ 4: 100%; only the failing bedrooms' and living rooms' area.
        CityRule(
            name="Beijing",
            basis=BandBasis.SHORTFALL,
            bands=(
                Band(share=D("0.4"), low=D("0"), high=D("2"), low_inclusive=False),
                Band(share=D("0.6"), low=D("2"), high=D("4")),
                Band(share=D("1"), low=D("4")),
            ),
            area_rule=AreaRule.FAILING_ROOMS,
        ),
        # Δ ≤ 2: 10%; 2 < Δ ≤ 6: 50%; Δ > 6: 100%; fixed within 24 h is waived unless it recurs; a refusal
        # to measure, to show the certificate or to sign deems the room non-compliant.
        CityRule(
            name="Tianjin",
            basis=BandBasis.SHORTFALL,
            bands=(
                Band(share=D("0.1"), low=D("0"), high=D("2"), low_inclusive=False, high_inclusive=True),
                Band(share=D("0.5"), low=D("2"), high=D("6"), low_inclusive=False, high_inclusive=True),
                Band(share=D("1"), low=D("6"), low_inclusive=False),
            ),
            waiver_hours=D("24"),
            refusal_deems_noncompliant=True,
        ),
        CityRule(
            name="Heilongjiang 2021",
            standard=D("20"),
            bands=_t_bands(("18", "20", "0.1"), ("16", "18", "0.3"), ("14", "16", "0.5"), (None, "14", "1")),
        ),
        CityRule(name="Dalian", bands=_t_bands(("16", "18", "0.4"), (None, "16", "1"))),
        # The fee minus the 30% base fee is what the daily fee divides.
        CityRule(
            name="Xi'an",
            bands=_t_bands(("16", "18", "0.2"), ("14", "16", "0.5"), (None, "14", "1")),
            base_fee_share=D("0.3"),
        ),
        CityRule(name="Jinan", bands=_t_bands(("14", "18", "0.5"), (None, "14", "1"))),
        CityRule(name="Shenyang 2009", bands=_t_bands(("13", "18", "0.5"), (None, "13", "1"))),
    )
}


def preset(name: str) -> CityRule:
    """The preset called ``name``; KeyError lists the known names."""
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"未知的城市规则「{name}」，可选：{'、'.join(PRESETS)}") from None
