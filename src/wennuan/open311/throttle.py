"""Per-client throttle for the public GeoReport endpoints: a fixed one-minute window in Django's cache
(per process with the default local-memory cache; a shared cache makes it per site)."""

import time

from django.core.cache import cache


def allow(who: str, per_minute: int) -> bool:
    """Count one request for ``who``; False once it has made ``per_minute`` in the current minute."""
    key = f"open311:throttle:{who}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=70):
        return per_minute >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=70)
        count = 1
    return count <= per_minute
