from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from wennuan.core.errors import DomainError, NotInScope, NotPermitted, TransitionNotAllowed
from wennuan.core.models import AuditLog
from wennuan.notices.enums import NoticeKind
from wennuan.notices.models import Notice
from wennuan.outages import services
from wennuan.outages.enums import AreaKind, Liability, OutageCause
from wennuan.outages.models import OutageHousehold
from wennuan.registry.models import Household
from wennuan.registry.tests import factories as f

from .factories import record, record_restored

pytestmark = pytest.mark.django_db
NOW = timezone.datetime(2026, 12, 10, 9, 0, tzinfo=timezone.get_fixed_timezone(480))


def hit(outage) -> set[str]:
    return set(OutageHousehold.objects.filter(outage=outage).values_list("household__account", flat=True))


def test_station_outage_lists_the_station_households_with_their_area(world):
    o = world.objects
    outage = record(by=world.users["dispatcher"], station=o["s1"])
    assert outage.area_kind == AreaKind.STATION
    assert outage.company == o["co1"]
    assert hit(outage) == {"A0001"}
    assert outage.household_count == 1 and outage.area_m2 == Decimal("88.50")
    assert outage.liability == Liability.COMPANY  # a pipe burst is the company's


def test_summary_reads_as_the_report_does():
    station = f.StationFactory()
    unit = f.UnitFactory()
    areas = [Decimal("181.98")] * 225 + [Decimal("183.50")]  # 225 × 181.98 + 183.50 = 41,129
    grid = f.GridFactory()
    Household.objects.bulk_create(
        Household(account=f"S{i:04d}", unit=unit, room=str(i), grid=grid, station=station, area=a)
        for i, a in enumerate(areas)
    )
    from wennuan.accounts.tests.factories import UserFactory
    from wennuan.core.roles import Role

    outage = record(by=UserFactory(role=Role.SUPERVISOR), station=station)
    assert outage.summary == "226户41129平方米"


def test_a_dispatcher_records_only_for_her_own_company(world):
    with pytest.raises(NotInScope):
        record(by=world.users["dispatcher"], station=world.objects["s3"])
    # building 2 has households of company 2 only: nothing of hers
    with pytest.raises(NotInScope):
        record(by=world.users["dispatcher"], buildings=[world.objects["b2"]])


def test_other_roles_cannot_record(world):
    for role in ("grid", "community", "crew", "hotline", "street"):
        with pytest.raises(NotPermitted):
            record(by=world.users[role], station=world.objects["s1"])


def test_building_outage_of_a_dispatcher_takes_her_company_households_only(world):
    outage = record(by=world.users["dispatcher"], buildings=[world.objects["b1"]])
    assert hit(outage) == {"A0001", "A0002"}  # A0003 in the same building is heated by company 2
    assert outage.area_label == "幸福小区1号楼"


def test_a_supervisor_names_the_company_of_a_building_heated_by_two(world):
    with pytest.raises(DomainError, match="多家供热企业"):
        record(by=world.users["supervisor"], buildings=[world.objects["b1"]])
    outage = record(
        by=world.users["supervisor"], buildings=[world.objects["b1"]], company=world.objects["co2"]
    )
    assert hit(outage) == {"A0003"}


def test_unit_outage(world):
    outage = record(by=world.users["supervisor"], units=[world.objects["u2"]])
    assert hit(outage) == {"B0001"}
    assert outage.area_label == "西园小区2号楼1单元"
    assert list(outage.units.all()) == [world.objects["u2"]]


@pytest.mark.parametrize(
    "area",
    [{}, {"station": "s1", "buildings": ["b1"]}],
    ids=["none", "two kinds"],
)
def test_exactly_one_kind_of_area(world, area):
    area = {
        k: (world.objects[v] if isinstance(v, str) else [world.objects[x] for x in v])
        for k, v in area.items()
    }
    with pytest.raises(DomainError, match="停热范围"):
        record(by=world.users["supervisor"], **area)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("cause", "start_h", "restore_h", "message"),
    [
        (OutageCause.PIPE_BURST, -2, -3, "预计恢复：必须晚于停热开始"),
        (OutageCause.PIPE_BURST, 2, 6, "不能晚于现在"),
        (OutageCause.PLANNED_MAINTENANCE, -2, 6, "须提前公告"),
        (OutageCause.PIPE_BURST, -24 * 401, 6, "不能早于"),
        (OutageCause.PLANNED_MAINTENANCE, 24 * 91, 24 * 92, "最多提前"),
        (OutageCause.PIPE_BURST, -2, 24 * 367, "不能超过"),
    ],
)
def test_dates_are_checked(world, cause, start_h, restore_h, message):
    with pytest.raises(DomainError, match=message):
        services.record_outage(
            by=world.users["supervisor"],
            cause=cause,
            start=NOW + timedelta(hours=start_h),
            expected_restore=NOW + timedelta(hours=restore_h),
            station=world.objects["s1"],
        )
    assert not OutageHousehold.objects.exists()


def test_cause_and_liability_are_checked(world):
    s1 = world.objects["s1"]
    with pytest.raises(DomainError, match="无效的选项"):
        record(by=world.users["supervisor"], station=s1, cause="boiler")
    with pytest.raises(DomainError, match="须指定责任方"):
        record(by=world.users["supervisor"], station=s1, cause=OutageCause.OTHER)
    outage = services.record_outage(
        by=world.users["supervisor"],
        cause=OutageCause.OTHER,
        liability=Liability.THIRD_PARTY,
        start=timezone.now() - timedelta(hours=1),
        expected_restore=timezone.now() + timedelta(hours=1),
        station=s1,
    )
    assert outage.liability == Liability.THIRD_PARTY


def test_recording_is_audited_and_tells_grid_workers_and_community_staff(world):
    outage = record(by=world.users["dispatcher"], buildings=[world.objects["b1"]])
    entry = AuditLog.objects.get(action="outages.recorded")
    assert entry.object_id == str(outage.pk) and entry.actor == world.users["dispatcher"]
    told = set(Notice.objects.filter(kind=NoticeKind.OUTAGE).values_list("recipient__username", flat=True))
    # h1 in grid 1, h2 in grid 2 (no worker user), both in community 东岗
    assert told == {"wangge", "shequ"}
    n = Notice.objects.get(recipient=world.users["grid"])
    assert n.title == "停热：幸福小区1号楼"
    assert "2户177平方米" in n.body and n.link == f"/outages/{outage.pk}/"


def test_planned_maintenance_is_announced_before_its_start(world):
    start = timezone.now() + timedelta(days=2)
    outage = services.record_outage(
        by=world.users["dispatcher"],
        cause=OutageCause.PLANNED_MAINTENANCE,
        start=start,
        expected_restore=start + timedelta(hours=8),
        station=world.objects["s1"],
    )
    assert outage.planned and outage.state == "planned"
    n = Notice.objects.get(recipient=world.users["grid"], kind=NoticeKind.OUTAGE)
    assert n.title.startswith("计划停热") and n.created_at < start


def test_restore_records_the_time_once_and_tells_the_refund_days(world):
    outage = record_restored(by=world.users["dispatcher"], hours=30, station=world.objects["s1"])
    assert outage.actual_restore is not None and outage.restored_by == world.users["dispatcher"]
    n = Notice.objects.get(recipient=world.users["grid"], kind=NoticeKind.OUTAGE_RESTORED)
    assert "超过24小时" in n.body and "计1天" in n.body
    assert AuditLog.objects.filter(action="outages.restored", object_id=str(outage.pk)).exists()
    with pytest.raises(TransitionNotAllowed):
        services.restore_outage(outage=outage, by=world.users["dispatcher"])


def test_restore_time_is_checked(world):
    outage = record(by=world.users["dispatcher"], hours_ago=5, station=world.objects["s1"])
    with pytest.raises(DomainError, match="晚于停热开始"):
        services.restore_outage(outage=outage, by=world.users["dispatcher"], at=outage.start)
    with pytest.raises(DomainError, match="不能晚于现在"):
        services.restore_outage(
            outage=outage, by=world.users["dispatcher"], at=timezone.now() + timedelta(hours=1)
        )
    with pytest.raises(NotPermitted):
        services.restore_outage(outage=outage, by=world.users["grid"])
    outage.refresh_from_db()
    assert outage.actual_restore is None
