"""Admin for supervisors: the city tree, companies, stations and housing. Every write is audited.

Tables hold up to a million rows: foreign keys are raw ids (no <select> of every unit), lists use the
capped paginator and never count the whole table, and household names/phones are not listed.
"""

from django.contrib import admin
from django.db.models import CharField
from django.forms import TextInput

from wennuan.core.admin_audit import AuditedModelAdmin
from wennuan.core.admin_masking import MaskedPersonalDataMixin
from wennuan.core.selectors import CappedPaginator

from . import models


class BigTableAdmin(AuditedModelAdmin):
    paginator = CappedPaginator
    show_full_result_count = False
    list_per_page = 50


@admin.register(models.City)
class CityAdmin(AuditedModelAdmin):
    list_display = ["name"]


@admin.register(models.District)
class DistrictAdmin(AuditedModelAdmin):
    list_display = ["name", "city"]
    list_select_related = ["city"]
    search_fields = ["name"]


@admin.register(models.Street)
class StreetAdmin(AuditedModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name"]


@admin.register(models.Community)
class CommunityAdmin(BigTableAdmin):
    list_display = ["name", "street", "phone"]
    list_select_related = ["street"]
    search_fields = ["name"]
    raw_id_fields = ["street"]


@admin.register(models.Grid)
class GridAdmin(BigTableAdmin):
    list_display = ["name", "community", "worker_name", "worker_phone"]
    list_select_related = ["community"]
    search_fields = ["name", "worker_name"]
    raw_id_fields = ["community"]


@admin.register(models.Company)
class CompanyAdmin(AuditedModelAdmin):
    list_display = ["name", "hotline"]
    search_fields = ["name"]


@admin.register(models.Station)
class StationAdmin(BigTableAdmin):
    list_display = ["name", "company", "kind", "phone"]
    list_filter = ["kind", "company"]
    list_select_related = ["company"]
    search_fields = ["name"]


@admin.register(models.Estate)
class EstateAdmin(BigTableAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name"]


class BuildingAliasInline(admin.TabularInline):
    """A building's other door plates. Whoever may change the building may change them; added, changed
    and deleted aliases are listed in the building's own audited change message."""

    model = models.BuildingAlias
    extra = 1
    fields = ["name"]
    # narrow enough that the delete box stays in view on a 390 px phone
    formfield_overrides = {CharField: {"widget": TextInput(attrs={"size": 18})}}

    def _building_admin(self):
        return self.admin_site.get_model_admin(models.Building)

    def has_view_permission(self, request, obj=None):
        return self._building_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._building_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._building_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._building_admin().has_change_permission(request, obj)


@admin.register(models.Building)
class BuildingAdmin(BigTableAdmin):
    list_display = ["__str__", "door_address", "key_site"]
    list_filter = ["key_site"]
    list_select_related = ["estate"]
    search_fields = ["door_address", "aliases__name", "estate__name"]
    raw_id_fields = ["estate"]
    inlines = [BuildingAliasInline]


@admin.register(models.Unit)
class UnitAdmin(BigTableAdmin):
    list_display = ["id", "building", "label"]
    list_select_related = ["building__estate"]
    raw_id_fields = ["building"]


@admin.register(models.Household)
class HouseholdAdmin(MaskedPersonalDataMixin, BigTableAdmin):
    personal_fields = {"resident_name": "name", "phone": "phone"}
    # Never names or phones in the list; the change form hides them from roles that see them masked.
    list_display = ["account", "address", "station", "area", "payment_status"]
    list_filter = ["payment_status"]
    list_select_related = ["unit__building__estate", "station"]
    search_fields = ["account__exact"]  # the unique index; "=account" would be iexact (UPPER, no index)
    raw_id_fields = ["unit", "grid", "station"]
    readonly_fields = ["updated_at"]

    @admin.display(description="地址")
    def address(self, obj):
        b = obj.unit.building
        return f"{b.estate.name} {b.label} {obj.unit.label} {obj.room}"
