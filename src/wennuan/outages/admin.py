"""Outages in the admin: the events read-only (written by outages.services only, with their notices and
audit), the city's refund rule editable (audited like every admin write)."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin, ReadOnlyModelAdmin
from wennuan.core.selectors import CappedPaginator

from .models import Outage, OutageRule


@admin.register(Outage)
class OutageAdmin(ReadOnlyModelAdmin):
    list_display = [
        "id",
        "area_label",
        "company",
        "cause",
        "liability",
        "start",
        "actual_restore",
        "household_count",
    ]
    list_filter = ["cause", "liability", "planned"]
    list_select_related = ["company"]
    search_fields = ["=id", "area_label", "company__name"]
    exclude = ["buildings", "units"]
    paginator = CappedPaginator
    show_full_result_count = False


@admin.register(OutageRule)
class OutageRuleAdmin(AuditedModelAdmin):
    list_display = ["city", "refund_after_hours", "effective_from", "effective_to"]
    list_filter = ["city"]
