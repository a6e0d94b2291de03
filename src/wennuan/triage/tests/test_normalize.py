from hypothesis import given
from hypothesis import strategies as st

from wennuan.triage.normalize import building_key, estate_aliases, normalize, room_key, sound_key, unit_key


def test_full_width_digits_and_letters_become_half_width():
    assert normalize("Ａ４栋３单元５０２") == "A4栋3单元502"


def test_numerals_before_markers_become_digits_but_names_keep_theirs():
    assert normalize("六合小区三号楼三单元五零二室") == "六合小区3号楼3单元502室"
    assert normalize("五泉路四十六号") == "五泉路46号"
    assert normalize("十四栋三门") == "14栋3门"


def test_dashes_of_every_kind_become_one():
    assert normalize("7—2－501") == "7-2-501"
    assert normalize("7一2一501") == "7-2-501"


@given(st.text(alphabet="六合小区三号楼单元五零二室栋门0123456789-， Ａ１", max_size=30))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_homophones_share_a_sound_key():
    assert sound_key("陆合小区") == sound_key("六合小区")
    assert sound_key("桃源居") == sound_key("桃园居")
    assert sound_key("六合小区") != sound_key("七里河")


def test_labels_reduce_to_keys():
    assert building_key("3号楼") == building_key("三栋") == building_key("3幢") == "3"
    assert building_key("A6") == building_key("A6号楼") == "A6"
    assert unit_key("二单元") == unit_key("2门") == "2"
    assert room_key("0502室") == "502"


def test_estate_aliases_drop_generic_suffix():
    assert estate_aliases("六合小区") == {"六合"}
    assert estate_aliases("机械厂家属院") == {"机械厂"}
    assert estate_aliases("小区") == set()
