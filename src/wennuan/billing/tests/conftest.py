"""Billing tests run inside the 2025-2026 season (11-01 → 03-31, 151 days), on 2025-12-20 at 16:00 local."""

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
