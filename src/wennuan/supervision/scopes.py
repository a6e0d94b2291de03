"""A scope a figure is asked for — (level, id), or every city — and whether a user may ask for it.

A user reads their own scope and what lies inside it: a district's streets, communities, grids and
estates; a company's stations. City-wide roles read anything. Outside is NotInScope (404), as for lists."""

from dataclasses import dataclass

from wennuan.core.errors import NotInScope
from wennuan.core.scope import ScopeKind, scope_of
from wennuan.registry.models import City, Community, Company, District, Estate, Grid, Station, Street

from .levels import Level

# Each level's registry model and the lookup from it to each level above it.
PATHS = {
    Level.CITY: (City, {}),
    Level.DISTRICT: (District, {Level.CITY: "city_id"}),
    Level.STREET: (Street, {Level.DISTRICT: "district_id", Level.CITY: "district__city_id"}),
    Level.COMMUNITY: (
        Community,
        {
            Level.STREET: "street_id",
            Level.DISTRICT: "street__district_id",
            Level.CITY: "street__district__city_id",
        },
    ),
    Level.GRID: (
        Grid,
        {
            Level.COMMUNITY: "community_id",
            Level.STREET: "community__street_id",
            Level.DISTRICT: "community__street__district_id",
            Level.CITY: "community__street__district__city_id",
        },
    ),
    Level.COMPANY: (Company, {Level.CITY: "city_id"}),
    Level.STATION: (Station, {Level.COMPANY: "company_id", Level.CITY: "company__city_id"}),
    Level.ESTATE: (Estate, {Level.DISTRICT: "district_id", Level.CITY: "district__city_id"}),
}


@dataclass(frozen=True)
class Scope:
    level: Level
    ref: int | None = None  # None only for Level.CITY: every city

    @property
    def is_everything(self) -> bool:
        return self.level == Level.CITY and self.ref is None

    def __str__(self) -> str:
        return self.level.value if self.ref is None else f"{self.level.value}:{self.ref}"


EVERYTHING = Scope(Level.CITY)


def parse(text: str | None) -> Scope | None:
    """ "company:3" → Scope(company, 3); "city" → every city; "" or None → None. ValueError when malformed."""
    if not text:
        return None
    level, _, ref = text.partition(":")
    try:
        lv = Level(level)
    except ValueError as exc:
        raise ValueError(f"未知范围 {level}（可用：{', '.join(lv.value for lv in Level)}）") from exc
    if not ref:
        if lv != Level.CITY:
            raise ValueError(f"范围 {level} 须带编号，如 {level}:3")
        return EVERYTHING
    if not ref.isdigit() or len(ref) > 12:
        raise ValueError(f"范围编号须为数字：{ref}")
    return Scope(lv, int(ref))


def of_user(user) -> Scope:
    """The user's own scope as a Scope (NotInScope for a user who reads nothing)."""
    scope = scope_of(user)
    if scope.is_all:
        return EVERYTHING
    if scope.kind == ScopeKind.NONE or scope.id is None:
        raise NotInScope("您没有可查看的范围")
    return Scope(Level(scope.kind.value), scope.id)


def contains(outer: Scope, inner: Scope) -> bool:
    if outer.is_everything or outer == inner:
        return True
    if inner.ref is None:
        return False
    model, lookups = PATHS[inner.level]
    lookup = lookups.get(outer.level)
    return lookup is not None and model.objects.filter(pk=inner.ref, **{lookup: outer.ref}).exists()


def checked(user, scope: Scope | None) -> Scope:
    """``scope`` (default: the user's own) if the user may read it, else NotInScope."""
    own = of_user(user)
    if scope is None:
        return own
    if not contains(own, scope) or (scope.ref is not None and not exists(scope)):
        raise NotInScope("该范围不存在或不在您的管辖范围内")
    return scope


def exists(scope: Scope) -> bool:
    model, _ = PATHS[scope.level]
    return model.objects.filter(pk=scope.ref).exists()


def refs_within(scope: Scope, level: Level):
    """The ids at ``level`` inside ``scope`` (a values queryset), or None for every one."""
    if scope.is_everything:
        return None
    model, lookups = PATHS[level]
    if scope.level == level:
        return model.objects.filter(pk=scope.ref).values("pk")
    lookup = lookups.get(scope.level)
    if lookup is None:
        return model.objects.none().values("pk")
    return model.objects.filter(**{lookup: scope.ref}).values("pk")


def names(level: Level, refs) -> dict[int, str]:
    model, _ = PATHS[level]
    field = "label" if model is None else "name"
    return dict(model.objects.filter(pk__in=list(refs)).values_list("pk", field))


def name_of(scope: Scope) -> str:
    if scope.is_everything:
        cities = list(City.objects.values_list("name", flat=True)[:2])
        return cities[0] if len(cities) == 1 else "全部城市"
    return names(scope.level, [scope.ref]).get(scope.ref, str(scope))


def city_of(scope: Scope) -> int | None:
    """The city a scope is in (None for every city)."""
    if scope.is_everything:
        return None
    if scope.level == Level.CITY:
        return scope.ref
    model, lookups = PATHS[scope.level]
    return model.objects.filter(pk=scope.ref).values_list(lookups[Level.CITY], flat=True).first()


def only_city() -> int | None:
    """The city of a one-city deployment (None with several or none)."""
    ids = list(City.objects.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None
