"""`wennuan run` starts the MQTT listener in a thread beside the site (core.workers), unless
WENNUAN_MQTT_LISTEN=0 or `--no-workers`; production runs `wennuan sensors listen` as its own process."""

import threading

from django.conf import settings

from wennuan.core import workers


@workers.register("sensors")
def loop(stop: threading.Event) -> None:
    if not settings.MQTT["LISTEN"]:
        return
    from .listener import Listener

    Listener().run(stop)
