"""传感器室温达标率 in the KPI registry (core.kpi_registry), read by supervision's API, dashboard and
rankings: sensor household-days at standard ÷ sensor household-days reporting, summed from the daily
summary (days.py, where the rule is), never from the readings."""

from django.db.models import Count, F, Q
from django.urls import reverse

from wennuan.core.kpi_registry import KpiDef, Unit, register
from wennuan.core.scope import REGION_KINDS, ScopeKind
from wennuan.registry.regions import region_id

from .models import SensorDay

CITY = "city"
# From a SensorDay to each level's id: kept on the row, or (regions above the grid) a few small tables away.
LEVEL_PATHS = {
    **{kind.value: region_id(kind, via="grid") for kind in (ScopeKind.CITY, *REGION_KINDS)},
    "company": "company_id",
    "station": "station_id",
    "estate": "estate_id",
}

NOTE = (
    "采集器住户日中达标的 ÷ 有读数的采集器住户日（统计期内供暖季的每一天，当日结束后计入）。"
    "某户某日：每台当日有有效读数的采集器（加校准偏差，剔除超出−10～40℃与10分钟内跳变过大的读数）"
    "日均室温均不低于该市当日该房间类型的室温标准，即为达标"
)


def sums_by_ref(level: str, refs, start, end) -> dict[int, tuple[int, int]]:
    """{ref: (household-days at standard, household-days reporting)} of ``level`` over [start, end]
    (refs None: every ref of the level). Not scoped: the caller has checked the scope."""
    path = LEVEL_PATHS[level]
    rows = SensorDay.objects.filter(day__gte=start, day__lte=end)
    if refs is not None:
        rows = rows.filter(**{f"{path}__in": list(refs)})
    agg = rows.values(ref=F(path)).annotate(n=Count("pk"), ok=Count("pk", filter=Q(at_standard=True)))
    return {r["ref"]: (r["ok"], r["n"]) for r in agg.order_by() if r["ref"] is not None}


def provider(level, refs, start, end, counts) -> dict[int, tuple[int, int]]:
    """The registry's provider: every ref of ``counts`` answered; with level city and refs None, every
    city as one total (as supervision asks for the whole of its data)."""
    if level not in LEVEL_PATHS:
        return {}
    if level == CITY and refs is None:
        agg = SensorDay.objects.filter(day__gte=start, day__lte=end).aggregate(
            n=Count("pk"), ok=Count("pk", filter=Q(at_standard=True))
        )
        return {ref: (agg["ok"], agg["n"]) for ref in counts}
    sums = sums_by_ref(level, refs, start, end)
    return {ref: sums.get(ref, (0, 0)) for ref in counts}


def list_url(level, ref, start, end) -> str:
    """The figure links to the collectors' page (its per-company table; not the cases list)."""
    return reverse("sensors:devices")


SENSOR_COMPLIANCE = register(
    KpiDef(
        "sensor_compliance", "传感器室温达标率", Unit.RATE, "higher", provider=provider, link=list_url,
        source="sensors", note=NOTE, order=60,
    )
)  # fmt: skip
