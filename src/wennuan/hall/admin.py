"""Admin: a city's 报停/开栓 rule and subsidy policies are edited here, each edit audited; payments,
subsidies and applications are read here and written only by the services (pages, API). The admin lists
show no names or phones."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin, ReadOnlyModelAdmin

from .models import HeatApplication, Payment, PaymentImport, Subsidy, SubsidyRule, SuspensionRule


@admin.register(SuspensionRule)
class SuspensionRuleAdmin(AuditedModelAdmin):
    list_display = ["city", "apply_days_before", "answer_days", "effective_from", "effective_to"]
    list_filter = ["city"]
    list_select_related = ["city"]


@admin.register(SubsidyRule)
class SubsidyRuleAdmin(AuditedModelAdmin):
    list_display = [
        "city",
        "group",
        "basis",
        "value",
        "max_area_m2",
        "pay_within_days",
        "effective_from",
        "effective_to",
    ]
    list_filter = ["city", "group"]
    list_select_related = ["city"]


@admin.register(PaymentImport)
class PaymentImportAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "filename", "by", "rows", "created", "unchanged", "amount"]
    list_select_related = ["by"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyModelAdmin):
    list_display = ["household", "season", "receipt_no", "amount", "paid_on", "method"]
    list_select_related = ["household", "season"]
    raw_id_fields = ["household", "batch"]


@admin.register(Subsidy)
class SubsidyAdmin(ReadOnlyModelAdmin):
    list_display = ["household", "season", "group", "amount", "status", "pay_by", "paid_on"]
    list_filter = ["status", "group"]
    list_select_related = ["household", "season"]


@admin.register(HeatApplication)
class HeatApplicationAdmin(ReadOnlyModelAdmin):
    list_display = [
        "household",
        "kind",
        "season",
        "status",
        "applied_at",
        "answer_due",
        "overdue",
        "work_order",
    ]
    list_filter = ["kind", "status", "overdue"]
    list_select_related = ["household", "season"]
    exclude = ["applicant_name", "applicant_phone"]
