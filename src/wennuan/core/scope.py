"""Scope: which rows a user may read. The single place where lists are restricted.

Every model that holds scoped data uses ``ScopedQuerySet`` (``objects = ScopedQuerySet.as_manager()``) and
declares ``scope_paths``: for each scope kind, the lookup from the model to that kind's primary key.
Pages, API, exports and reports all start from ``Model.objects.visible_to(user)``.
"""

from dataclasses import dataclass

from django.db import models

# Scope kinds, from the widest region to the narrowest, then the heating side.
REGION_KINDS = ("district", "street", "community", "grid")
HEATING_KINDS = ("company", "station")
KINDS = ("city", *REGION_KINDS, *HEATING_KINDS)


@dataclass(frozen=True)
class Scope:
    kind: str  # one of KINDS, or "none"
    id: int | None = None

    @property
    def is_all(self) -> bool:
        return self.kind == "city"


NO_SCOPE = Scope("none")
CITY = Scope("city")


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
