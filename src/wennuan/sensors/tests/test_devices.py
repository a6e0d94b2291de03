"""Registering collectors: by a crew (scope, checks, audit) and from an xlsx (row errors, all or nothing)."""

import io

import pytest
import xlsxwriter

from wennuan.cases.tests.factories import crew_for
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.sensors.devices import DeviceRefused, ImportRefused, import_devices, register_device
from wennuan.sensors.models import Device

pytestmark = pytest.mark.django_db


def xlsx(rows) -> io.BytesIO:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    buf.seek(0)
    return buf


def test_a_crew_registers_a_collector_in_its_station_only():
    mine, other = HouseholdFactory(), HouseholdFactory()
    crew = crew_for(mine.station)
    device, created = register_device(
        by=crew, serial="SN-100", account=mine.account, room_type="客厅", room_label="客厅",
        calibration_offset="-0.5",
    )  # fmt: skip
    assert created and device.household == mine and device.room_type == "main"
    assert str(device.calibration_offset) == "-0.5"
    assert AuditLog.objects.filter(action="sensors.register").count() == 1
    again, created = register_device(by=crew, serial="SN-100", account=mine.account, room_type="main")
    assert not created and Device.objects.count() == 1
    with pytest.raises(DeviceRefused, match="户号"):
        register_device(by=crew, serial="SN-101", account=other.account)
    with pytest.raises(DeviceRefused, match="设备编号"):
        register_device(by=crew, serial="a/+/#", account=mine.account)
    with pytest.raises(DeviceRefused, match="校准偏差"):
        register_device(by=crew, serial="SN-102", account=mine.account, calibration_offset="9")


def test_the_import_is_all_or_nothing_with_every_row_error_named():
    h1, h2 = HouseholdFactory(), HouseholdFactory()
    head = ["设备编号", "户号", "房间类型", "房间", "安装日期", "校准偏差", "校准日期"]
    bad = xlsx([head,
                ["SN-1", h1.account, "卧室", "主卧", "2026-11-01", 0.3, "2026-10-20"],
                ["SN-2", "NOPE", "", "", "", "", ""],
                ["SN-1", h2.account, "", "", "", "", ""],
                ["SN-3", h2.account, "", "", "2026/13/01", "", ""]])  # fmt: skip
    with pytest.raises(ImportRefused) as err:
        import_devices(bad, by=None)
    assert len(err.value.errors) == 3
    assert err.value.errors[0].startswith("第3行 户号")
    assert err.value.errors[1].startswith("第4行 设备编号") and "第2行" in err.value.errors[1]
    assert err.value.errors[2].startswith("第5行 安装日期")
    assert Device.objects.count() == 0
    good = xlsx([head, ["SN-1", h1.account, "卧室", "主卧", "2026-11-01", 0.3, "2026-10-20"],
                 ["SN-2", h2.account, "厨房", "", "", "", ""]])  # fmt: skip
    assert import_devices(good, by=None) == 2
    assert dict(Device.objects.values_list("serial", "room_type")) == {"SN-1": "main", "SN-2": "kitchen"}
