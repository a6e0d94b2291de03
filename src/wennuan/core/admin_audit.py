"""Admin writes go to the audit log too, and supervisors (staff) may use the admin by their role.

Django's admin already writes its own LogEntry; ours is the one the audit page shows and nobody can edit,
so every add, change and delete in the admin also calls ``core.audit.record`` in the same transaction,
with each changed field's old and new value (``values``: {field: [old, new]}; inlines by their row).
"""

from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

from django.contrib import admin

from .audit import record
from .masking import mask_name, mask_phone
from .roles import Role

# Never written into the log in clear: secrets not at all, personal data masked as the audit page's readers
# (supervisors) see it elsewhere.
_SECRET = ("password", "key", "token", "secret")
_MASKS = {
    "resident_name": mask_name,
    "reporter_name": mask_name,
    "phone": mask_phone,
    "reporter_phone": mask_phone,
}


def _plain(value):
    """A JSON-able form of a form value: a row by its id, many rows as a list of ids."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, list | tuple | set) or hasattr(value, "values_list"):
        return sorted(_plain(v) for v in value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    return value


def _field_values(form) -> dict:
    values = {}
    for name in form.changed_data:
        if any(word in name for word in _SECRET):
            continue
        old, new = _plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))
        if name in _MASKS:
            old, new = _MASKS[name](str(old or "")), _MASKS[name](str(new or ""))
        values[name] = [old, new]
    return values


def _values(form, formsets) -> dict:
    values = _field_values(form)
    for formset in formsets or []:
        for inline in formset.forms:
            if not inline.has_changed() or not hasattr(inline, "cleaned_data"):
                continue
            row = inline.instance
            label = f"{row._meta.verbose_name} {row.pk or '新增'}"
            values[label] = {"deleted": True} if inline.cleaned_data.get("DELETE") else _field_values(inline)
    return values


def _changes(message, values=None) -> dict:
    # The admin's message is a JSON-able list of {"added"/"changed"/"deleted": {...}} or a string.
    out = {"admin": message} if message else {}
    if values:
        out["values"] = values
    return out


def _is_supervisor(user) -> bool:
    return bool(user.is_active and user.is_staff and getattr(user, "role", "") == Role.SUPERVISOR)


class AuditedAdminMixin:
    """Mix into a ModelAdmin: every admin write also appends an audit entry."""

    def construct_change_message(self, request, form, formsets, add=False):
        # The one hook that sees the form before the log is written: keep its old and new values.
        request._audit_values = _values(form, formsets)
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        record(
            actor=request.user,
            action="admin.add",
            obj=obj,
            summary=f"后台新增{obj._meta.verbose_name}：{obj}",
            changes=_changes(message, getattr(request, "_audit_values", None)),
        )
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        record(
            actor=request.user,
            action="admin.change",
            obj=obj,
            summary=f"后台修改{obj._meta.verbose_name}：{obj}",
            changes=_changes(message, getattr(request, "_audit_values", None)),
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
