"""Names and phones in the admin, masked for the roles that see them masked on the pages."""

from django.contrib import admin

from .masking import mask_name, mask_phone, sees_personal_data


class MaskedPersonalDataMixin:
    """Mix into a ModelAdmin and name the personal fields: ``personal_fields = {"reporter_name": "name",
    "reporter_phone": "phone"}``. For a viewer who sees personal data masked, the form leaves those fields
    out and shows them masked instead (read-only), and the search leaves those fields out, as the household
    search does: a hit on a phone number would confirm who lives where."""

    personal_fields: dict[str, str] = {}

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if not sees_personal_data(request.user):
            excluded += list(self.personal_fields)
        return excluded

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not sees_personal_data(request.user) and obj is not None:
            fields.append("masked_personal_data")
        return fields

    @admin.display(description="个人信息（已脱敏）")
    def masked_personal_data(self, obj):
        shown = []
        for name, kind in self.personal_fields.items():
            value = getattr(obj, name, "") or ""
            masked = mask_phone(value) if kind == "phone" else mask_name(value)
            shown.append(f"{obj._meta.get_field(name).verbose_name}：{masked or '—'}")
        return "；".join(shown)

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if sees_personal_data(request.user):
            return fields
        return [f for f in fields if f.lstrip("=^@").split("__")[0] not in self.personal_fields]
