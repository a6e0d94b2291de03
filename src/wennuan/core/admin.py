from django.contrib import admin

from .admin_audit import SupervisorAdminMixin
from .models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(SupervisorAdminMixin, admin.ModelAdmin):
    """Read-only for everyone, supervisors included (their role, not a superuser flag, lets them read it)."""

    list_display = ["at", "actor_label", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["summary", "actor_label", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
