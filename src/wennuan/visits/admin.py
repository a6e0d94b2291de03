"""Admin: campaigns and their phases are set up here (audited with old and new values, like every admin
write); generating a phase's tasks goes through the service."""

from django.contrib import admin, messages

from wennuan.core.admin_audit import AuditedModelAdmin

from . import services
from .models import Campaign, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 1
    fields = ("number", "name", "starts_on", "ends_on", "generated_at")
    readonly_fields = ("generated_at",)


@admin.register(Campaign)
class CampaignAdmin(AuditedModelAdmin):
    list_display = ("name", "scope_kind", "starts_on", "ends_on", "target_coverage")
    inlines = [PhaseInline]


@admin.register(Phase)
class PhaseAdmin(AuditedModelAdmin):
    list_display = ("__str__", "starts_on", "ends_on", "generated_at")
    actions = ["generate_tasks"]

    @admin.action(description="生成走访任务（只补缺失的住户）")
    def generate_tasks(self, request, queryset):
        for phase in queryset:
            added = services.generate_phase_tasks(by=request.user, phase=phase)
            self.message_user(request, f"{phase}：新增走访任务 {added} 户", messages.SUCCESS)
