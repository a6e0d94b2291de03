"""Panels other apps add to supervision's dashboard (surge's cold-wave forecast, sensors' collectors).

Lives in core because those apps sit below supervision. ``context(request, scope, start, end)`` returns
the template's context, or None to leave the panel out (no forecast for this city, say); ``scope`` is
{"level", "ref", "name"} as the KPI API answers it."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    title: str
    template: str
    context: Callable
    order: int = 100


_PANELS: dict[str, DashboardPanel] = {}


def register_panel(key: str, title: str, template: str, context: Callable, *, order: int = 100) -> None:
    _PANELS[key] = DashboardPanel(key, title, template, context, order)


def panels() -> list[DashboardPanel]:
    return sorted(_PANELS.values(), key=lambda p: p.order)
