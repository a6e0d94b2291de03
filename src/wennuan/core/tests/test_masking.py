from hypothesis import given
from hypothesis import strategies as st

from wennuan.core.masking import mask_name, mask_phone


def test_mobile_phone_keeps_first_three_and_last_four():
    assert mask_phone("13812345678") == "138****5678"


def test_three_character_name_hides_the_middle():
    assert mask_name("王小英") == "王*英"
    assert mask_name("王英") == "王*"
    assert mask_name("欧阳小明") == "欧**明"


def test_landlines_and_short_numbers_keep_three_and_two():
    assert mask_phone("0931-8800001") == "093****0001"
    assert mask_phone("8800001") == "880**01"
    assert mask_phone("12345") == "*****"
    assert mask_phone("  ") == ""


@given(st.text(alphabet="0123456789", min_size=6, max_size=15))
def test_masked_phone_never_shows_the_middle_digits(phone):
    masked = mask_phone(phone)
    if len(phone) >= 11:  # a mobile: 138****5678
        assert masked == phone[:3] + "****" + phone[-4:]
    else:  # the first three and the last two, a star for every digit between
        assert masked == phone[:3] + "*" * (len(phone) - 5) + phone[-2:]
