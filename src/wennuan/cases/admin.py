"""Admin: cases are read-only here (a city's time limits, windows and calendar are edited in rules.admin),
because every change to a case goes through the services (timeline + audit)."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin
from wennuan.core.admin_masking import MaskedPersonalDataMixin
from wennuan.core.selectors import CappedPaginator

from .models import Case


@admin.register(Case)
class CaseAdmin(MaskedPersonalDataMixin, AuditedModelAdmin):
    personal_fields = {"reporter_name": "name", "reporter_phone": "phone"}
    list_display = ["id", "received_at", "category", "priority", "state", "company", "station", "is_overdue"]
    list_filter = ["state", "category", "priority", "is_overdue", "suspected_fake_closure"]
    list_select_related = ["company", "station"]
    paginator = CappedPaginator
    show_full_result_count = False
    search_fields = ["=id", "external_id", "address", "=reporter_phone"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
