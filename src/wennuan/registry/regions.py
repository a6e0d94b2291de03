"""The region above a grid as ORM lookups: the one place that spells grid → community → street → district.

Every model placed in a region reaches it through a grid (a household's, a case's); these build the
lookups from such a model (``via`` its grid field) to a region of each kind: the row, its id, its name."""

from wennuan.core.scope import REGION_KINDS, ScopeKind

# From a Grid up to each region kind.
_FROM_GRID = {
    ScopeKind.GRID: "",
    ScopeKind.COMMUNITY: "community",
    ScopeKind.STREET: "community__street",
    ScopeKind.DISTRICT: "community__street__district",
    ScopeKind.CITY: "community__street__district__city",
}


def region(kind: ScopeKind | str, *, via: str = "grid") -> str:
    """The lookup to the region row of ``kind`` ("grid__community__street" for a street via "grid")."""
    return "__".join(p for p in (via, _FROM_GRID[ScopeKind(kind)]) if p)


def region_id(kind: ScopeKind | str, *, via: str = "grid") -> str:
    path = region(kind, via=via)
    return f"{path}_id" if path else "id"


def region_name(kind: ScopeKind | str, *, via: str = "grid") -> str:
    path = region(kind, via=via)
    return f"{path}__name" if path else "name"


def region_scope_paths(*, via: str = "grid") -> dict:
    """{region kind: lookup to its id}, the region half of a model's ``scope_paths``."""
    return {kind.value: region_id(kind, via=via) for kind in REGION_KINDS}
