from hypothesis import given
from hypothesis import strategies as st

from wennuan.triage.numerals import cn_to_int, int_to_cn


@given(st.integers(min_value=1, max_value=9999))
def test_positional_reading_round_trips(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_digit_by_digit_reading_is_a_room_number():
    assert cn_to_int("五零二") == 502
    assert cn_to_int("幺零一") == 101


def test_everyday_forms():
    assert cn_to_int("十四") == 14
    assert cn_to_int("两百") == 200
    assert cn_to_int("一千零十") == 1010


def test_non_numerals_are_refused():
    assert cn_to_int("六合") is None
    assert cn_to_int("") is None
