"""Admin: the city's rules (time limits, windows, calendar) are edited here; cases are read-only here
because every change to a case goes through the services (timeline + audit)."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin
from wennuan.core.selectors import CappedPaginator

from .models import CalendarDay, Case, CaseRules, TimeLimit


@admin.register(TimeLimit)
class TimeLimitAdmin(AuditedModelAdmin):
    list_display = [
        "priority",
        "category",
        "accept_hours",
        "contact_hours",
        "onsite_hours",
        "resolve_hours",
        "resolve_working_days",
        "return_working_days",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["priority"]


@admin.register(CaseRules)
class CaseRulesAdmin(AuditedModelAdmin):
    list_display = [
        "effective_from",
        "effective_to",
        "repeat_window_days",
        "fake_closure_window_days",
        "revisit_window_hours",
        "measurement_hours",
        "temperature_standard",
        "whistle_after_hours",
        "task_force_after_hours",
    ]


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    list_display = ["date", "is_working", "note"]


@admin.register(Case)
class CaseAdmin(AuditedModelAdmin):
    list_display = ["id", "received_at", "category", "priority", "state", "company", "station", "is_overdue"]
    list_filter = ["state", "category", "priority", "is_overdue", "suspected_fake_closure"]
    list_select_related = ["company", "station"]
    paginator = CappedPaginator
    show_full_result_count = False
    search_fields = ["=id", "external_id", "address"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
