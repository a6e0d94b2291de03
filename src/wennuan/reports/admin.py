"""Reports in the admin: read-only (通报 change only through the services, which audit each step)."""

from django.contrib import admin

from .models import Bulletin, DailyReport


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "state", "start", "end", "created_at"]
    list_filter = ["state"]
    exclude = ["figures"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyReport)
class DailyReportAdmin(admin.ModelAdmin):
    list_display = ["city", "day", "status", "seconds", "requested_by", "requested_at"]
    exclude = ["xlsx", "pdf"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
