"""Two days of complaints in the small city of accounts.tests.world (热力一公司 h1 h2, 热力二公司 h3 h4):

2026-12-09: h4 不热 (热力二公司)
2026-12-10: h1 不热, h1 不热 again (a repeat), h2 漏水 (all 热力一公司), h4 缴费 (热力二公司)
"""

import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wennuan.accounts.tests.world import build_world
from wennuan.cases.tests.factories import new_case
from wennuan.rules.models import CaseRules

TZ = ZoneInfo("Asia/Shanghai")
DAY = date(2026, 12, 10)
T0 = datetime(2026, 12, 10, 9, 0, tzinfo=TZ)
AFTER = T0 + timedelta(days=1, hours=2)  # the morning after: when the report is made


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def city(db):
    world = build_world()
    CaseRules.objects.update(outage_min_cases=100)
    h = world.households
    with time_machine.travel(T0 - timedelta(days=1), tick=False) as tm:
        new_case(household=h["h4"], category="not_warm")
        tm.move_to(T0)
        new_case(household=h["h1"], category="not_warm")
        tm.shift(timedelta(hours=1))
        new_case(household=h["h1"], category="not_warm")
        new_case(household=h["h2"], category="leak")
        new_case(household=h["h4"], category="billing")
    return world


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
