"""Registering collectors: one by a crew on the phone page, or many from an xlsx (all rows or none)."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError
from wennuan.core.roles import Role
from wennuan.core.sheets import check_workbook_bounds
from wennuan.registry.models import Household
from wennuan.rules.enums import RoomType

from .models import Device

SERIAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{2,39}$")  # no MQTT wildcard or level separator
OFFSET_LIMIT = Decimal("5.0")
REGISTERING_ROLES = {Role.STATION_CREW, Role.DISPATCHER, Role.SUPERVISOR}
COLUMNS = {
    "serial": ("设备编号", "serial", "编号"),
    "account": ("户号", "account"),
    "room_type": ("房间类型", "room_type"),
    "room_label": ("房间", "room"),
    "installed_on": ("安装日期", "installed_on"),
    "calibration_offset": ("校准偏差", "校准偏差(℃)", "calibration_offset"),
    "calibrated_on": ("校准日期", "calibrated_on"),
}


class DeviceRefused(DomainError):
    code = "device_refused"
    http_status = 422


class ImportRefused(DomainError):
    code = "import_refused"
    http_status = 422

    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)}处错误，未导入任何设备")
        self.errors = errors


@dataclass
class Fields:
    serial: str
    household: Household
    room_type: str
    room_label: str
    installed_on: date
    calibration_offset: Decimal
    calibrated_on: date | None


def checked(*, by, serial, account, room_type="", room_label="", installed_on=None, calibration_offset=None,
            calibrated_on=None, households=None) -> Fields:  # fmt: skip
    """The fields of a registration, each checked; ``DeviceRefused`` names the field and why."""
    serial = str(serial or "").strip()
    if not SERIAL.match(serial):
        raise DeviceRefused("设备编号：应为3～40位字母、数字、-、_ 或 .")
    account = str(account or "").strip()
    if households is not None:
        household = households.get(account)
    else:
        household = Household.objects.visible_to(by).filter(account=account).first() if by else None
        if by is None:
            household = Household.objects.filter(account=account).first()
    if household is None:
        raise DeviceRefused(f"户号：{account or '（空）'} 不存在或不在您的范围内")
    kind = _room_type(room_type)
    today = timezone.localdate()
    installed = _day(installed_on, label="安装日期") or today
    calibrated = _day(calibrated_on, label="校准日期")
    if installed > today or (calibrated and calibrated > today):
        raise DeviceRefused("日期不能晚于今天")
    offset = _offset(calibration_offset)
    return Fields(serial, household, kind, str(room_label or "").strip()[:20], installed, offset, calibrated)


def _room_type(value) -> str:
    value = str(value or "").strip()
    if value in RoomType.values:
        return value
    labels = {label: code for code, label in RoomType.choices}
    return labels.get(value) or RoomType.of_room(value)


def _day(value, *, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip().replace("/", "-"))
        except ValueError:
            raise DeviceRefused(f"{label}：无法识别“{value}”（应为 2026-11-01）") from None
    if day.year < 2000:
        raise DeviceRefused(f"{label}：早于2000年")
    return day


def _offset(value) -> Decimal:
    if value in (None, ""):
        return Decimal("0.0")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DeviceRefused("校准偏差：应为数字（℃）") from None
    if not number.is_finite() or abs(number) > OFFSET_LIMIT:
        raise DeviceRefused(f"校准偏差：应在 −{OFFSET_LIMIT}～{OFFSET_LIMIT}℃ 之间")
    return number.quantize(Decimal("0.1"))


def _allowed(by) -> None:
    if by is not None and not by.is_superuser and by.role not in REGISTERING_ROLES:
        raise DeviceRefused("当前角色不能登记采集器")


def register_device(*, by, **fields) -> tuple[Device, bool]:
    """Register (or, for the same household, update) one collector; returns (device, created). A serial
    already on another household is refused: moving a collector is a new installation (unregister first)."""
    _allowed(by)
    f = checked(by=by, **fields)
    with transaction.atomic():
        device = Device.objects.select_for_update().filter(serial=f.serial).first()
        if device is not None and device.household_id != f.household.pk:
            raise DeviceRefused(f"设备编号：{f.serial} 已登记在其他住户")
        created = device is None
        device = device or Device(serial=f.serial, household=f.household)
        for name in ("room_type", "room_label", "installed_on", "calibration_offset", "calibrated_on"):
            setattr(device, name, getattr(f, name))
        device.save()
        audit.record(
            actor=by,
            action="sensors.register" if created else "sensors.update",
            obj=device,
            summary=f"{'登记' if created else '更新'}采集器{f.serial} → 户号{f.household.account}"
            f"（{device.get_room_type_display()}，校准{f.calibration_offset}℃）",
        )
    return device, created


def read_rows(fileobj) -> list[list]:
    from python_calamine import CalamineWorkbook

    check_workbook_bounds(fileobj)
    return CalamineWorkbook.from_filelike(fileobj).get_sheet_by_index(0).to_python()


def import_devices(fileobj, *, by) -> int:
    """Register every row of an xlsx (first sheet, header row); any bad row refuses the whole file with
    every error named by row and field, and nothing is written."""
    _allowed(by)
    rows = read_rows(fileobj)
    if not rows:
        raise ImportRefused(["表格为空"])
    header = [str(h or "").strip() for h in rows[0]]
    where = {}
    for key, names in COLUMNS.items():
        found = next((header.index(n) for n in names if n in header), None)
        if found is not None:
            where[key] = found
    missing = [COLUMNS[k][0] for k in ("serial", "account") if k not in where]
    if missing:
        raise ImportRefused([f"表头缺少列：{'、'.join(missing)}"])
    body = [(n, list(r) + [""] * (len(header) - len(r))) for n, r in enumerate(rows[1:], start=2)]
    body = [(n, r) for n, r in body if any(str(c).strip() for c in r if c is not None)]
    accounts = {_text(r[where["account"]]) for _, r in body}
    scope = Household.objects.visible_to(by) if by is not None else Household.objects.all()
    households = {h.account: h for h in scope.filter(account__in=accounts)}
    existing = dict(Device.objects.filter(serial__in={_text(r[where["serial"]]) for _, r in body})
                    .values_list("serial", "household__account"))  # fmt: skip
    errors, good, seen = [], [], {}
    for n, r in body:
        values = {k: _text(r[i]) if k in ("serial", "account") else r[i] for k, i in where.items()}
        try:
            f = checked(by=by, households=households, **values)
        except DeviceRefused as err:
            errors.append(f"第{n}行 {err}")
            continue
        if f.serial in seen:
            errors.append(f"第{n}行 设备编号：{f.serial} 与第{seen[f.serial]}行重复")
        elif f.serial in existing:
            errors.append(f"第{n}行 设备编号：{f.serial} 已登记（户号{existing[f.serial]}）")
        seen.setdefault(f.serial, n)
        good.append(f)
    if errors:
        raise ImportRefused(errors)
    with transaction.atomic():
        Device.objects.bulk_create(
            [
                Device(
                    serial=f.serial,
                    household=f.household,
                    room_type=f.room_type,
                    room_label=f.room_label,
                    installed_on=f.installed_on,
                    calibration_offset=f.calibration_offset,
                    calibrated_on=f.calibrated_on,
                )
                for f in good
            ]  # fmt: skip
        )
        audit.record(actor=by, action="sensors.import", summary=f"批量登记采集器{len(good)}台")
    return len(good)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()
