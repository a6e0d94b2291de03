"""Forms of the campaign pages: they parse and range-check; the services validate again and write."""

from decimal import Decimal

from django import forms

from wennuan.registry.enums import PriorityGroup
from wennuan.registry.models import City, District, Street

from .services import MAX_RETRY_AFTER_DAYS

DATE = forms.DateInput(attrs={"type": "date"})


class CampaignForm(forms.Form):
    name = forms.CharField(label="活动名称", max_length=100)
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="结束日期", widget=DATE)
    target_coverage = forms.DecimalField(
        label="走访覆盖率目标(%)", min_value=Decimal("0.1"), max_value=Decimal("100"), decimal_places=1,
        initial=Decimal("100"),
    )  # fmt: skip
    retry_after_days = forms.IntegerField(
        label="不在家改约间隔(天)", min_value=1, max_value=MAX_RETRY_AFTER_DAYS, initial=2
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "结束日期不能早于开始日期")
        return data


class NewCampaignForm(CampaignForm):
    """A new campaign also chooses its area (走访对象): the whole city, one district or one street."""

    city = forms.ModelChoiceField(label="城市", queryset=City.objects.order_by("pk"), empty_label=None)
    district = forms.ModelChoiceField(
        label="区县（空=全市）", queryset=District.objects.order_by("city_id", "name"), required=False
    )
    street = forms.ModelChoiceField(
        label="街道（空=整个区县或全市）",
        queryset=Street.objects.select_related("district").order_by("district__name", "name"),
        required=False,
    )
    target_groups = forms.MultipleChoiceField(
        label="走访对象（只访所选重点人群；都不选=全部住户）",
        choices=PriorityGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["name", "city", "district", "street", "target_groups", "starts_on", "ends_on"]


class PhaseForm(forms.Form):
    name = forms.CharField(label="阶段名称", max_length=100)
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="结束日期", widget=DATE)
