from django.db.models import Q

from .models import AuditLog


def audit_entries(*, action: str = "", q: str = ""):
    rows = AuditLog.objects.all()
    if action:
        rows = rows.filter(action=action)
    if q:
        rows = rows.filter(Q(summary__icontains=q) | Q(actor_label__icontains=q) | Q(object_id=q))
    return rows
