"""The JSON API (django-ninja): mounts each app's router under /api/v1/; docs at /api/docs."""

from django.db import connection
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI

from wennuan import __version__
from wennuan.accounts.api_auth import API_AUTH
from wennuan.core import throttle
from wennuan.core.errors import DomainError, ImportRejected

api = NinjaAPI(
    title="问暖 wennuan API",
    version="1",
    description=(
        "供热服务：登记台账、诉求工单、访民问暖。令牌认证：Authorization: Bearer <token>。"
        "Open311 GeoReport v2 与工单状态 Webhook 见 [/open311/](/open311/)（中英文示例）。"
    ),
    auth=API_AUTH,
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    body = {"code": exc.code, "detail": str(exc)}
    if isinstance(exc, ImportRejected):
        body["errors"] = [
            {"row": e.row, "column": e.column, "reason": e.reason, "value": e.value} for e in exc.errors
        ]
    return api.create_response(request, body, status=exc.http_status)


@api.exception_handler(Ratelimited)
def throttled(request, exc):
    return throttle.too_many_requests(request, exc)


@api.get("/health", auth=None, tags=["system"], summary="健康检查")
def health(request):
    throttle.check(request, group="anonymous", key="ip", rate_name="anonymous")
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
    return {"status": "ok", "version": __version__, "database": connection.vendor}


def _mount():
    from wennuan.billing.api import router as billing_router
    from wennuan.cases.api import router as cases_router
    from wennuan.hall.api import router as hall_router
    from wennuan.kb.api import router as kb_router
    from wennuan.notices.api import router as notices_router
    from wennuan.outages.api import router as outages_router
    from wennuan.registry.api import router as registry_router
    from wennuan.repairs.api import router as repairs_router
    from wennuan.reports.api import router as reports_router
    from wennuan.supervision.api import router as supervision_router
    from wennuan.surge.api import router as surge_router
    from wennuan.triage.api import router as triage_router
    from wennuan.visits.api import router as visits_router

    api.add_router("/v1/registry", registry_router)
    api.add_router("/v1/triage", triage_router)
    api.add_router("/v1/cases", cases_router)
    api.add_router("/v1/visits", visits_router)
    api.add_router("/v1/notices", notices_router)
    api.add_router("/v1/outages", outages_router)
    api.add_router("/v1/billing", billing_router)
    api.add_router("/v1/supervision", supervision_router)
    api.add_router("/v1/reports", reports_router)
    api.add_router("/v1/repairs", repairs_router)
    api.add_router("/v1/surge", surge_router)
    api.add_router("/v1/hall", hall_router)
    api.add_router("/v1/kb", kb_router)


_mount()
