"""/api/v1/supervision: the KPI set, rankings, a day's figures and season on season (from the tallies)."""

from datetime import date

from ninja import Field, Query, Router, Schema

from wennuan.core.bounds import Day
from wennuan.core.errors import DomainError

from . import kpi_registry, ranges, scopes, selectors
from .levels import Level

router = Router(tags=["supervision"])


class BadQuery(DomainError):
    code = "bad_query"
    http_status = 422


class RangeQuery(Schema):
    scope: str = Field("", max_length=40, description="company:3、station:7、district:2…；空为本人范围")
    start: Day | None = None
    end: Day | None = None
    season: str = Field("", max_length=20, description="current、last 或供暖季名称，如 2025-2026")


class RankingQuery(RangeQuery):
    level: str = Field("company", pattern="^(city|district|street|community|grid|company|station|estate)$")
    by: str = Field("score", max_length=40)


def _scope(text: str):
    try:
        return scopes.parse(text)
    except ValueError as exc:
        raise BadQuery(str(exc)) from exc


def _range(request, params: RangeQuery, scope):
    within = scopes.checked(request.user, scope)
    start, end, season = ranges.resolve(
        within, start=params.start, end=params.end, season=params.season or None
    )
    return within, start, end, season


@router.get("/kpis", summary="全套考核指标（任一范围、任一时段或供暖季）与综合评分")
def kpi_view(request, params: Query[RangeQuery]):
    scope, start, end, season = _range(request, params, _scope(params.scope))
    out = selectors.kpis(request.user, scope=scope, start=start, end=end)
    return {**out, "season": season,
            "definitions": [{"key": k.key, "label": k.label, "unit": k.unit, "better": k.better,
                             "source": k.source, "note": k.note} for k in kpi_registry.all_kpis()]}  # fmt: skip


@router.get("/rankings", summary="按任一指标排名（企业、换热站、区县、街道、社区、网格、小区）")
def ranking_view(request, params: Query[RankingQuery]):
    scope, start, end, season = _range(request, params, _scope(params.scope))
    if params.by != "score" and params.by not in kpi_registry.known_keys():
        raise BadQuery(f"未知指标 {params.by}")
    return {**selectors.rankings(request.user, level=Level(params.level), by=params.by, start=start, end=end,
                                 within=scope), "season": season}  # fmt: skip


class SeasonQuery(Schema):
    scope: str = Field("", max_length=40)
    on: Day | None = None


@router.get("/season-on-season", summary="同比上一供暖季（同一范围、同样天数）")
def season_view(request, params: Query[SeasonQuery]):
    return selectors.season_on_season(request.user, scope=_scope(params.scope), on=params.on or date.today())
