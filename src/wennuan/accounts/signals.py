"""Sign-ins in the audit log: each login, each failed login and each lockout (django-axes)."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from wennuan.core.audit import record
from wennuan.core.audit_labels import register_actions
from wennuan.core.throttle import client_ip

register_actions({"auth.login": "登录", "auth.login_failed": "登录失败", "auth.locked_out": "登录锁定"})


def _client(request) -> str:
    """The address the sign-in throttles count (behind the HTTPS proxy: the one the proxy saw)."""
    return client_ip(request) if request is not None else ""


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record(actor=user, action="auth.login", obj=user, summary=f"{user.get_username()} 登录",
           changes={"client": _client(request)})  # fmt: skip


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))[:150]
    record(actor=None, action="auth.login_failed", summary=f"{username} 登录失败",
           changes={"username": username, "client": _client(request)})  # fmt: skip


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    record(actor=None, action="auth.locked_out", summary=f"{username} 多次登录失败，已暂时锁定",
           changes={"username": str(username or "")[:150], "client": ip_address or ""})  # fmt: skip
