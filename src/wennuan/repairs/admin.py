"""The ledger in the admin: read-only (every change goes through the services, which audit it)."""

from django.contrib import admin

from .models import RepairItem, RepairProgress


class ProgressInline(admin.TabularInline):
    model = RepairProgress
    extra = 0
    can_delete = False
    readonly_fields = ["on", "percent", "note", "by_label", "recorded_at"]
    exclude = ["by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RepairItem)
class RepairItemAdmin(admin.ModelAdmin):
    list_display = ["number", "site_label", "company", "deadline", "status", "percent", "overdue"]
    list_filter = ["status", "overdue", "level"]
    search_fields = ["number", "site_label"]
    inlines = [ProgressInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
