"""Hall tests run inside the 2025-2026 season (11-01 → 03-31, 151 days), on 2025-12-20 at 16:00 local,
unless a test travels elsewhere (the 报停 window is before the season)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

TZ = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2025, 12, 20, 16, 0, tzinfo=TZ)


@pytest.fixture
def in_season():
    with time_machine.travel(TODAY, tick=False) as traveller:
        yield traveller


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.fixture
def world(db, in_season):
    """The shared small city (accounts.tests.world) with a 27 元/㎡ tariff."""
    from datetime import date
    from decimal import Decimal

    from wennuan.accounts.tests.world import build_world
    from wennuan.billing.models import Tariff

    w = build_world()
    Tariff.objects.create(
        city=w.objects["co1"].city, effective_from=date(2000, 1, 1), residential_price=Decimal("27"),
        non_residential_price=Decimal("38"),
    )  # fmt: skip
    return w
