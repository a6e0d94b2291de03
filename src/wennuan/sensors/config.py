"""The sensors' settings in one place (read on use, so tests can override them)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings


@dataclass(frozen=True)
class Broker:
    host: str
    port: int
    user: str
    password: str
    tls: bool
    topic_prefix: str
    client_id: str


def broker() -> Broker:
    m = settings.MQTT
    return Broker(
        host=m["HOST"],
        port=int(m["PORT"]),
        user=m["USER"],
        password=m["PASSWORD"],
        tls=bool(m["TLS"]),
        topic_prefix=m["TOPIC_PREFIX"].strip("/"),
        client_id=m["CLIENT_ID"],
    )


def cold_span() -> timedelta:
    """How long a room must stay below its standard before a case opens (WENNUAN_SENSOR_COLD_HOURS)."""
    return timedelta(hours=float(settings.SENSORS["COLD_HOURS"]))


def max_jump() -> float:
    """A change larger than this (°C) within ten minutes is no room's: the reading is ignored."""
    return float(settings.SENSORS["MAX_JUMP_C"])


def offline_after() -> timedelta:
    return timedelta(hours=float(settings.SENSORS["OFFLINE_HOURS"]))


# What a room can read at all; beyond it the collector is broken or out of the room (ignored by detection).
PLAUSIBLE_MIN, PLAUSIBLE_MAX = -10.0, 40.0
JUMP_WINDOW = timedelta(minutes=10)
# A collector buffers readings while its network is down; older ones are refused (dead letter).
MAX_AGE = timedelta(days=31)
