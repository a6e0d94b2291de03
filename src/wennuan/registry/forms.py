"""Search forms for the registry pages: they parse the query string into the filters the API shares."""

from django import forms

from .enums import PaymentStatus
from .filters import HouseholdFilters
from .selectors import MAX_ID


class EstateSearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=50)
    district = forms.TypedChoiceField(label="区县", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "全部区县"), *((d.pk, d.name) for d in districts)]


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=80)
    payment_status = forms.ChoiceField(
        label="缴费", required=False, choices=[("", "全部缴费状态"), *PaymentStatus.choices]
    )
    priority_only = forms.BooleanField(label="只看重点人群", required=False)
    # Narrowing by id comes from links (an estate's or a station's page), not from typing.
    estate = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    building = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    unit = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    station = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    grid = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    account = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def filters(self) -> HouseholdFilters:
        """The parsed filters; an invalid field is left out rather than failing the page."""
        self.is_valid()
        data = self.cleaned_data
        return HouseholdFilters(
            estate=data.get("estate"),
            building=data.get("building"),
            unit=data.get("unit"),
            station=data.get("station"),
            grid=data.get("grid"),
            account=data.get("account") or "",
            q=data.get("q") or "",
            priority_only=bool(data.get("priority_only")),
            payment_status=data.get("payment_status") or "",
        )
