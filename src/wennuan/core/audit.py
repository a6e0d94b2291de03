"""The one way to write the audit log. Call it inside the same transaction as the change it records."""

from django.utils import timezone

from .models import AuditLog


def record(*, actor, action: str, obj=None, summary: str = "", changes: dict | None = None) -> AuditLog:
    """Append an audit entry. ``actor`` is a user or None for the system (sweeps, imports from cron)."""
    label = "系统"
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    else:
        actor = None
    return AuditLog.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
