"""Throttles of the self-service page (django-ratelimit): per client address, per 户号, per household.
The rates are ``settings.RESIDENT_RATES``; a throttled request gets 429 with Retry-After."""

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

RETRY_AFTER_SECONDS = 600


def over(request, *, name: str, key) -> bool:
    """Count one hit of ``key`` ("ip", or a callable ``(group, request) -> str``) against the rate
    ``RESIDENT_RATES[name]``; True when it is over."""
    rate = settings.RESIDENT_RATES[name]
    return is_ratelimited(request, group=f"resident.{name}", key=key, rate=rate, increment=True)


def too_many(request):
    response = render(request, "resident/throttled.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
