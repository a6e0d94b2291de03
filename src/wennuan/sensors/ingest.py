"""Storing readings: parse each MQTT message, refuse the bad ones to the dead-letter table with the reason,
insert the good ones in one statement per batch (duplicates dropped by the primary key), then hand what
was really new to detection. Used by the listener and by tests/bench directly (no broker needed here)."""

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection, transaction
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from . import config, days, detect
from .models import DeadLetter, Device

MAX_PAYLOAD_CHARS = 2000


class BadMessage(ValueError):
    """The reason a message is refused (Chinese, shown on the dead-letter list)."""


@dataclass(frozen=True)
class Message:
    topic: str
    payload: bytes


@dataclass(frozen=True)
class Parsed:
    serial: str
    city: str
    time: datetime
    celsius: float
    battery: int | None


@dataclass
class Outcome:
    stored: int = 0
    duplicates: int = 0
    dead: int = 0
    cases: list = field(default_factory=list)  # case ids opened


def parse(msg: Message, *, prefix: str) -> Parsed:
    """The reading a message carries, or ``BadMessage`` naming what is wrong with it."""
    parts = msg.topic.split("/")
    want = prefix.split("/")
    if len(parts) != len(want) + 3 or parts[: len(want)] != want or parts[-1] != "reading":
        raise BadMessage(f"主题格式应为 {prefix}/<城市>/<设备编号>/reading")
    city, serial = parts[-3], parts[-2]
    if not serial or len(serial) > 40:
        raise BadMessage("设备编号为空或过长")
    try:
        data = json.loads(msg.payload)
    except (ValueError, UnicodeDecodeError):
        raise BadMessage("内容不是JSON") from None
    if not isinstance(data, dict):
        raise BadMessage("内容应为JSON对象 {time, c, battery}")
    return Parsed(
        serial, city, _time(data.get("time")), _celsius(data.get("c")), _battery(data.get("battery"))
    )


def _time(value) -> datetime:
    if isinstance(value, bool) or value is None:
        raise BadMessage("缺少time")
    try:
        if isinstance(value, int | float):
            moment = datetime.fromtimestamp(value, tz=UTC)
        else:
            moment = datetime.fromisoformat(str(value))
    except (ValueError, OverflowError, OSError):
        raise BadMessage(f"time无法识别：{str(value)[:40]}") from None
    if timezone.is_naive(moment):
        raise BadMessage("time须带时区（如 +08:00 或 Z）")
    now = timezone.now()
    if moment > now + config.JUMP_WINDOW:
        raise BadMessage("time在未来（设备时钟错误）")
    if moment < now - config.MAX_AGE:
        raise BadMessage(f"time过早（超过{config.MAX_AGE.days}天）")
    return moment.astimezone(UTC).replace(microsecond=0)


def _celsius(value) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadMessage("c（℃）缺失或不是数字")
    if not math.isfinite(value) or not -50 <= value <= 60:
        raise BadMessage(f"c（℃）超出范围 −50～60：{value}")
    return round(float(value), 2)


def _battery(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise BadMessage("battery应为0～100")
    return int(value)


def store(messages: list[Message], *, prefix: str | None = None) -> Outcome:
    """Store one batch: refused messages to the dead-letter table, readings inserted once (a repeat of
    (device, time) is dropped), device states advanced, the household-days touched marked for the daily
    summary (days.py), cases opened for rooms cold for the span.

    Readings, dead letters and device states commit together; cases open after the commit (each in its
    own transaction, through the cases intake), so a failure there loses no reading and the next reading
    or sweep tries again."""
    prefix = config.broker().topic_prefix if prefix is None else prefix
    out = Outcome()
    dead: list[DeadLetter] = []
    good: list[tuple[Message, Parsed]] = []
    for msg in messages:
        try:
            good.append((msg, parse(msg, prefix=prefix)))
        except BadMessage as err:
            dead.append(_dead(msg, str(err)))
    devices = _devices({p.serial for _, p in good})
    rows: dict[tuple[int, datetime], Parsed] = {}
    for msg, p in good:
        device = devices.get(p.serial)
        if device is None:
            dead.append(_dead(msg, f"未登记的采集器：{p.serial}"))
            continue
        rows.setdefault((device.id, p.time), p)
    with transaction.atomic():
        inserted = insert_readings(rows)
        if dead:
            DeadLetter.objects.bulk_create(dead)
        previous = {d.id: d.last_reading_at for d in devices.values()}  # before detection advances it
        due = detect.advance(devices_by_id={d.id: d for d in devices.values()}, inserted=inserted)
        days.mark(inserted, households={d.id: d.household_id for d in devices.values()}, previous=previous)
    out.stored, out.dead = len(inserted), len(dead)
    out.duplicates = len(messages) - len(dead) - len(inserted)
    out.cases = detect.open_cases(due)
    return out


def _dead(msg: Message, reason: str) -> DeadLetter:
    payload = msg.payload.decode("utf-8", errors="replace") if isinstance(msg.payload, bytes) else msg.payload
    return DeadLetter(topic=msg.topic[:200], payload=payload[:MAX_PAYLOAD_CHARS], reason=reason[:200])


def _devices(serials: set[str]) -> dict[str, Device]:
    if not serials:
        return {}
    # Only what detection reads (one model per row, no joined ones): the state, the room, the city.
    rows = (
        Device.objects.filter(any_of("sensors_device.serial", sorted(serials), "serial"))
        .annotate(city_id=F("household__station__company__city_id"))
        .only(
            "serial",
            "household_id",
            "room_type",
            "room_label",
            "calibration_offset",
            "alerted_since",
            *detect.STATE_FIELDS,
        )
    )
    return {d.serial: d for d in rows}


def insert_readings(
    rows: dict[tuple[int, datetime], Parsed],
) -> list[tuple[int, datetime, float, int | None]]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: the rows that were new, as (device_id, time, °C, battery).
    No conflict target: on PostgreSQL the key is each partition's own (see the migration)."""
    if not rows:
        return []
    adapt = connection.ops.adapt_datetimefield_value
    keyed = {(device_id, _key(adapt(t))): (device_id, t, p) for (device_id, t), p in rows.items()}
    items = list(keyed.values())
    returned: list = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Four array parameters, not four per row: a statement of thousands of placeholders cost more
            # to compose and parse (client and server) than storing its rows.
            cur.execute(
                "INSERT INTO sensors_reading (device_id, time, celsius, battery) "
                "SELECT * FROM unnest(%s::bigint[], %s::timestamptz[], %s::real[], %s::smallint[]) "
                "ON CONFLICT DO NOTHING RETURNING device_id, time",
                [[i[0] for i in items], [i[1] for i in items], [i[2].celsius for i in items],
                 [i[2].battery for i in items]],
            )  # fmt: skip
            returned = cur.fetchall()
        else:
            for start in range(0, len(items), 1000):
                chunk = items[start : start + 1000]
                params: list = []
                for device_id, t, p in chunk:
                    params += [device_id, adapt(t), p.celsius, p.battery]
                values = ",".join(["(%s,%s,%s,%s)"] * len(chunk))
                cur.execute(
                    "INSERT INTO sensors_reading (device_id, time, celsius, battery) "
                    f"VALUES {values} ON CONFLICT DO NOTHING RETURNING device_id, time",
                    params,
                )
                returned += cur.fetchall()
    new = []
    for device_id, t in returned:
        _, moment, p = keyed[(device_id, _key(t))]
        new.append((device_id, moment, p.celsius, p.battery))
    return new


def any_of(column: str, values: list, field: str) -> Q:
    """``field`` IN ``values`` as one array parameter on PostgreSQL (``column = ANY(%s)``), as a plain
    ``__in`` elsewhere: an IN list of a batch's thousand serials cost more to compose than to run."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": values})
    return Q(RawSQL(f"{column} = ANY(%s)", [values], output_field=BooleanField()))


def _key(value):
    """A stored time as a dict key: SQLite hands back the text it stored, PostgreSQL an aware datetime."""
    return value.astimezone(UTC) if isinstance(value, datetime) and value.tzinfo else str(value)
