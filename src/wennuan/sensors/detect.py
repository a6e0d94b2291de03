"""Detection, incremental: each stored batch advances the state of the devices it touched (the Device row
keeps where its room stands), so no reading is ever scanned twice except a short replay when readings
arrive out of order.

A room is cold from its first plausible reading below its city's standard for its room type (rules, dated)
during the city's season, until a plausible reading at or above it. A reading outside −10…40 ℃, or one
that differs from the previous plausible reading by more than the jump limit within ten minutes, is not a
room's and is ignored (counted on the device). When a room has been cold for the span (6 h by default),
the household gets ONE case through the cases intake (channel sensor, category not_warm), unless it
already has an open not-warm case; several cold rooms in one building become a suspected outage through
the intake's own mass-complaint detector."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from wennuan.cases.enums import Channel
from wennuan.cases.models import Case
from wennuan.cases.services import receive_case
from wennuan.core import audit
from wennuan.core.categories import Category
from wennuan.rules import selectors as rules

from . import config
from .models import ColdAlert, Device, Reading

log = logging.getLogger(__name__)

STATE_FIELDS = (
    "last_reading_at",
    "last_plausible_at",
    "last_celsius",
    "battery",
    "cold_since",
    "implausible_count",
    "last_implausible_at",
)


@dataclass
class Standards:
    """A batch's look-ups of season and standard, once per (city, day[, room type])."""

    seasons: dict = field(default_factory=dict)
    standards: dict = field(default_factory=dict)

    def below(self, *, city_id: int, room_type: str, at: datetime, celsius: float) -> bool:
        day = timezone.localdate(at)
        if not self.heating(city_id=city_id, day=day):
            return False
        return celsius < self.standard(city_id=city_id, room_type=room_type, day=day)

    def heating(self, *, city_id: int, day: date) -> bool:
        """Whether the city heats on ``day`` (its season, early start and extension included)."""
        if (city_id, day) not in self.seasons:
            self.seasons[city_id, day] = rules.season_on(city=city_id, on=day) is not None
        return self.seasons[city_id, day]

    def standard(self, *, city_id: int, room_type: str, day: date) -> float:
        key = (city_id, day, room_type)
        if key not in self.standards:
            self.standards[key] = float(rules.indoor_standard(city=city_id, on=day, room_type=room_type))
        return self.standards[key]


def city_of(device: Device) -> int:
    """The device's city: annotated by the batch's query (``city_id``), else through its household."""
    city = getattr(device, "city_id", None)
    return city if city is not None else device.household.station.company.city_id


def apply(device: Device, readings, standards: Standards, *, count_implausible=True) -> None:
    """Advance ``device``'s state over ``readings`` [(time, raw °C, battery)], in time order."""
    span_gap, jump = config.offline_after(), config.max_jump()
    offset = float(device.calibration_offset or 0)
    for t, raw, battery in readings:
        c = raw + offset
        if device.last_reading_at is None or t >= device.last_reading_at:
            device.last_reading_at = t
            if battery is not None:
                device.battery = battery
        last_t = device.last_plausible_at
        jumped = (
            last_t is not None
            and device.last_celsius is not None
            and t - last_t <= config.JUMP_WINDOW
            and abs(c - device.last_celsius) > jump
        )
        if not config.PLAUSIBLE_MIN <= c <= config.PLAUSIBLE_MAX or jumped:
            if count_implausible:
                device.implausible_count += 1
                device.last_implausible_at = t
            continue
        cold = standards.below(city_id=city_of(device), room_type=device.room_type, at=t, celsius=c)
        if not cold:
            device.cold_since = None
        elif device.cold_since is None or (last_t is not None and t - last_t > span_gap):
            device.cold_since = t  # a new cold run (or one seen again after the collector was silent)
        device.last_celsius, device.last_plausible_at = round(c, 2), t


def replay(device: Device, new: list, standards: Standards) -> None:
    """Readings came out of order: rebuild the state from the table over the recent past (twice the span),
    keeping a cold run's earlier start when the window begins inside it."""
    latest = max([device.last_reading_at or new[-1][0], new[-1][0]])
    since = latest - 2 * config.cold_span()
    old_cold = device.cold_since
    rows = list(
        Reading.objects.filter(device_id=device.pk, time__gte=since, time__lte=latest)
        .order_by("time")
        .values_list("time", "celsius", "battery")
    )
    device.last_reading_at = device.last_plausible_at = device.last_celsius = device.cold_since = None
    apply(device, rows, standards, count_implausible=False)  # the counter keeps counting arrivals only
    if old_cold is not None and device.cold_since is not None and rows and device.cold_since == rows[0][0]:
        device.cold_since = min(old_cold, device.cold_since)


def is_due(device: Device) -> bool:
    return (
        device.cold_since is not None
        and device.last_plausible_at is not None
        and device.last_plausible_at - device.cold_since >= config.cold_span()
        and device.alerted_since != device.cold_since
    )


def advance(*, devices_by_id: dict[int, Device], inserted: list) -> list[Device]:
    """Advance the devices that got new readings (inside the batch's transaction); returns those whose
    room is now due for a case."""
    by_device = defaultdict(list)
    for device_id, t, c, battery in inserted:
        by_device[device_id].append((t, c, battery))
    standards = Standards()
    changed = []
    for device_id, readings in by_device.items():
        device = devices_by_id[device_id]
        readings.sort(key=lambda r: r[0])
        if device.last_reading_at is not None and readings[0][0] < device.last_reading_at:
            replay(device, readings, standards)
        else:
            apply(device, readings, standards)
        changed.append(device)
    save_states(changed)
    return [d for d in changed if is_due(d)]


# PostgreSQL types of STATE_FIELDS, for the arrays of one UPDATE … FROM unnest (a NULL needs its type).
PG_TYPES = (
    "timestamptz",
    "timestamptz",
    "double precision",
    "smallint",
    "timestamptz",
    "integer",
    "timestamptz",
)


def save_states(devices: list[Device]) -> None:
    """Write the devices' detection state: one UPDATE … FROM unnest(arrays) on PostgreSQL (a round trip
    per row, or a VALUES list of eight placeholders per row, would cost more than the batch's insert),
    executemany on SQLite (in-process, cheap)."""
    if not devices:
        return
    adapt = connection.ops.adapt_datetimefield_value
    rows = []
    for d in devices:
        row = [getattr(d, f) for f in STATE_FIELDS]
        rows.append([d.pk] + [adapt(v) if isinstance(v, datetime) else v for v in row])
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{t}[]" for t in ("bigint", *PG_TYPES))
            sets = ", ".join(f"{f} = v.{f}" for f in STATE_FIELDS)
            cur.execute(
                f"UPDATE sensors_device AS d SET {sets} FROM unnest({arrays}) "
                f"AS v(id, {', '.join(STATE_FIELDS)}) WHERE d.id = v.id",
                [list(column) for column in zip(*rows, strict=True)],
            )
        else:
            sets = ", ".join(f"{f} = %s" for f in STATE_FIELDS)
            cur.executemany(f"UPDATE sensors_device SET {sets} WHERE id = %s", [r[1:] + r[:1] for r in rows])


def open_cases(due: list[Device]) -> list[int]:
    """One case per household for the rooms found cold for the span (after the batch committed). A
    household with an open not-warm case gets no second one: the alert is added to that case's record."""
    if not due:
        return []
    full = Device.objects.select_related("household__station__company", "household__unit__building").in_bulk(
        [d.pk for d in due]
    )
    for d in due:  # the batch loaded only the state; the intake needs the household and its places
        d.household = full[d.pk].household
    households = {d.household_id for d in due}
    open_case = dict(
        Case.objects.open()
        .filter(household_id__in=households, category=Category.NOT_WARM)
        .order_by("received_at")
        .values_list("household_id", "pk")
    )
    opened = []
    for device in due:
        try:
            case_id, created = _alert(device, open_case.get(device.household_id))
        except Exception:  # noqa: BLE001 - one failing intake must not stop the others; the sweep retries
            log.exception("sensor case for %s failed", device.serial)
            continue
        open_case[device.household_id] = case_id
        if created:
            opened.append(case_id)
    return opened


def _alert(device: Device, case_id: int | None) -> tuple[int, bool]:
    span = config.cold_span()
    day = timezone.localdate(device.cold_since)
    standard = rules.indoor_standard(city=city_of(device), on=day, room_type=device.room_type)
    lowest = Reading.objects.filter(
        device_id=device.pk, time__gte=device.cold_since, time__lte=device.last_plausible_at
    ).aggregate(m=Min("celsius"))["m"]
    lowest = round(
        (lowest if lowest is not None else device.last_celsius) + float(device.calibration_offset), 1
    )
    created = False
    if case_id is None:
        case, created = receive_case(
            channel=Channel.SENSOR,
            external_id=f"{device.serial}@{device.cold_since:%Y%m%dT%H%MZ}",
            text=case_text(device, standard=standard, lowest=lowest, hours=span.total_seconds() / 3600),
            household=device.household,
            category=Category.NOT_WARM,
            by=None,
        )
        case_id = case.pk
    with transaction.atomic():
        alert, new = ColdAlert.objects.get_or_create(
            device=device,
            cold_since=device.cold_since,
            defaults=dict(
                household_id=device.household_id,
                case_id=case_id,
                opened=created,
                span_reached_at=device.cold_since + span,
                standard=standard,
                lowest=lowest,
            ),
        )
        Device.objects.filter(pk=device.pk, cold_since=device.cold_since).update(
            alerted_since=device.cold_since
        )
        if new:
            audit.record(
                actor=None,
                action="sensors.cold_alert",
                obj=alert,
                summary=f"采集器{device.serial}低温告警 → 工单{case_id}{'（新开）' if created else '（已有工单）'}",
            )
    device.alerted_since = device.cold_since
    return case_id, created


def case_text(device: Device, *, standard, lowest: float, hours: float) -> str:
    room = device.room_label or device.get_room_type_display()
    since = timezone.localtime(device.cold_since)
    chart = reverse("sensors:household", args=[device.household.account])
    return (
        f"室温采集器{device.serial}（{room}）自{since:%m月%d日%H:%M}起持续低于室温标准{standard}℃"
        f"已超过{hours:g}小时：期间最低{lowest}℃，最近{device.last_celsius}℃。"
        f"室温曲线见 {chart}（系统自动生成）"
    )
