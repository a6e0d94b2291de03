"""Households and heated area per scope, recounted when the registry changed (checked each sweep)."""

from django.db import transaction
from django.db.models import Count, Max, Sum

from wennuan.registry.models import Household

from .levels import Level
from .models import FoldState, Footprint

HOUSEHOLD_PATHS = {
    Level.CITY: "grid__community__street__district__city_id",
    Level.DISTRICT: "grid__community__street__district_id",
    Level.STREET: "grid__community__street_id",
    Level.COMMUNITY: "grid__community_id",
    Level.GRID: "grid_id",
    Level.COMPANY: "station__company_id",
    Level.STATION: "station_id",
    Level.ESTATE: "unit__building__estate_id",
}


def registry_mark() -> str:
    agg = Household.objects.aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at"))
    return f"{agg['n']}:{agg['top']}:{agg['at'].isoformat() if agg['at'] else ''}"[:80]


def refresh(*, force: bool = False) -> bool:
    """Recount when the registry changed since the last count; returns whether it recounted."""
    mark = registry_mark()
    with transaction.atomic():
        state, _ = FoldState.objects.select_for_update().get_or_create(pk=1)
        if state.registry_mark == mark and not force:
            return False
        Footprint.objects.all().delete()
        rows = []
        for level, path in HOUSEHOLD_PATHS.items():
            for row in (
                Household.objects.values(ref=_f(path)).annotate(n=Count("id"), a=Sum("area")).order_by()
            ):
                if row["ref"] is not None:
                    rows.append(
                        Footprint(level=level, ref=row["ref"], households=row["n"], area=row["a"] or 0)
                    )
        Footprint.objects.bulk_create(rows, batch_size=5000)
        state.registry_mark = mark
        state.save(update_fields=["registry_mark"])
    return True


def _f(path):
    from django.db.models import F

    return F(path)


def of(level: Level, refs) -> dict[int, Footprint]:
    """{ref: Footprint} of ``level`` (refs None: every one)."""
    rows = Footprint.objects.filter(level=level)
    if refs is not None:
        rows = rows.filter(ref__in=refs)
    return {f.ref: f for f in rows}
