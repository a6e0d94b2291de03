"""Sensor household-days: the summary behind 传感器室温达标率 (the KPI in ``kpi.py``).

The rule, for one household and one local day of its city's heating season (``rules.season_on``):

- a collector's day is its plausible readings of that day, calibration added: a reading outside −10…40 ℃
  is ignored, and so is one more than the jump limit (``WENNUAN_SENSOR_MAX_JUMP_C``) away from the previous
  plausible reading of the same day within ten minutes — the detector's test, started afresh at midnight
  so that each day is judged on its own readings and a recount always gives the same answer;
- a collector with at least one plausible reading that day *reports*; its daily mean (rounded to 0.01 ℃)
  is at standard when it is at or above its city's indoor standard for its room type on that day
  (``rules.selectors.indoor_standard``, with the device's current calibration offset);
- the household-day counts when at least one of its collectors reports, and is at standard when every
  reporting collector is.

A day is summarised once it is over (a day's mean is a whole day's). Each stored batch marks the
household-days it touched (``mark``, in the batch's transaction); the sweep recounts the marked days that
are over from the readings (``refresh``, at most ``LIMIT`` a run, the rest the next minute); ``rebuild``
recounts every day (after a season, a standard or a calibration was edited, or a household moved)."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from . import config
from .detect import Standards
from .models import Device, Reading, SensorDay, StaleDay

LIMIT = 5000  # household-days a sweep recounts at most (a day's worth for a city's sample, in chunks)
CHUNK = 500  # households read in one query of a day's readings
GRACE = timedelta(minutes=10)


def daily_mean(readings, *, offset: float = 0.0, jump: float | None = None) -> tuple[int, float | None]:
    """(plausible readings, their mean °C rounded to 0.01 or None) of one collector's day, from its
    readings [(time, raw °C)] in time order."""
    jump = config.max_jump() if jump is None else jump
    n, total, last = 0, 0.0, None
    for t, raw in readings:
        c = raw + offset
        if not config.PLAUSIBLE_MIN <= c <= config.PLAUSIBLE_MAX:
            continue
        if last is not None and t - last[0] <= config.JUMP_WINDOW and abs(c - last[1]) > jump:
            continue
        n, total, last = n + 1, total + c, (t, c)
    return n, (round(total / n, 2) if n else None)


def mark(inserted: list, *, households: dict[int, int], previous: dict | None = None) -> int:
    """Mark the household-days of newly stored readings [(device_id, time, …)] as stale (inside the
    batch's transaction); returns how many were marked. ``previous``: {device id: its latest reading's
    time before this batch}.

    A reading later than its collector's previous one, both today, needs no mark: the batch that stored
    the previous one marked the day (or skipped it for the same reason, back to the day's first), and
    today's marks stay until the day is over and ``GRACE`` more. So a collector's day is usually marked
    once, by its first batch, and a batch costs one comparison a reading. A conflict updates
    ``marked_at`` rather than doing nothing, so the row is locked until the batch commits and a sweep
    taking it meanwhile skips it (see ``refresh``)."""
    previous = previous or {}
    start, end = _bounds(timezone.localdate())
    pairs = set()
    for device_id, t, *_ in inserted:
        household = households.get(device_id)
        before = previous.get(device_id)
        if household is None or (before is not None and start <= before <= t < end):
            continue
        pairs.add((household, timezone.localdate(t)))
    if not pairs:
        return 0
    now = timezone.now()
    StaleDay.objects.bulk_create(
        [StaleDay(household_id=h, day=d, marked_at=now) for h, d in sorted(pairs)],
        update_conflicts=True,
        update_fields=["marked_at"],
        unique_fields=["household_id", "day"],
    )
    return len(pairs)


def over(now: datetime | None = None) -> date:
    """The first day not over yet: today, until ``GRACE`` past midnight (a batch that began before
    midnight, and skipped marking its day as today's, has committed by then)."""
    return timezone.localdate((now or timezone.now()) - GRACE)


def refresh(*, today: date | None = None, limit: int = LIMIT) -> int:
    """Recount the stale household-days that are over; returns how many. Idempotent.

    The marks are taken (locked, deleted) before the readings are read, in one transaction: a batch that
    commits readings of a taken day afterwards marks it again, and a mark still locked by an uncommitted
    batch is skipped until the next run, so no reading is ever left out of its day."""
    today = today or over()
    with transaction.atomic():
        taken = list(
            StaleDay.objects.filter(day__lt=today)
            .order_by("day", "household_id")
            .select_for_update(skip_locked=True)
            .values_list("pk", "household_id", "day")[:limit]
        )
        if not taken:
            return 0
        StaleDay.objects.filter(pk__in=[pk for pk, _, _ in taken]).delete()
        by_day = defaultdict(set)
        for _, household_id, day in taken:
            by_day[day].add(household_id)
        standards = Standards()
        for day, households in sorted(by_day.items()):
            recount(day, households, standards=standards)
    return len(taken)


def rebuild(*, today: date | None = None) -> int:
    """Recount every household-day from the readings (days before ``today``); returns the rows written."""
    today = today or over()
    first = Reading.objects.order_by("time").values_list("time", flat=True).first()
    with transaction.atomic():
        SensorDay.objects.all().delete()
        StaleDay.objects.filter(day__lt=today).delete()
        if first is None:
            return 0
        households = set(Device.objects.values_list("household_id", flat=True))
        standards = Standards()
        day = timezone.localdate(first)
        while day < today:
            recount(day, households, standards=standards)
            day += timedelta(days=1)
    return SensorDay.objects.count()


def _bounds(day: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(day, time.min), tz),
        timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz),
    )


def recount(day: date, households: set[int], *, standards: Standards | None = None) -> None:
    """Write the SensorDay rows of ``households`` on ``day`` from their readings (none for a household
    without a reporting collector, or out of its city's season)."""
    standards = standards or Standards()
    start, end = _bounds(day)
    jump = config.max_jump()
    households = sorted(households)
    for i in range(0, len(households), CHUNK):
        chunk = households[i : i + CHUNK]
        devices = {
            pk: rest
            for pk, *rest in Device.objects.filter(household_id__in=chunk).values_list(
                "pk",
                "household_id",
                "room_type",
                "calibration_offset",
                "household__station_id",
                "household__station__company_id",
                "household__station__company__city_id",
                "household__grid_id",
                "household__unit__building__estate_id",
            )
        }
        readings = defaultdict(list)
        for device_id, t, c in (
            Reading.objects.filter(device_id__in=list(devices), time__gte=start, time__lt=end)
            .order_by("device_id", "time")
            .values_list("device_id", "time", "celsius")
        ):
            readings[device_id].append((t, c))
        rows: dict[int, SensorDay] = {}
        for device_id, place in devices.items():
            household_id, room_type, offset, station_id, company_id, city_id, grid_id, estate_id = place
            n, mean = daily_mean(readings.get(device_id, ()), offset=float(offset or 0), jump=jump)
            if not n or not standards.heating(city_id=city_id, day=day):
                continue
            ok = mean >= standards.standard(city_id=city_id, room_type=room_type, day=day)
            row = rows.get(household_id)
            if row is None:
                row = rows[household_id] = SensorDay(
                    household_id=household_id, day=day, company_id=company_id, station_id=station_id,
                    grid_id=grid_id, estate_id=estate_id,
                    rooms=0, rooms_at_standard=0, readings=0, coldest=mean, at_standard=True,
                )  # fmt: skip
            row.rooms += 1
            row.rooms_at_standard += ok
            row.readings += n
            row.coldest = min(row.coldest, mean)
            row.at_standard = row.at_standard and ok
        SensorDay.objects.filter(day=day, household_id__in=chunk).delete()
        SensorDay.objects.bulk_create(rows.values())
