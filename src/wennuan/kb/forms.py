"""Forms of the knowledge-base pages (parsing only; kb.services decides)."""

from django import forms

from wennuan.core.bounds import FIRST_DAY, LAST_DAY
from wennuan.core.categories import Category
from wennuan.registry.models import City, Company, District, Street

from .enums import ReviewState
from .services import MAX_ANSWER, MAX_KEYWORDS, MAX_QUESTION, EntryFields

_DATE = forms.DateInput(
    format="%Y-%m-%d", attrs={"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
)


class EntryForm(forms.Form):
    # widths come from app.css (.kb-form): the CSP refuses inline styles
    question = forms.CharField(label="问题", max_length=MAX_QUESTION)
    answer = forms.CharField(
        label="答复口径",
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    keywords = forms.CharField(
        label="关键词（群众的其他说法，空格分隔）", max_length=MAX_KEYWORDS, required=False
    )
    category = forms.ChoiceField(label="类别", choices=Category.choices, initial=Category.OTHER)
    city = forms.ModelChoiceField(
        label="城市", queryset=City.objects.all(), required=False, empty_label="（按企业/区县或唯一城市）"
    )
    company = forms.ModelChoiceField(
        label="供热企业", queryset=Company.objects.all(), required=False, empty_label="全市各企业"
    )
    district = forms.ModelChoiceField(
        label="区县", queryset=District.objects.all(), required=False, empty_label="全部区县"
    )
    street = forms.ModelChoiceField(
        label="街道", queryset=Street.objects.all(), required=False, empty_label="全部街道"
    )
    valid_from = forms.DateField(label="生效日期", required=False, widget=_DATE)
    valid_to = forms.DateField(label="失效日期（空：长期有效）", required=False, widget=_DATE)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_supervisor:
            # a company writes only its own entries: the service sets the company; no choice to offer
            del self.fields["company"]
            self.fields["city"].queryset = (
                City.objects.filter(pk=user.company.city_id) if user.company else City.objects.none()
            )

    def entry_fields(self) -> EntryFields:
        d = self.cleaned_data
        return EntryFields(
            question=d["question"], answer=d["answer"], category=d["category"], keywords=d["keywords"],
            city=d["city"], company=d.get("company"), district=d["district"], street=d["street"],
            valid_from=d["valid_from"], valid_to=d["valid_to"],
        )  # fmt: skip

    @classmethod
    def initial_from(cls, entry) -> dict:
        return {
            "question": entry.question, "answer": entry.answer, "keywords": entry.keywords,
            "category": entry.category, "city": entry.city_id, "company": entry.company_id,
            "district": entry.district_id, "street": entry.street_id,
            "valid_from": entry.valid_from, "valid_to": entry.valid_to,
        }  # fmt: skip


class ListForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=200)
    state = forms.ChoiceField(
        label="审核状态", choices=[("", "全部状态"), *ReviewState.choices], required=False
    )
    category = forms.ChoiceField(label="类别", choices=[("", "全部类别"), *Category.choices], required=False)
    # 知识库更新数 links here: the entries a company created or changed in a range
    company = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    updated_from = forms.DateField(required=False, widget=forms.HiddenInput)
    updated_to = forms.DateField(required=False, widget=forms.HiddenInput)

    def clean(self):
        d = super().clean()
        lo, hi = d.get("updated_from"), d.get("updated_to")
        if lo and hi and lo > hi:
            self.add_error("updated_to", "结束日期早于开始日期")
        return d


class ImportForm(forms.Form):
    file = forms.FileField(label="知识库文件（.xlsx 或 .csv）")
