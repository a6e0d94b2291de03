"""Admin: a city's rules are edited here (each edit audited); add a row dated from the day a rule changes."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin

from .models import IndoorStandard, Season


@admin.register(IndoorStandard)
class IndoorStandardAdmin(AuditedModelAdmin):
    list_display = ["city", "room_type", "celsius", "effective_from", "effective_to", "basis"]
    list_filter = ["city", "room_type"]
    list_select_related = ["city"]


@admin.register(Season)
class SeasonAdmin(AuditedModelAdmin):
    list_display = ["city", "name", "starts_on", "ends_on", "early_start_on", "extended_to"]
    list_filter = ["city"]
    list_select_related = ["city"]
