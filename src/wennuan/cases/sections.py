"""Panels other apps add to the case page (the household's subsidy and account from the hall, …), without
cases importing them. A section's ``context(request, case)`` returns a dict rendered as ``panel``, or None to
show nothing for that case."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseSection:
    template: str
    context: Callable  # (request, case) -> dict | None
    order: int = 100


_SECTIONS: list[CaseSection] = []


def register_case_section(template: str, context: Callable, *, order: int = 100) -> None:
    if any(s.template == template for s in _SECTIONS):
        return
    _SECTIONS.append(CaseSection(template, context, order))
    _SECTIONS.sort(key=lambda s: s.order)


def case_sections(request, case) -> list[tuple[str, dict]]:
    """(template, context) of every registered section that has something to show for ``case``."""
    out = []
    for s in _SECTIONS:
        panel = s.context(request, case)
        if panel is not None:
            out.append((s.template, panel))
    return out
