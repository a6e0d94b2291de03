from django import forms

from wennuan.rules.enums import RoomType


class RegisterForm(forms.Form):
    serial = forms.CharField(label="设备编号", max_length=40)
    account = forms.CharField(label="户号", max_length=40)
    room_type = forms.ChoiceField(label="房间类型", choices=RoomType.choices, initial=RoomType.MAIN)
    room_label = forms.CharField(label="房间（如 客厅、主卧）", max_length=20, required=False)
    installed_on = forms.DateField(
        label="安装日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    calibration_offset = forms.DecimalField(
        label="校准偏差(℃)", max_digits=3, decimal_places=1, min_value=-5, max_value=5, required=False
    )
    calibrated_on = forms.DateField(
        label="校准日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="采集器登记表（.xlsx）")


class DeviceFilter(forms.Form):
    offline = forms.BooleanField(label="只看离线", required=False)
