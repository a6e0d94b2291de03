"""`wennuan run` starts the listener through core.workers, unless WENNUAN_MQTT_LISTEN=0."""

import threading

from wennuan.core import workers
from wennuan.sensors import worker


def test_the_listener_is_a_worker_of_wennuan_run():
    assert "sensors" in workers.names()


def test_disabled_by_setting_it_returns_at_once(settings, monkeypatch):
    settings.MQTT = {**settings.MQTT, "LISTEN": False}
    started = []
    monkeypatch.setattr("wennuan.sensors.listener.Listener.run", lambda self, stop: started.append(1))
    worker.loop(threading.Event())
    assert started == []
    settings.MQTT = {**settings.MQTT, "LISTEN": True}
    worker.loop(threading.Event())
    assert started == [1]
