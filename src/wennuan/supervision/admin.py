"""Each city's composite-score weights are edited here (dated rows, every edit audited)."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin

from .models import ScoreRule


@admin.register(ScoreRule)
class ScoreRuleAdmin(AuditedModelAdmin):
    list_display = ["city", "effective_from", "effective_to", "weights", "basis"]
    list_filter = ["city"]
