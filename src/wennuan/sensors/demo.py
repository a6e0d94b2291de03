"""The demo city's collectors: thirty households of the demo crew's station report the last two days,
one room has been cold since this morning (its case is in the dispatch queue), one collector is offline."""

import json
import random
from datetime import timedelta

from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.cases.models import Case
from wennuan.core.demo import register
from wennuan.core.roles import Role
from wennuan.registry.models import Household

from .ingest import Message, store
from .models import Device

DEVICES = 30


@register("sensors", order=60)
def seed_demo_sensors() -> str:
    crew = User.objects.filter(role=Role.STATION_CREW, station__isnull=False).order_by("pk").first()
    if crew is None or Device.objects.exists():
        return ""
    # the cold room first, in a household without an open complaint, so that its own case opens
    busy = Case.objects.open().filter(household__isnull=False).values("household_id")
    households = list(
        Household.objects.filter(station=crew.station).exclude(pk__in=busy).order_by("pk")[:DEVICES]
    )
    if not households:
        return ""
    today = timezone.localdate()
    devices = Device.objects.bulk_create(
        [
            Device(
                serial=f"WN-DEMO-{i:03d}",
                household=h,
                room_label="客厅",
                installed_on=today - timedelta(days=20),
            )
            for i, h in enumerate(households)
        ]  # fmt: skip
    )
    rng = random.Random(19)
    now = timezone.now().replace(second=0, microsecond=0)
    messages = []
    for i, d in enumerate(devices):
        for k in range(6 * 48):
            at = now - timedelta(minutes=10 * k)
            if i == len(devices) - 1 and k < 24:
                continue  # offline for the last four hours
            c = 20.5 + 1.5 * rng.random() - (1.0 if 2 <= (at.hour + 8) % 24 <= 6 else 0)
            if i == 0 and k < 6 * 7:
                c = 15.0 + rng.random()  # cold for seven hours: one case
            messages.append(Message(f"wennuan/demo/{d.serial}/reading", json.dumps({"time": at.isoformat(),
                                    "c": round(c, 1), "battery": 80}).encode()))  # fmt: skip
    messages.reverse()
    cases = []
    for start in range(0, len(messages), 1000):
        cases += store(messages[start : start + 1000], prefix="wennuan").cases
    return f"室温采集器：{len(devices)}台（{crew.station.name}），低温工单{len(cases)}件"
