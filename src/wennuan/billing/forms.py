"""Forms of the billing pages (parsing and range checks; the services decide what the method allows)."""

from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from .enums import Cause, Refusal
from .services.measurements import MeasurementInput, RoomReading

ROOM_SLOTS = 3


def _celsius(label: str, required=False) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, max_digits=4, decimal_places=1, min_value=Decimal("-30"),
        max_value=Decimal("45"), widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )  # fmt: skip


def _clock(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label, required=False, widget=forms.TimeInput(attrs={"type": "time", "step": 1})
    )


class MeasurementForm(forms.Form):
    """One measuring visit: the header, then up to three rooms (room fields are r0_…, r1_…, r2_…)."""

    measured_at = forms.DateTimeField(
        label="测温开始时间",
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    refusal = forms.ChoiceField(
        label="企业拒绝（如有）", choices=[("", "无"), *Refusal.choices], required=False
    )
    instrument_serial = forms.CharField(label="仪器编号", max_length=50, required=False)
    certificate_no = forms.CharField(label="检定证书编号", max_length=50, required=False)
    outdoor_celsius = forms.DecimalField(
        label="室外温度(℃)", required=False, max_digits=4, decimal_places=1, min_value=Decimal("-50"),
        max_value=Decimal("45"), widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )  # fmt: skip
    latitude = forms.FloatField(label="纬度", required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(label="经度", required=False, min_value=-180, max_value=180)
    photo = forms.FileField(
        label="现场照片",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    company_signed = forms.BooleanField(label="企业测温人员已签字", required=False)
    resident_signed = forms.BooleanField(label="住户已签字", required=False)
    resident_refused_to_sign = forms.BooleanField(label="住户拒签（已记录）", required=False)
    cause = forms.ChoiceField(label="原因判定", choices=[("", "未判定"), *Cause.choices], required=False)
    cause_note = forms.CharField(label="原因说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(ROOM_SLOTS):
            self.fields[f"r{i}_name"] = forms.CharField(
                label="房间", max_length=20, required=False, initial=("卧室", "客厅", "书房")[i]
            )
            self.fields[f"r{i}_area"] = forms.DecimalField(
                label="面积(㎡)", required=False, max_digits=7, decimal_places=2, min_value=Decimal("0.01")
            )
            self.fields[f"r{i}_height"] = forms.DecimalField(
                label="测点高度(m)", required=False, max_digits=3, decimal_places=2, min_value=Decimal("0"),
                max_value=Decimal("3"), initial=Decimal("1.2"),
            )  # fmt: skip
            self.fields[f"r{i}_closed"] = _clock("门窗关闭时刻")
            self.fields[f"r{i}_stable"] = forms.DecimalField(
                label="稳定期10分钟变化(℃)", required=False, max_digits=3, decimal_places=2,
                min_value=Decimal("0"), max_value=Decimal("9"),
            )  # fmt: skip
            for k in range(3):
                self.fields[f"r{i}_t{k}"] = _celsius(f"读数{k + 1}(℃)")
                self.fields[f"r{i}_at{k}"] = _clock(f"读数{k + 1}时刻")

    def rooms(self):
        """Bound field groups per room slot (for the template)."""
        for i in range(ROOM_SLOTS):
            yield {
                "index": i + 1,
                "used": any(self[f"r{i}_t{k}"].value() not in (None, "") for k in range(3)),
                "head": [self[f"r{i}_{n}"] for n in ("name", "area", "height", "closed", "stable")],
                "readings": [(self[f"r{i}_t{k}"], self[f"r{i}_at{k}"]) for k in range(3)],
            }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for i in range(ROOM_SLOTS):
            used = any(data.get(f"r{i}_t{k}") is not None for k in range(3))
            if used and not data.get(f"r{i}_name"):
                self.add_error(f"r{i}_name", "请填写房间名称")
        return data

    def to_input(self) -> MeasurementInput:
        d = self.cleaned_data
        start: datetime = d["measured_at"]
        if timezone.is_naive(start):
            start = timezone.make_aware(start)
        day, tz = start.date(), start.tzinfo

        def moment(t):
            return datetime.combine(day, t, tz) if t else None

        rooms = []
        for i in range(ROOM_SLOTS):
            readings = [
                (moment(d[f"r{i}_at{k}"]) or start, d[f"r{i}_t{k}"])
                for k in range(3)
                if d[f"r{i}_t{k}"] is not None
            ]
            if not readings and not d[f"r{i}_name"]:
                continue
            if not readings:
                continue
            rooms.append(
                RoomReading(
                    name=d[f"r{i}_name"],
                    area_m2=d[f"r{i}_area"],
                    height_m=d[f"r{i}_height"] or Decimal("0"),
                    doors_closed_since=moment(d[f"r{i}_closed"]) or start,
                    stable_change=d[f"r{i}_stable"] if d[f"r{i}_stable"] is not None else Decimal("9"),
                    readings=readings,
                )  # fmt: skip
            )
        return MeasurementInput(
            measured_at=start, rooms=rooms, instrument_serial=d["instrument_serial"],
            certificate_no=d["certificate_no"], outdoor_celsius=d["outdoor_celsius"], latitude=d["latitude"],
            longitude=d["longitude"], photo=d["photo"], company_signed=d["company_signed"],
            resident_signed=d["resident_signed"], resident_refused_to_sign=d["resident_refused_to_sign"],
            refusal=d["refusal"], cause=d["cause"], cause_note=d["cause_note"],
        )  # fmt: skip


class LedgerFilter(forms.Form):
    season = forms.ModelChoiceField(label="供暖季", queryset=None, required=False, empty_label="全部供暖季")
    status = forms.ChoiceField(label="状态", required=False)

    def __init__(self, *args, seasons, **kwargs):
        super().__init__(*args, **kwargs)
        from .enums import RefundStatus

        self.fields["season"].queryset = seasons
        self.fields["status"].choices = [("", "全部状态"), *RefundStatus.choices]


class PaidForm(forms.Form):
    paid_on = forms.DateField(label="退付日期", widget=forms.DateInput(attrs={"type": "date"}))


class ReductionForm(forms.Form):
    estate = forms.ModelChoiceField(label="小区", queryset=None)
    season = forms.ModelChoiceField(label="供暖季", queryset=None)
    days = forms.IntegerField(label="减免天数", min_value=1, max_value=366)
    reason = forms.CharField(label="协商原因", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args, estates, seasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates
        self.fields["season"].queryset = seasons
