"""Admin: a city's rules are edited here (each edit audited). To change a rule from a date, add a row
dated from that day: the newest row in force wins, so the old one needs no closing."""

from django.contrib import admin

from wennuan.core.admin_audit import AuditedModelAdmin

from .models import CalendarDay, CaseRules, IndoorStandard, Season, TimeLimit


class CityRuleAdmin(AuditedModelAdmin):
    list_filter = ["city"]
    list_select_related = ["city"]


@admin.register(IndoorStandard)
class IndoorStandardAdmin(CityRuleAdmin):
    list_display = ["city", "room_type", "celsius", "effective_from", "effective_to", "basis"]
    list_filter = ["city", "room_type"]


@admin.register(Season)
class SeasonAdmin(CityRuleAdmin):
    list_display = ["city", "name", "starts_on", "ends_on", "early_start_on", "extended_to"]


@admin.register(TimeLimit)
class TimeLimitAdmin(CityRuleAdmin):
    list_display = [
        "city",
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
    list_filter = ["city", "priority"]


@admin.register(CaseRules)
class CaseRulesAdmin(CityRuleAdmin):
    list_display = [
        "city",
        "effective_from",
        "effective_to",
        "repeat_window_days",
        "fake_closure_window_days",
        "revisit_window_hours",
        "measurement_hours",
        "whistle_after_hours",
        "task_force_after_hours",
    ]


@admin.register(CalendarDay)
class CalendarDayAdmin(CityRuleAdmin):
    list_display = ["city", "date", "is_working", "note"]
