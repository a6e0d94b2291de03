"""Writes on accounts: issuing and revoking API tokens, each with its audit entry."""

from django.db import transaction

from wennuan.core.audit import record

from .models import ApiToken, User


@transaction.atomic
def issue_token(*, user: User, name: str, by: User | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the key, which is shown once and never stored."""
    token, key = ApiToken.issue(user=user, name=name)
    record(actor=by, action="token.issue", obj=token, summary=f"为 {user.username} 签发API令牌 {token}")
    return token, key


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User | None = None) -> ApiToken:
    """Revoke ``token``; revoking twice is harmless and writes no second entry."""
    if token.revoked:
        return token
    token.revoked = True
    token.save(update_fields=["revoked"])
    record(
        actor=by, action="token.revoke", obj=token, summary=f"吊销 {token.user.username} 的API令牌 {token}"
    )
    return token
