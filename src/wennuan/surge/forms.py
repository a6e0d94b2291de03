from django import forms

from .enums import WeatherKind

# What a file holds: the coming days' forecast, observed days, or the 12345 platform's daily statistics.
HISTORY = "history"
FILE_KINDS = [
    (WeatherKind.FORECAST.value, "预报气温（date,outdoor_c）"),
    (WeatherKind.OBSERVED.value, "实况气温（date,outdoor_c）"),
    (HISTORY, "历史统计：实况气温与12345供热来电数（date,outdoor_c,calls）"),
]


class WeatherImportForm(forms.Form):
    city = forms.ModelChoiceField(label="城市", queryset=None, empty_label=None)
    kind = forms.ChoiceField(label="文件内容", choices=FILE_KINDS, initial=WeatherKind.FORECAST)
    file = forms.FileField(label="CSV 文件（UTF-8）")

    def __init__(self, *args, cities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
