"""Throttling the public side and API tokens (django-ratelimit): the client address, the keys, the 429."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited

RETRY_AFTER_SECONDS = 60


def client_ip(request) -> str:
    """The client's address. Behind the HTTPS proxy (WENNUAN_HTTPS=1) that is the last address the proxy
    appended to X-Forwarded-For — the one it saw, which a client cannot forge; else REMOTE_ADDR."""
    if getattr(settings, "HTTPS", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def rate(name: str) -> str:
    return settings.RATES[name]


def check(request, *, group: str, key, rate_name: str) -> None:
    """Count one hit of ``key`` (a ratelimit key: "ip", a callable) in ``group``; raise Ratelimited (429)
    beyond the configured rate."""
    if is_ratelimited(request, group=group, key=key, rate=rate(rate_name), increment=True):
        raise Ratelimited()


def too_many_requests(request, exception=None):
    """The answer to a throttled request: 429 with Retry-After, JSON for the API, a page otherwise."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"code": "throttled", "detail": "请求过于频繁，请稍后再试"}, status=429)
    else:
        response = render(request, "core/throttled.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
