"""Forms of the cases pages (parsing only; the services decide)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse_lazy

from wennuan.core.bounds import FIRST_DAY, LAST_DAY
from wennuan.core.categories import Category
from wennuan.core.contacts import normalized_phone, phone_problem

from .enums import Channel, Queue
from .schemas import MAX_ID

# Days one may filter by; beyond them local midnight overflows (9999-12-31 + 1 day).
DAY_BOUNDS = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


class IntakeForm(forms.Form):
    # blank until chosen: the channel feeds the figures by channel
    channel = forms.ChoiceField(label="来源渠道", choices=[("", "请选择来源渠道"), *Channel.choices])
    external_id = forms.CharField(label="外部工单号（12345必填）", max_length=64, required=False)
    reporter_name = forms.CharField(label="诉求人", max_length=50, required=False)
    reporter_phone = forms.CharField(label="联系电话", max_length=30, required=False)
    account = forms.CharField(label="户号（已知时填写）", max_length=40, required=False)
    address = forms.CharField(
        label="地址",
        max_length=200,
        required=False,
        # as the agent types, the triage engine suggests registry places (triage:suggest, htmx)
        widget=forms.TextInput(
            attrs={
                "hx-get": reverse_lazy("triage:suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#address-suggestions",
                "autocomplete": "off",
            }
        ),
    )
    text = forms.CharField(label="诉求内容", widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(
        label="类别（不选则自动分拣）", choices=[("", "自动分拣"), *Category.choices], required=False
    )
    # 直接答复: the answer source chosen in an assist panel ("kb:42"), posted by that panel's button (not rendered)
    direct_answer = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_reporter_phone(self):
        phone = self.cleaned_data["reporter_phone"].strip()
        problem = phone_problem(phone) if phone else ""
        if problem:
            raise forms.ValidationError(problem)
        return normalized_phone(phone)


class FilterForm(forms.Form):
    queue = forms.ChoiceField(label="列表", choices=[("", "全部"), *Queue.choices], required=False)
    q = forms.CharField(label="搜索", required=False, max_length=100)
    state = forms.ChoiceField(label="状态", choices=[("", "全部状态")], required=False)
    category = forms.ChoiceField(label="类别", choices=[("", "全部类别"), *Category.choices], required=False)
    overdue = forms.NullBooleanField(
        label="超时",
        required=False,
        widget=forms.Select(choices=[("", "超时与否"), ("true", "曾超时"), ("false", "未超时")]),
    )
    received_from = forms.DateField(
        label="受理起", required=False, validators=DAY_BOUNDS, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label="受理止", required=False, validators=DAY_BOUNDS, widget=forms.DateInput(attrs={"type": "date"})
    )
    # Filters the supervision dashboard's figures link with; kept as hidden fields when the form is sent.
    company = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    station = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    district = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    street = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    community = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    grid = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    estate = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    open = forms.NullBooleanField(required=False, widget=forms.HiddenInput)
    escalated = forms.NullBooleanField(required=False, widget=forms.HiddenInput)
    resolved_from = forms.DateField(required=False, validators=DAY_BOUNDS, widget=forms.HiddenInput)
    resolved_to = forms.DateField(required=False, validators=DAY_BOUNDS, widget=forms.HiddenInput)
    closed_from = forms.DateField(required=False, validators=DAY_BOUNDS, widget=forms.HiddenInput)
    closed_to = forms.DateField(required=False, validators=DAY_BOUNDS, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .enums import CaseState

        self.fields["state"].choices = [("", "全部状态"), *CaseState.choices]


class KpiForm(forms.Form):
    group = forms.ChoiceField(
        label="按",
        choices=[("company", "供热企业"), ("station", "换热站"), ("street", "街道"), ("district", "区县")],
        required=False,
    )
    start = forms.DateField(
        label="起", required=False, validators=DAY_BOUNDS, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="止", required=False, validators=DAY_BOUNDS, widget=forms.DateInput(attrs={"type": "date"})
    )
