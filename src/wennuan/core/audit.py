"""The one way to write the audit log. Call it inside the same transaction as the change it records."""

from django.utils import timezone

from .models import AuditLog


def record(*, actor, action: str, obj=None, summary: str = "", changes: dict | None = None) -> AuditLog:
    """Append an audit entry. ``actor`` is a user or None for the system (sweeps, imports from cron)."""
    row = entry(actor=actor, action=action, obj=obj, summary=summary, changes=changes)
    row.save()
    return row


def record_many(entries: list[AuditLog]) -> None:
    """Append many entries (built with ``entry``) in one INSERT, for writes that change many rows at once."""
    AuditLog.objects.bulk_create(entries)


def entry(*, actor, action: str, obj=None, summary: str = "", changes: dict | None = None) -> AuditLog:
    """An unsaved audit entry; ``record`` or ``record_many`` writes it."""
    label = "系统"
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    else:
        actor = None
    return AuditLog(
        at=timezone.now(),
        actor=actor,
        actor_label=label,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        changes=changes or {},
    )
