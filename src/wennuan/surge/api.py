"""Surge API (/api/v1/surge): the latest forecast of each city, for a 12345 platform's rota."""

from ninja import Router, Schema

from wennuan.core.errors import DomainError

from . import model, selectors
from .navigation import VIEWERS

router = Router(tags=["surge"])


class NotAViewer(DomainError):
    code = "forbidden"
    http_status = 403


class DayOut(Schema):
    day: str
    outdoor_c: float
    calls: int
    agents: dict[str, int]
    crews: dict[str, int]


class ForecastOut(Schema):
    city: str
    fitted_at: str
    history_days: int
    days: list[DayOut]
    terms: list[str]


@router.get("/forecast", response=list[ForecastOut], summary="各城市未来几天的话务预测与人员建议")
def forecast(request):
    if not (request.user.is_superuser or request.user.role in VIEWERS):
        raise NotAViewer("话务预测仅供热主管和 12345 坐席查看")
    return [
        {
            "city": fit.city.name,
            "fitted_at": fit.fitted_at.isoformat(),
            "history_days": fit.history_days,
            "days": fit.forecast,
            "terms": model.explain(model.Model.from_dict(fit.model)),
        }
        for fit in selectors.latest_fits()
    ]
