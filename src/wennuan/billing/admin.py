"""Admin: a city's tariff, refund rule (with its bands) and measuring method are edited here, each edit
audited; measurements and the ledger are read here and written only by the services (pages, API)."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin, ReadOnlyModelAdmin

from .models import (
    EstateReduction,
    Measurement,
    MeasurementMethod,
    RefundBand,
    RefundEntry,
    RefundRule,
    Tariff,
)


@admin.register(Tariff)
class TariffAdmin(AuditedModelAdmin):
    list_display = [
        "city",
        "residential_price",
        "non_residential_price",
        "base_fee_share",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["city"]
    list_select_related = ["city"]


class RefundBandInline(admin.TabularInline):
    model = RefundBand
    extra = 0


@admin.register(RefundRule)
class RefundRuleAdmin(AuditedModelAdmin):
    list_display = [
        "city",
        "preset",
        "basis",
        "area_rule",
        "day_counting",
        "deadline_months",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["city", "preset"]
    list_select_related = ["city"]
    inlines = [RefundBandInline]


@admin.register(MeasurementMethod)
class MeasurementMethodAdmin(AuditedModelAdmin):
    list_display = [
        "city",
        "height_m",
        "doors_closed_minutes",
        "readings",
        "forbidden_from",
        "forbidden_to",
        "effective_from",
    ]
    list_filter = ["city"]
    list_select_related = ["city"]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyModelAdmin):
    list_display = [
        "household",
        "measured_at",
        "lowest_celsius",
        "standard_celsius",
        "compliant",
        "refusal",
        "measurer",
    ]
    list_select_related = ["household", "measurer"]
    raw_id_fields = ["household", "case"]


@admin.register(RefundEntry)
class RefundEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["household", "season", "company", "days", "amount", "due_on", "status", "paid_on"]
    list_filter = ["status", "company"]
    list_select_related = ["household", "season", "company"]


@admin.register(EstateReduction)
class EstateReductionAdmin(ReadOnlyModelAdmin):
    list_display = ["estate", "season", "company", "days", "status", "approved_by"]
    list_select_related = ["estate", "season", "company", "approved_by"]
