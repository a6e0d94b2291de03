"""Throttle counters for django-ratelimit, kept in the database so every server process shares them.

django-ratelimit needs a cache whose ``add`` and ``incr`` are atomic and shared between processes
(memcached or Redis); Django's own database cache is neither atomic nor meant for it. A city's deployment
has PostgreSQL (or the embedded SQLite) and nothing else, so the counters are rows of ``RateCounter``: one
INSERT to start a window, one ``UPDATE … SET count = count + 1`` per hit — atomic in both engines.
Only what django-ratelimit calls is implemented (add, incr, get, set, delete, clear).
"""

from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .periodic import register


def _counters():
    from .models import RateCounter

    return RateCounter.objects


class CounterCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _expiry(self, timeout) -> datetime:
        at = self.get_backend_timeout(timeout)
        return datetime.fromtimestamp(at if at is not None else 2**31, tz=UTC)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        _counters().filter(key=key, expires_at__lte=timezone.now()).delete()
        try:
            with transaction.atomic():
                _counters().create(key=key, count=int(value), expires_at=self._expiry(timeout))
        except IntegrityError:
            return False
        return True

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        live = _counters().filter(key=key, expires_at__gt=timezone.now())
        if not live.update(count=F("count") + delta):
            raise ValueError(f"Key '{key}' not found")
        return live.values_list("count", flat=True).first()

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        count = _counters().filter(key=key, expires_at__gt=timezone.now()).values_list("count", flat=True)
        return next(iter(count), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        _counters().update_or_create(
            key=key, defaults={"count": int(value), "expires_at": self._expiry(timeout)}
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(_counters().filter(key=key).update(expires_at=self._expiry(timeout)))

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return bool(_counters().filter(key=key).delete()[0])

    def clear(self):
        _counters().all().delete()


@register("core.expire_rate_counters")
def expire_rate_counters() -> dict:
    """Drop the counters of throttle windows that have ended."""
    deleted, _ = _counters().filter(expires_at__lte=timezone.now()).delete()
    return {"deleted": deleted}
