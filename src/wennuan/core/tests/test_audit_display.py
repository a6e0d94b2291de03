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
    assert shown["新建单位"] == "区县：2；网格：36；别名：0"
    # two rows are two rows, not an old → new pair
    assert shown["预测（日期、件数）"] == "2026-11-30、6；2026-12-01、5"
