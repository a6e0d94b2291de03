import pytest

from wennuan.triage.address import Spec, parse_spec
from wennuan.triage.normalize import normalize


def first(text, **kw):
    return parse_spec(normalize(text), **kw)[0]


def where(text, **kw):
    """(building, unit, room) of the first reading."""
    s = first(text, **kw)
    return s.building, s.unit, s.room


def test_building_unit_room():
    assert first("3号楼三单元502") == Spec("3", "3", "502")


def test_dong_and_men():
    assert first("14栋3门") == Spec("14", "3", None)


def test_dash_triple():
    assert first("7-2-501，暖气不热") == Spec("7", "2", "501")


def test_floor_and_door_make_a_room():
    assert where("2单元3楼2号", building_known=True) == (None, "2", "302")
    assert where("三号楼二单元十二楼三号") == ("3", "2", "1203")


def test_run_together_building_and_unit_is_offered_as_a_reading():
    assert Spec("A4", "1", "302") in parse_spec(normalize("A41单元302"))


def test_lou_xia_is_not_a_floor():
    assert first("2单元402楼下管子爆裂", building_known=True) == Spec(None, "2", "402")


def test_no_address_no_reading():
    assert parse_spec(normalize("暖气不热")) == []


def test_hao_lou_xia_is_a_door_then_downstairs():
    assert where("1单元8楼1号楼下管子爆了", building_known=True) == (None, "1", "801")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2号楼2单元18楼1号", ("2", "2", "1801")),
        ("2号楼2单元十八楼一号", ("2", "2", "1801")),
        ("2号楼2单元18层1户", ("2", "2", "1801")),
        ("2号楼2单元十八层一户", ("2", "2", "1801")),
        ("2号楼二单元6楼2号", ("2", "2", "602")),
        ("2号楼2单元6楼02室", ("2", "2", "602")),
        ("2号楼2单元18-1", ("2", "2", "1801")),
        ("2号楼18楼1号", ("2", None, "1801")),
    ],
)
def test_floor_and_door_forms(text, expected):
    assert where(text) == expected


def test_floor_and_door_also_offer_the_dashless_numbering():
    assert first("2号楼2单元6楼2号").other_rooms == ("6-2", "6-02")
    assert first("2号楼2单元18楼12号").other_rooms == ("18-12",)
    assert first("2号楼2单元602").other_rooms == ()  # a room said as a room is that room


def test_a_dash_pair_before_any_unit_is_still_building_and_unit():
    assert where("7-2") == ("7", "2", None)
