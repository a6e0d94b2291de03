"""Sections other apps add to the household page (the refund of billing, …), without the registry importing them."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HouseholdSection:
    template: str
    context: Callable  # (request, household) -> dict, rendered as ``panel``
    order: int = 100


_SECTIONS: list[HouseholdSection] = []


def register_household_section(template: str, context: Callable, *, order: int = 100) -> None:
    if any(s.template == template for s in _SECTIONS):
        return
    _SECTIONS.append(HouseholdSection(template, context, order))
    _SECTIONS.sort(key=lambda s: s.order)


def household_sections(request, household) -> list[tuple[str, dict]]:
    """(template, context) of every registered section, for the household page."""
    return [(s.template, s.context(request, household)) for s in _SECTIONS]
