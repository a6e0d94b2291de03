"""What batch jobs write into an audit entry reads in Chinese on the audit page."""

import re

import pytest

from wennuan.core.audit_display import changes_of
from wennuan.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_a_batch_jobs_keys_and_rows_read_in_chinese():
    entry = AuditLog(
        action="registry.import_ledger",
        object_type="registry.city",
        object_id="1",
        changes={
            "skipped_rows": 0,
            "entities_created": {"district": 2, "grid": 36, "alias": 0},
            "forecast": [["2026-11-30", 6], ["2026-12-01", 5]],
        },
    )
    shown = {c.field: c.new for c in changes_of(entry)}
    assert not [f for f in shown if re.search("[A-Za-z]", f)], shown
    assert shown["新建单位"] == "区县：2；网格：36；楼栋别名门牌：0"
    # two rows are two rows, not an old → new pair
    assert shown["预测（日期、件数）"] == "2026-11-30、6；2026-12-01、5"


def test_every_action_the_code_writes_has_a_chinese_name():
    """An action without a registered name shows as 「app·code」: readable, but English in front of a
    supervisor. Each literal action the code records, and each of the f-string ones' known forms."""
    from pathlib import Path

    import wennuan
    from wennuan.core.audit_labels import action_label
    from wennuan.hall.enums import ApplicationKind, ApplicationStatus
    from wennuan.kb.enums import Transition
    from wennuan.reports.enums import BulletinState

    codes = set()
    for path in Path(wennuan.__file__).parent.rglob("*.py"):
        if "tests" not in path.parts:
            codes |= set(re.findall(r'action="([a-z_0-9]+\.[a-z_0-9.]+)"', path.read_text(encoding="utf-8")))
    codes |= {f"hall.{k}_applied" for k in ApplicationKind.values}
    codes |= {f"hall.application_{s}" for s in ApplicationStatus.values if s != ApplicationStatus.PENDING}
    codes |= {f"reports.bulletin_{s}" for s in BulletinState.values}
    codes |= {f"kb.{t}" for t in Transition.values}
    assert len(codes) > 60
    unnamed = sorted(
        c for c in codes if c.partition(".")[2] in action_label(c)
    )  # the fallback shows the code
    assert not unnamed, unnamed


def test_a_weather_imports_kind_reads_as_its_label():
    entry = AuditLog(action="surge.weather_import", object_type="registry.city", object_id="1",
                     changes={"kind": "forecast", "days": 3})  # fmt: skip
    assert {c.field: c.new for c in changes_of(entry)} == {"类型": "预报", "天数": "3"}


def test_a_failed_sign_in_reads_in_chinese():
    entry = AuditLog(action="auth.login_failed", changes={"username": "nobody", "client": "10.0.0.1"})
    assert {c.field: c.new for c in changes_of(entry)} == {"账号": "nobody", "客户端地址": "10.0.0.1"}
