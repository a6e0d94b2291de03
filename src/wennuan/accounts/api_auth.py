"""API authentication: bearer tokens for machine clients, the session (with CSRF) for the browser."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from wennuan.core import throttle
from wennuan.core.selectors import one_or_none

from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        row = one_or_none(
            ApiToken.objects.select_related("user").filter(
                key_hash=ApiToken.hash(token), revoked=False, user__is_active=True
            )
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)  # not audited: not a state change
        request.user = row.user
        # Per token, so one runaway client cannot starve the others (429 beyond WENNUAN_RATE_API_TOKEN).
        throttle.check(request, group="api_token", key=lambda group, req: row.prefix, rate_name="api_token")
        return row.user


API_AUTH = [TokenAuth(), SessionAuth()]
