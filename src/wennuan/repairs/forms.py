"""Forms of the ledger pages; numbers and dates are bounded here and again in the services."""

from django import forms

from wennuan.core.bounds import FIRST_DAY, LAST_DAY
from wennuan.registry.models import Company

from .enums import HotspotOrder, SiteLevel
from .services import FUNDS_MAX

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HotspotForm(forms.Form):
    level = forms.ChoiceField(label="点位", choices=SiteLevel.choices, required=False)
    order = forms.ChoiceField(label="排序", choices=HotspotOrder.choices, required=False)
    start = forms.DateField(label="起", required=False, widget=DATE)
    end = forms.DateField(label="止", required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            day = data.get(name)
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, f"日期须在{FIRST_DAY}至{LAST_DAY}之间")
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "截止日期早于起始日期")
        return data


class CreateItemsForm(HotspotForm):
    sites = forms.TypedMultipleChoiceField(label="点位", coerce=int, choices=[])
    deadline = forms.DateField(label="整改期限", required=False, widget=DATE)

    def __init__(self, *args, site_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sites"].choices = [(i, i) for i in site_ids]


class ItemEditForm(forms.Form):
    problem = forms.CharField(label="存在问题", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    company = forms.ModelChoiceField(label="责任企业", queryset=Company.objects.order_by("name"))
    funds_yuan = forms.DecimalField(
        label="整改资金(元)", required=False, min_value=0, max_value=FUNDS_MAX, decimal_places=2
    )
    deadline = forms.DateField(label="整改期限", widget=DATE)


class ProgressForm(forms.Form):
    on = forms.DateField(label="日期", widget=DATE)
    percent = forms.IntegerField(label="进度(%)", min_value=0, max_value=100)
    note = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CompleteForm(forms.Form):
    note = forms.CharField(
        label="完成情况", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class VerifyForm(forms.Form):
    passed = forms.TypedChoiceField(
        label="验收结论",
        choices=[("1", "验收通过，销号"), ("0", "不通过，退回整改")],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(
        label="验收意见", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
