"""The list behind a figure: /cases/ with the filters that select exactly the cases it counts."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from .levels import Level
from .scopes import Scope

# The cases list's filter for each scope level (a city-wide list needs none).
SCOPE_FILTER = {
    Level.DISTRICT: "district",
    Level.STREET: "street",
    Level.COMMUNITY: "community",
    Level.GRID: "grid",
    Level.COMPANY: "company",
    Level.STATION: "station",
    Level.ESTATE: "estate",
}


def cases_url(scope: Scope | None = None, **filters) -> str:
    """``queue=`` is always sent: without it the list opens the role's own inbox instead of all cases."""
    params = {"queue": filters.pop("queue", "")}
    if scope is not None and scope.level in SCOPE_FILTER and scope.ref is not None:
        params[SCOPE_FILTER[scope.level]] = scope.ref
    for key, value in filters.items():
        if value is None or value == "":
            continue
        params[key] = value.isoformat() if isinstance(value, date) else ("true" if value is True else value)
    return f"{reverse('cases:list')}?{urlencode(params)}"


def received(scope, start: date, end: date, **more) -> str:
    return cases_url(scope, received_from=start, received_to=end, **more)
