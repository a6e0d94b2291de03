"""Admin writes go to the audit log too, and supervisors (staff) may use the admin by their role.

Django's admin already writes its own LogEntry; ours is the one the audit page shows and nobody can edit,
so every add, change and delete in the admin also calls ``core.audit.record`` in the same transaction.
"""

from django.contrib import admin

from .audit import record
from .roles import Role


def _changes(message) -> dict:
    # The admin's message is a JSON-able list of {"added"/"changed"/"deleted": {...}} or a string.
    return {"admin": message} if message else {}


def _is_supervisor(user) -> bool:
    return bool(user.is_active and user.is_staff and getattr(user, "role", "") == Role.SUPERVISOR)


class AuditedAdminMixin:
    """Mix into a ModelAdmin: every admin write also appends an audit entry."""

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        record(
            actor=request.user,
            action="admin.add",
            obj=obj,
            summary=f"后台新增{obj._meta.verbose_name}：{obj}",
            changes=_changes(message),
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        record(
            actor=request.user,
            action="admin.change",
            obj=obj,
            summary=f"后台修改{obj._meta.verbose_name}：{obj}",
            changes=_changes(message),
        )
        return entry

    def log_deletions(self, request, queryset):
        # Called before the rows are deleted (single delete and the bulk action alike), so pk and str work.
        for obj in queryset:
            record(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                summary=f"后台删除{obj._meta.verbose_name}：{obj}",
            )
        return super().log_deletions(request, queryset)


class SupervisorAdminMixin:
    """Supervisors (role 供热主管, staff) manage the registry and users without per-model permissions."""

    def get_queryset(self, request):
        # The admin is not a way around scope: scoped models list only what visible_to allows.
        rows = super().get_queryset(request)
        return rows.visible_to(request.user) if hasattr(rows, "visible_to") else rows

    def has_module_permission(self, request):
        return _is_supervisor(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return _is_supervisor(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return _is_supervisor(request.user) or super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return _is_supervisor(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_supervisor(request.user) or super().has_delete_permission(request, obj)


class AuditedModelAdmin(AuditedAdminMixin, SupervisorAdminMixin, admin.ModelAdmin):
    pass


class ReadOnlyModelAdmin(AuditedModelAdmin):
    """Rows that only their app's services write (cases, notices, outages): the admin shows them, no more."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
