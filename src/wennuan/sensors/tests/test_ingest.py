"""Storing readings: dead letters with the reason, idempotent on (device, time), out of order tolerated."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.sensors.ingest import Message, store
from wennuan.sensors.models import DeadLetter, Device, Reading

from .support import collector, message

pytestmark = pytest.mark.django_db


def test_readings_are_stored_once_whatever_the_order_or_repeats():
    d = collector("SN-0001")
    now = timezone.now().replace(microsecond=0)
    times = [now - timedelta(minutes=10 * i) for i in range(6)]  # newest first: out of order
    first = store([message("SN-0001", t, 21.5) for t in times])
    again = store([message("SN-0001", t, 21.5) for t in times[::2]] + [message("SN-0001", times[0], 21.5)])
    assert (first.stored, first.duplicates) == (6, 0)
    assert (again.stored, again.duplicates) == (0, 4)
    assert Reading.objects.filter(device=d).count() == 6
    assert sorted(Reading.objects.filter(device=d).values_list("time", flat=True)) == sorted(times)
    d.refresh_from_db()
    assert d.last_reading_at == times[0] and d.battery == 90


@pytest.mark.parametrize(
    ("topic", "payload", "reason"),
    [
        ("wennuan/兰州市/SN-0001/status", b'{"time": 1, "c": 20}', "主题格式"),
        ("other/兰州市/SN-0001/reading", b"{}", "主题格式"),
        ("wennuan/兰州市/SN-0001/reading", b"not json", "不是JSON"),
        ("wennuan/兰州市/SN-0001/reading", b"[1, 2]", "JSON对象"),
        ("wennuan/兰州市/SN-0001/reading", b'{"c": 20}', "缺少time"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "2026-11-29T10:00:00", "c": 20}', "时区"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "yesterday", "c": 20}', "无法识别"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "2099-01-01T00:00:00Z", "c": 20}', "未来"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "2001-01-01T00:00:00Z", "c": 20}', "过早"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "NOW", "c": "warm"}', "c（℃）"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "NOW", "c": NaN}', "超出范围"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "NOW", "c": 1e20}', "超出范围"),
        ("wennuan/兰州市/SN-0001/reading", b'{"time": "NOW", "c": 20, "battery": 300}', "battery"),
        ("wennuan/兰州市/SN-9999/reading", b'{"time": "NOW", "c": 20}', "未登记"),
    ],
)
def test_malformed_messages_go_to_the_dead_letters_with_the_reason(topic, payload, reason):
    collector("SN-0001")
    payload = payload.replace(b'"NOW"', json.dumps(timezone.now().isoformat()).encode())
    out = store([Message(topic, payload), message("SN-0001", timezone.now(), 20.0)])
    assert (out.stored, out.dead) == (1, 1)
    letter = DeadLetter.objects.get()
    assert reason in letter.reason and letter.topic == topic
    assert Reading.objects.count() == 1


def test_epoch_seconds_are_accepted():
    collector("SN-0002")
    now = int(timezone.now().timestamp())
    out = store([Message("wennuan/兰州市/SN-0002/reading", json.dumps({"time": now, "c": 19}).encode())])
    assert out.stored == 1
    assert Device.objects.get().last_celsius == 19
