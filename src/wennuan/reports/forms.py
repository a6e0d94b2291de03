"""Forms of the reports pages; dates bounded here and again in the services."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from wennuan.core.bounds import FIRST_DAY

from .bulletins import RANKABLE
from .models import Bulletin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def yesterday():
    return timezone.localdate() - timedelta(days=1)


class DailyForm(forms.Form):
    day = forms.DateField(label="报告日期", widget=DATE, initial=yesterday)

    def clean_day(self):
        day = self.cleaned_data["day"]
        if not FIRST_DAY <= day <= timezone.localdate():
            raise forms.ValidationError(f"日期须在{FIRST_DAY}至今天之间")
        return day


class CandidateForm(forms.Form):
    start = forms.DateField(label="起", widget=DATE, required=False)
    end = forms.DateField(label="止", widget=DATE, required=False)
    order = forms.ChoiceField(
        label="按何指标排最差", choices=[(k.key, k.label) for k in RANKABLE], required=False
    )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        start, end = data.get("start") or today - timedelta(days=30), data.get("end") or today
        if not FIRST_DAY <= start <= end <= today:
            raise forms.ValidationError("统计期须在2000年以后、不晚于今天，且起不晚于止")
        data.update(start=start, end=end, order=data.get("order") or "on_time_rate")
        return data


class DraftForm(CandidateForm):
    companies = forms.TypedMultipleChoiceField(label="被通报企业", coerce=int, choices=[])

    def __init__(self, *args, company_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companies"].choices = [(i, i) for i in company_ids]


class BulletinForm(forms.ModelForm):
    class Meta:
        model = Bulletin
        fields = ["title", "recipients", "opening", "problems", "data", "cases", "requirements", "issuer"]
        # widths come from app.css (.bulletin-form): the CSP refuses inline styles
        widgets = {
            f: forms.Textarea(attrs={"rows": 6})
            for f in ["opening", "problems", "data", "cases", "requirements"]
        }
