"""Detection: a room below its standard for the span opens one case (channel sensor, not_warm, routed),
never a second while it is open; dips, implausible jumps and out-of-season readings open none; cold rooms
of one building together are a suspected outage."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.cases.enums import Channel, Queue
from wennuan.cases.models import Case
from wennuan.cases.selectors import CaseFilters, cases
from wennuan.cases.tests.factories import dispatcher_for
from wennuan.core.categories import Category
from wennuan.rules.models import Season
from wennuan.sensors import sweep
from wennuan.sensors.ingest import store
from wennuan.sensors.models import ColdAlert, Device

from .support import collector, every_10_min, message, neighbour

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now().replace(second=0, microsecond=0)


def publish(serial, start, end, celsius):
    return store([message(serial, t, celsius) for t in every_10_min(start, end)])


def test_cold_for_the_span_opens_one_routed_case_a_dispatcher_sees(now):
    d = collector("SN-C1")
    publish("SN-C1", now - timedelta(hours=8), now - timedelta(hours=6, minutes=10), 20.0)
    out = publish("SN-C1", now - timedelta(hours=6), now - timedelta(minutes=10), 14.0)
    assert out.cases == []  # 5 h 50 min: not yet
    out = publish("SN-C1", now, now, 14.2)
    assert len(out.cases) == 1
    case = Case.objects.get()
    assert (case.channel, case.category, case.household_id) == (
        Channel.SENSOR,
        Category.NOT_WARM,
        d.household_id,
    )
    assert case.company_id == d.household.station.company_id and case.station_id == d.household.station_id
    assert "SN-C1" in case.text and f"/sensors/households/{d.household.account}/" in case.text
    dispatcher = dispatcher_for(d.household.station.company)
    assert list(cases(user=dispatcher, filters=CaseFilters(queue=Queue.DISPATCH))) == [case]
    alert = ColdAlert.objects.get()
    assert (
        alert.case == case
        and alert.opened
        and alert.span_reached_at == now - timedelta(hours=6) + timedelta(hours=6)
    )
    # still cold, more readings, a sweep: no second case
    publish("SN-C1", now + timedelta(minutes=10), now + timedelta(minutes=30), 13.0)
    sweep.sweep()
    assert Case.objects.count() == 1


def test_no_second_case_while_the_first_is_open_even_for_a_new_cold_run(now):
    d = collector("SN-C2")
    publish("SN-C2", now - timedelta(hours=20), now - timedelta(hours=13), 14.0)  # case 1
    publish("SN-C2", now - timedelta(hours=12, minutes=50), now - timedelta(hours=12), 21.0)  # warm again
    out = publish("SN-C2", now - timedelta(hours=11), now, 14.0)  # cold again for 11 h
    assert out.cases == [] and Case.objects.count() == 1
    assert ColdAlert.objects.filter(device=d).count() == 2
    assert not ColdAlert.objects.order_by("-id").first().opened


def test_a_dip_opens_no_case(now):
    collector("SN-D1")
    publish("SN-D1", now - timedelta(hours=12), now - timedelta(hours=8), 20.0)
    publish("SN-D1", now - timedelta(hours=7, minutes=50), now - timedelta(hours=5), 15.0)  # under 3 h
    publish("SN-D1", now - timedelta(hours=4, minutes=50), now - timedelta(hours=3), 19.0)
    publish("SN-D1", now - timedelta(hours=2, minutes=50), now, 16.0)
    assert Case.objects.count() == 0


def test_a_jump_no_room_makes_is_ignored(now):
    d = collector("SN-J1")
    times = list(every_10_min(now - timedelta(hours=7), now))
    # warm all along, but every other reading the collector reports 2 °C (a 19 °C jump in ten minutes),
    # and once an impossible −30 °C
    msgs = [message("SN-J1", t, 2.0 if i % 2 else 21.0) for i, t in enumerate(times)]
    msgs.append(message("SN-J1", now + timedelta(seconds=30), -30.0))
    store(msgs)
    assert Case.objects.count() == 0
    d.refresh_from_db()
    assert d.implausible_count == len(times) // 2 + 1 and d.cold_since is None


def test_calibration_offset_counts(now):
    collector("SN-K1", calibration_offset="2.5")  # reads 2.5 °C low
    publish("SN-K1", now - timedelta(hours=7), now, 16.0)  # 18.5 °C really
    assert Case.objects.count() == 0


def test_out_of_season_opens_nothing(now):
    d = collector("SN-S1")
    Season.objects.filter(city=d.household.station.company.city).delete()
    publish("SN-S1", now - timedelta(hours=7), now, 10.0)
    assert Case.objects.count() == 0


def test_readings_out_of_order_still_find_the_cold_room(now):
    collector("SN-O1")
    times = list(every_10_min(now - timedelta(hours=7), now))
    store([message("SN-O1", t, 14.0) for t in times[-5:]])  # the newest first
    out = store([message("SN-O1", t, 14.0) for t in times[:-5]])  # then the older ones
    assert len(out.cases) == 1


def test_several_cold_rooms_in_one_building_are_a_suspected_outage(now):
    first = collector("SN-B1")
    others = [collector(f"SN-B{i}", neighbour(first.household)) for i in (2, 3)]
    store(
        [
            message(d.serial, t, 12.0)
            for d in [first, *others]
            for t in every_10_min(now - timedelta(hours=7), now)
        ]
    )
    opened = Case.objects.filter(channel=Channel.SENSOR)
    assert opened.count() == 3
    assert opened.filter(suspected_outage=True).count() == 3


def test_the_sweep_opens_a_case_whose_intake_failed(now, monkeypatch):
    from wennuan.sensors import detect

    collector("SN-R1")
    monkeypatch.setattr(detect, "receive_case", lambda **kw: 1 / 0)
    publish("SN-R1", now - timedelta(hours=7), now, 14.0)
    assert Case.objects.count() == 0
    monkeypatch.undo()
    assert sweep.sweep()["cases"] == 1
    assert sweep.sweep()["cases"] == 0
    assert Device.objects.get().alerted_since is not None
