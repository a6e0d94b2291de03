from wennuan.triage.address import Spec, parse_spec
from wennuan.triage.normalize import normalize


def first(text, **kw):
    return parse_spec(normalize(text), **kw)[0]


def test_building_unit_room():
    assert first("3号楼三单元502") == Spec("3", "3", "502")


def test_dong_and_men():
    assert first("14栋3门") == Spec("14", "3", None)


def test_dash_triple():
    assert first("7-2-501，暖气不热") == Spec("7", "2", "501")


def test_floor_and_door_make_a_room():
    assert first("2单元3楼2号", building_known=True) == Spec(None, "2", "302")
    assert first("三号楼二单元十二楼三号") == Spec("3", "2", "1203")


def test_run_together_building_and_unit_is_offered_as_a_reading():
    assert Spec("A4", "1", "302") in parse_spec(normalize("A41单元302"))


def test_lou_xia_is_not_a_floor():
    assert first("2单元402楼下管子爆裂", building_known=True) == Spec(None, "2", "402")


def test_no_address_no_reading():
    assert parse_spec(normalize("暖气不热")) == []


def test_hao_lou_xia_is_a_door_then_downstairs():
    assert first("1单元8楼1号楼下管子爆了", building_known=True) == Spec(None, "1", "801")
