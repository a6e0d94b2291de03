"""The ledger: hotspots into items, progress, completion, verification, scope, audit and the clock."""

from datetime import date, timedelta

import pytest
import time_machine

from wennuan.core.bounds import OutOfRange
from wennuan.core.errors import NotPermitted, TransitionNotAllowed
from wennuan.core.models import AuditLog
from wennuan.notices.models import Notice
from wennuan.repairs import selectors, services
from wennuan.repairs.enums import ItemStatus
from wennuan.repairs.hotspots import hotspots
from wennuan.repairs.models import RepairItem
from wennuan.repairs.sweep import sweep_overdue

from .conftest import T0

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 11)


@pytest.fixture
def items(city, span):
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        found = hotspots(user=city.users["supervisor"], **span)
        return services.create_items(
            by=city.users["supervisor"], hotspots=found, start=span["start"].date(), end=span["end"].date()
        )


def test_hotspots_become_items_with_their_evidence(city, items):
    west, happy = items
    assert (happy.site_label, happy.company.name, happy.estate.name) == ("幸福小区", "热力一公司", "幸福小区")
    assert happy.evidence["complaints"] == 3 and happy.evidence["repeats"] == 1
    assert "重复投诉1件" in happy.problem and "室温不达标/暖气不热2件" in happy.problem
    assert west.company.name == "热力二公司" and "停热1次" in west.problem
    assert happy.number.startswith("夏治2026-") and happy.number != west.number
    assert happy.status == ItemStatus.OPEN
    # The default deadline leaves time to verify before the next season (rules' season 11-01).
    assert happy.deadline == date(2027, 10, 17)
    assert AuditLog.objects.filter(action="repairs.create").count() == 2


def test_a_site_is_listed_once_until_verified(city, span, items):
    with time_machine.travel(T0 + timedelta(days=1), tick=False):
        again = services.create_items(
            by=city.users["supervisor"],
            hotspots=hotspots(user=city.users["supervisor"], **span),
            start=span["start"].date(),
            end=span["end"].date(),
        )
    assert again == [] and RepairItem.objects.count() == 2


def test_only_the_supervisor_lists_items(city, span):
    with pytest.raises(NotPermitted):
        services.create_items(
            by=city.users["dispatcher"],
            hotspots=hotspots(user=city.users["dispatcher"], **span),
            start=span["start"].date(),
            end=span["end"].date(),
        )


def test_company_dispatchers_see_their_own_items(city, items):
    west, happy = items
    assert list(selectors.items(user=city.users["dispatcher"])) == [happy]  # 热力一公司
    assert set(selectors.items(user=city.users["supervisor"])) == {west, happy}
    assert list(selectors.items(user=city.users["district"])) == [happy]  # 城关区
    assert list(selectors.items(user=city.users["grid"])) == []


def test_progress_complete_verify_one_by_one(city, items):
    _, happy = items
    dispatcher, supervisor = city.users["dispatcher"], city.users["supervisor"]
    with time_machine.travel(T0 + timedelta(days=200), tick=False):
        services.add_progress(item=happy, by=dispatcher, on=date(2027, 6, 1), percent=40, note="更换立管")
        services.add_progress(item=happy, by=dispatcher, on=date(2027, 5, 1), percent=10, note="勘察")
        happy.refresh_from_db()
        assert happy.percent == 40  # the latest dated entry, not the last typed
        services.complete_item(item=happy, by=dispatcher, note="立管、阀门更换完毕")
        with pytest.raises(NotPermitted):
            services.verify_item(item=happy, by=dispatcher, passed=True, note="")
        services.verify_item(item=happy, by=supervisor, passed=False, note="3单元仍有气堵")
        happy.refresh_from_db()
        assert happy.status == ItemStatus.OPEN and happy.completed_at is None
        services.complete_item(item=happy, by=dispatcher, note="已排气")
        services.verify_item(item=happy, by=supervisor, passed=True, note="试水合格")
    happy.refresh_from_db()
    assert happy.status == ItemStatus.VERIFIED and happy.verified_by == supervisor
    assert [p.percent for p in selectors.progress_of(happy)] == [10, 40, 100, 100]
    actions = list(AuditLog.objects.filter(object_id=str(happy.pk)).values_list("action", flat=True))
    assert (
        actions.count("repairs.progress") == 2 and "repairs.reject" in actions and "repairs.verify" in actions
    )
    with pytest.raises(TransitionNotAllowed):
        services.complete_item(item=happy, by=dispatcher, note="")


def test_another_company_may_not_report(city, items):
    west, _ = items  # 热力二公司's
    with pytest.raises(NotPermitted):
        services.add_progress(item=west, by=city.users["dispatcher"], on=TODAY, percent=5, note="x")


def test_progress_dates_and_percent_are_bounded(city, items):
    _, happy = items
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        for on, percent in ((date(2026, 12, 1), 5), (date(2027, 1, 1), 5), (TODAY, 101), (TODAY, -1)):
            with pytest.raises(OutOfRange):
                services.add_progress(
                    item=happy, by=city.users["dispatcher"], on=on, percent=percent, note="x"
                )
        with pytest.raises(OutOfRange):
            services.update_item(
                item=happy, by=city.users["supervisor"], problem="x", company=happy.company,
                funds_yuan="-1", deadline=happy.deadline,
            )  # fmt: skip


def test_the_clock_flags_overdue_once_and_tells_the_company(city, items):
    west, happy = items
    services.complete_item(item=west, by=city.users["supervisor"], note="")  # done: its clock stopped
    assert sweep_overdue(today=happy.deadline) == {"overdue": 0}
    assert sweep_overdue(today=happy.deadline + timedelta(days=1)) == {"overdue": 1}
    assert sweep_overdue(today=happy.deadline + timedelta(days=2)) == {"overdue": 0}
    happy.refresh_from_db()
    assert happy.overdue and happy.overdue_since == happy.deadline + timedelta(days=1)
    told = Notice.objects.filter(kind="repair_overdue")
    assert [n.recipient for n in told] == [city.users["dispatcher"]]
    assert "幸福小区" in told[0].title
    assert AuditLog.objects.filter(action="repairs.overdue", object_id=str(happy.pk)).count() == 1
    assert selectors.counts(user=city.users["supervisor"])["overdue"] == 1


def test_a_new_deadline_restarts_the_clock(city, items):
    _, happy = items
    sweep_overdue(today=happy.deadline + timedelta(days=1))
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        services.update_item(
            item=happy, by=city.users["supervisor"], problem=happy.problem, company=happy.company,
            funds_yuan="350000", deadline=happy.deadline + timedelta(days=10),
        )  # fmt: skip
    happy.refresh_from_db()
    assert happy.overdue is False and str(happy.funds_yuan) == "350000.00"
    entry = AuditLog.objects.get(action="repairs.update")
    assert set(entry.changes) == {"funds_yuan", "deadline"}
