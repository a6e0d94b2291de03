"""When the database cannot answer (a restart, a failover, a lock held too long), say so: 503 with a
Retry-After hint, not a 500 that a 12345 platform or a phone would treat as a broken request.

Django sends every uncaught exception to ``handler500`` from inside its ``except`` block, so the view below
sees the exception (including one raised by the session or auth middleware before any view ran). The
answer touches no database: no context processors, no session, no template that reads rows. Recovery needs
no code here: PostgreSQL connections are health-checked at the start of each request
(``CONN_HEALTH_CHECKS``), so the first request after the database is back opens a fresh one.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.views import defaults

RETRY_AFTER_SECONDS = 5
MESSAGE = "数据库暂时无法访问，请稍后重试"


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True for the errors a retry can cure: lost or refused connections, locks, a shutting-down server."""
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable_response(request) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "database_unavailable", "detail": MESSAGE}, status=503)
    else:
        response = HttpResponse(
            "<!doctype html><html lang=zh-hans><meta charset=utf-8>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            f"<title>问暖 · 暂不可用</title><h1>暂不可用</h1><p>{MESSAGE}（约 {RETRY_AFTER_SECONDS} 秒后）。</p>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """``handler500``: 503 + Retry-After when the database is the cause, Django's plain 500 otherwise."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    return defaults.server_error(request)
