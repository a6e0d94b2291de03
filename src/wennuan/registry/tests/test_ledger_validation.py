"""Single-row checks of the ledger: areas, priority groups, payment words, masked cells, long cells."""

import pytest

from wennuan.registry.ledger.columns import map_header
from wennuan.registry.ledger.validation import RowCleaner

from .test_ledger_import import HEADER, ledger_row

CLEANER = RowCleaner(map_header(HEADER.split(","))[0], {"城关区"})


def _clean(**over):
    return CLEANER.clean(2, ledger_row("H1", **over))


@pytest.mark.parametrize(
    ("text", "stored"),
    [("88.5", "88.5"), ("088.50", "088.50"), ("88.5㎡", "88.5"), ("120 平方米", "120"), ("1E+3", "1E+3")],
)
def test_valid_areas(text, stored):
    clean, errors, _ = _clean(area=text)
    assert errors == []
    assert clean[12] == stored


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "供热面积必须大于0"),
        ("0.00", "供热面积必须大于0"),
        ("-1", "供热面积必须大于0"),
        ("1e-3", "供热面积最多两位小数"),
        ("88.555", "供热面积最多两位小数"),
        ("NaN", "供热面积不是数字"),
        ("1,000", "供热面积不是数字"),
        ("123456789", "供热面积过大"),
    ],
)
def test_invalid_areas(text, reason):
    clean, errors, _ = _clean(area=text)
    assert clean is None
    assert [(e.column, e.reason, e.value) for e in errors] == [("供热面积", reason, text)]


def test_priority_cell_with_several_groups_and_separators():
    clean, errors, _ = _clean(priority_groups="残疾人，独居老人/低保户 ; 残疾人")
    assert errors == []
    assert clean[15] == "living_alone,disabled,low_income"


def test_payment_words_and_codes():
    assert _clean(payment_status="已交")[0][16] == "paid"
    assert _clean(payment_status="suspended")[0][16] == "suspended"
    assert _clean(payment_status="停")[1][0].reason == "未知缴费状态"


def test_masked_name_and_phone_are_refused():
    _, errors, _ = _clean(name="王*英", phone="139****5678")
    assert [e.column for e in errors] == ["户主", "联系电话"]


def test_overlong_cell_names_its_limit():
    _, errors, _ = _clean(room="1" * 21)
    assert [(e.column, e.reason) for e in errors] == [("房号", "超过20个字符")]
