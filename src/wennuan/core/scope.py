"""Scope: which rows a user may read. The single place where lists are restricted.

Every model that holds scoped data uses ``ScopedQuerySet`` (``objects = ScopedQuerySet.as_manager()``) and
declares ``scope_paths``: for each scope kind, the lookup from the model to that kind's primary key.
Pages, API, exports and reports all start from ``Model.objects.visible_to(user)``.
"""

from dataclasses import dataclass

from django.db import models


class ScopeKind(models.TextChoices):
    """What part of the city a user reads: all of it, a region (widest to narrowest), a heating unit.
    The region and heating kinds are also the names of the user's and the scoped models' fields."""

    CITY = "city", "全市"
    DISTRICT = "district", "区县"
    STREET = "street", "街道"
    COMMUNITY = "community", "社区"
    GRID = "grid", "网格"
    COMPANY = "company", "供热企业"
    STATION = "station", "换热站"
    NONE = "none", "无"


REGION_KINDS = (ScopeKind.DISTRICT, ScopeKind.STREET, ScopeKind.COMMUNITY, ScopeKind.GRID)
HEATING_KINDS = (ScopeKind.COMPANY, ScopeKind.STATION)


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    id: int | None = None

    @property
    def is_all(self) -> bool:
        return self.kind == ScopeKind.CITY


NO_SCOPE = Scope(ScopeKind.NONE)
CITY = Scope(ScopeKind.CITY)


def scope_of(user) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_SCOPE
    return user.scope()


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.is_all:
            return self
        path = getattr(self.model, "scope_paths", {}).get(scope.kind)
        if path is None or scope.id is None:
            return self.none()
        return self.filter(**{path: scope.id})
