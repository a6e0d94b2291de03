"""End to end through the real broker (Mosquitto at WENNUAN_MQTT_HOST:PORT): a collector publishing below
standard for the span opens exactly one case that the company's dispatcher sees; the persistent session
keeps what was published while the listener was down. A missing broker fails these tests with the reason
(the broker is part of the setup, as PostgreSQL is). Each run uses its own topic prefix and client ids."""

import json
import socket
import time
import uuid
from dataclasses import replace
from datetime import timedelta

import paho.mqtt.client as mqtt
import pytest
from django.utils import timezone

from wennuan.cases.enums import Channel, Queue
from wennuan.cases.models import Case
from wennuan.cases.selectors import CaseFilters, cases
from wennuan.cases.tests.factories import dispatcher_for
from wennuan.sensors import config
from wennuan.sensors.listener import Listener
from wennuan.sensors.models import Reading

from .support import collector, every_10_min

pytestmark = pytest.mark.django_db


def _reachable_broker() -> config.Broker:
    b = config.broker()
    try:
        socket.create_connection((b.host, b.port), timeout=2).close()
    except OSError as exc:
        pytest.fail(
            f"MQTT broker {b.host}:{b.port} unreachable ({exc}): start Mosquitto or set WENNUAN_MQTT_HOST/PORT"
        )
    run = uuid.uuid4().hex[:10]
    return replace(b, topic_prefix=f"wennuan-test-{run}", client_id=f"wennuan-test-{run}")


@pytest.fixture
def broker():
    return _reachable_broker()


def publish(b: config.Broker, items: list[tuple[str, dict]]) -> None:
    """Publish QoS 1 as a collector would, and wait until the broker has every message."""
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"{b.client_id}-pub")
    client.connect(b.host, b.port)
    client.loop_start()
    try:
        infos = [client.publish(topic, json.dumps(body), qos=1) for topic, body in items]
        for info in infos:
            info.wait_for_publish(timeout=10)
            assert info.is_published()
    finally:
        client.loop_stop()
        client.disconnect()


def pump_until(listener: Listener, done, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not done():
        listener.pump()
    listener.flush()


def test_a_cold_room_over_the_broker_opens_exactly_one_case_the_dispatcher_sees(broker):
    device = collector(f"T{uuid.uuid4().hex[:8]}")
    dispatcher = dispatcher_for(device.household.station.company)
    listener = Listener(broker, max_wait=0.2)
    listener.connect()
    pump_until(listener, listener.connected.is_set, 5)
    assert listener.connected.is_set(), "the listener did not connect"
    try:
        now = timezone.now().replace(second=0, microsecond=0)
        topic = f"{broker.topic_prefix}/兰州市/{device.serial}/reading"
        readings = [(topic, {"time": t.isoformat(), "c": 14.5, "battery": 80})
                    for t in every_10_min(now - timedelta(hours=6, minutes=30), now)]  # fmt: skip
        garbage = [(topic, {"c": "cold"})]
        publish(broker, readings + readings[:5] + garbage)  # five sent twice, one malformed
        pump_until(
            listener, lambda: listener.stored + listener.duplicates + listener.dead >= len(readings) + 6
        )
        assert (listener.stored, listener.duplicates, listener.dead) == (len(readings), 5, 1)
        assert Reading.objects.filter(device=device).count() == len(readings)
        opened = list(Case.objects.filter(channel=Channel.SENSOR, household=device.household))
        assert len(opened) == 1
        seen = list(cases(user=dispatcher, filters=CaseFilters(queue=Queue.DISPATCH)))
        assert seen == opened
        # the room stays cold: more readings, still one case
        later = [(topic, {"time": (now + timedelta(minutes=i)).isoformat(), "c": 14.0}) for i in (1, 2)]
        publish(broker, later)
        pump_until(listener, lambda: listener.stored >= len(readings) + 2)
        assert listener.stored == len(readings) + 2
        assert Case.objects.filter(channel=Channel.SENSOR).count() == 1
    finally:
        listener.forget_session()


def test_the_session_keeps_what_was_published_while_the_listener_was_down(broker):
    device = collector(f"T{uuid.uuid4().hex[:8]}")
    first = Listener(broker)
    first.connect()
    pump_until(first, first.connected.is_set, 5)
    first.client.disconnect()  # the listener stops; its session stays with the broker
    now = timezone.now().replace(second=0, microsecond=0)
    topic = f"{broker.topic_prefix}/兰州市/{device.serial}/reading"
    publish(broker, [(topic, {"time": (now - timedelta(minutes=i)).isoformat(), "c": 20}) for i in range(30)])
    second = Listener(broker, max_wait=0.1)  # the restarted listener, same client id
    second.connect()
    try:
        pump_until(second, lambda: second.stored >= 30)
        assert Reading.objects.filter(device=device).count() == 30
    finally:
        second.forget_session()
