"""The outage forms. Choices come from the viewer's scope; the service checks everything again."""

from django import forms

from wennuan.registry.models import Building, Company, Estate, Unit

from . import selectors
from .enums import AreaKind, Liability, OutageCause

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OutageForm(forms.Form):
    cause = forms.ChoiceField(label="停热原因", choices=OutageCause.choices)
    liability = forms.ChoiceField(
        label="责任方", choices=[("", "按原因默认"), *Liability.choices], required=False
    )
    start = forms.DateTimeField(label="停热开始", widget=LOCAL)
    expected_restore = forms.DateTimeField(label="预计恢复", widget=LOCAL)
    description = forms.CharField(
        label="情况说明", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    area_kind = forms.ChoiceField(
        label="停热范围", choices=AreaKind.choices, widget=forms.RadioSelect, initial=AreaKind.STATION
    )
    station = forms.ModelChoiceField(label="换热站", queryset=None, required=False)
    estate = forms.ModelChoiceField(label="小区", queryset=None, required=False)
    buildings = forms.ModelMultipleChoiceField(
        label="楼栋", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    units = forms.ModelMultipleChoiceField(
        label="单元", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    company = forms.ModelChoiceField(
        label="供热企业（楼栋由多家企业供热时）", queryset=Company.objects.order_by("name"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = selectors.recordable_stations(user=user)
        self.fields["station"].label_from_instance = lambda s: f"{s.company.name} · {s.name}"
        self.fields["estate"].queryset = Estate.objects.visible_to(user).order_by("name")
        estate_id = self.data.get("estate") if self.is_bound else None
        buildings = Building.objects.visible_to(user).select_related("estate")
        units = Unit.objects.visible_to(user).select_related("building__estate")
        if estate_id and str(estate_id).isdigit():
            buildings, units = (
                buildings.filter(estate_id=estate_id),
                units.filter(building__estate_id=estate_id),
            )
        else:
            buildings, units = buildings.none(), units.none()
        self.fields["buildings"].queryset = buildings
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda u: f"{u.building.label}{u.label}"
        if not user.is_supervisor:
            del self.fields["company"]

    def clean(self):
        data = super().clean()
        kind = data.get("area_kind")
        # Only the chosen kind of area goes to the service; the others may hold leftovers from the page.
        if kind != AreaKind.STATION:
            data["station"] = None
        if kind != AreaKind.BUILDINGS:
            data["buildings"] = []
        if kind != AreaKind.UNITS:
            data["units"] = []
        return data


class RestoreForm(forms.Form):
    # Blank is "now", to the second: a time typed to the minute would leave out the complaints of its last minute.
    at = forms.DateTimeField(label="实际恢复时间（留空即现在）", widget=LOCAL, required=False)
