"""The address forms people say: floor and door (18楼1号), door plates registered as building aliases, and two
estates of one name told apart by district, street, community, road or door plate, or not at all.

A city of its own: 和平小区 in 东岗区 (雁滩路, 东岗街道 雁园社区; 1号楼 also has the plate 天水北路120号)
and in 安宁区 (安宁西路, 十里店街道 培黎社区); 铁路新村, whose ledger writes rooms as 6-2.
"""

import pytest

from wennuan.registry.tests import factories as f
from wennuan.triage.service import triage_text


@pytest.fixture
def town(db):
    city = f.CityFactory(name="河湾市")
    made = {}

    def place(district, street, community, company, station):
        d = f.DistrictFactory(city=city, name=district)
        grid = f.GridFactory(
            community=f.CommunityFactory(street=f.StreetFactory(district=d, name=street), name=community),
            name=f"{community}第1网格",
        )
        st = f.StationFactory(company=f.CompanyFactory(city=city, name=company), name=station)
        return d, grid, st

    def building(where, estate, label, door, units, rooms, prefix):
        d, grid, st = where
        b = f.BuildingFactory(estate=f.EstateFactory(district=d, name=estate), label=label, door_address=door)
        for unit in units:
            u = f.UnitFactory(building=b, label=unit)
            for room in rooms:
                account = f"{prefix}{unit[0]}-{room}"
                made[account] = f.HouseholdFactory(unit=u, room=room, grid=grid, station=st, account=account)
        return b

    tall = [f"{floor}{door:02d}" for floor in range(1, 19) for door in (1, 2)]
    east = place("东岗区", "东岗街道", "雁园社区", "东岗热力公司", "雁滩换热站")
    west = place("安宁区", "十里店街道", "培黎社区", "安宁供热公司", "培黎换热站")
    made["east1"] = building(east, "和平小区", "1号楼", "雁滩路5号", ["1单元", "2单元"], tall, "HE1")
    building(east, "和平小区", "2号楼", "雁滩路7号", ["1单元"], ["101", "602"], "HE2")
    building(west, "和平小区", "1号楼", "安宁西路88号", ["1单元"], ["101", "602", "1801"], "HW1")
    building(west, "和平小区", "3号楼", "安宁西路90号", ["1单元"], ["101"], "HW3")
    building(east, "铁路新村", "1号楼", "火车站东路3号", ["1单元"], ["6-1", "6-2", "18-1"], "TL1")
    building(east, "铁路新村", "2号楼", "火车站东路5号", ["1单元"], ["602", "6-2"], "TL2")  # both numberings
    f.BuildingAliasFactory(building=made["east1"], name="天水北路120号")
    return made


def where(text):
    r = triage_text(text)
    return r.status, r.level, r.account


# -- floor and door ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "东岗区和平小区1号楼2单元18楼1号暖气不热",
        "东岗区和平小区1号楼二单元十八楼一号家里冷",
        "东岗区和平小区1号楼2单元18层1户",
        "东岗区和平小区1号楼2单元十八层一户暖气片不热",
        "东岗区和平小区1号楼2单元18-1室温低",
        "雁滩路5号2单元18楼1号暖气不热",
    ],
)
def test_eighteenth_floor_door_one_is_room_1801(town, text):
    assert where(text) == ("matched", "household", "HE12-1801")


def test_sixth_floor_door_two_is_602(town):
    assert where("东岗区和平小区2号楼1单元6楼2号漏水") == ("matched", "household", "HE21-602")


def test_tenth_floor_door_one_is_1001_not_floor_one(town):
    # "10-1" without its dash would be 101, a real room on the first floor
    assert where("东岗区和平小区1号楼1单元十楼一号") == ("matched", "household", "HE11-1001")
    assert where("东岗区和平小区1号楼1单元10-1暖气不热") == ("matched", "household", "HE11-1001")


def test_a_ledger_that_writes_6_dash_2_is_read_as_the_building_numbers(town):
    assert where("铁路新村1号楼1单元6楼2号暖气不热") == ("matched", "household", "TL11-6-2")
    assert where("铁路新村1号楼1单元十八楼一号暖气不热") == ("matched", "household", "TL11-18-1")


def test_two_numberings_that_both_exist_decide_nothing(town):
    # 2号楼 has a 602 and a 6-2: 6楼2号 could be either, so the case stops at the unit
    assert where("铁路新村2号楼1单元6楼2号暖气不热") == ("matched", "unit", None)


def test_floor_and_door_without_unit_stops_at_the_building_when_both_units_have_it(town):
    r = triage_text("雁滩路5号18楼1号暖气不热")
    assert (r.status, r.level, r.building, r.unit) == ("matched", "building", "1号楼", None)


def test_a_floor_the_building_does_not_have_is_not_a_household(town):
    assert where("东岗区和平小区2号楼1单元18楼1号") == ("matched", "unit", None)


# -- door plates as building aliases -------------------------------------------------------------


def test_a_second_door_plate_reaches_its_building(town):
    assert where("天水北路120号2单元18楼1号暖气不热") == ("matched", "household", "HE12-1801")
    assert where("天水北路一百二十号一单元602") == ("matched", "household", "HE11-602")


def test_an_alias_added_later_is_found_at_once(town):
    assert triage_text("滨河东路9号1单元602暖气不热").status == "unmatched"
    f.BuildingAliasFactory(building=town["east1"], name="滨河东路9号")
    assert where("滨河东路9号1单元602暖气不热") == ("matched", "household", "HE11-602")


def test_an_alias_without_a_number_is_a_name_for_the_building(town):
    f.BuildingAliasFactory(building=town["east1"], name="铁路局老干部楼")
    assert where("铁路局老干部楼1单元6楼2号暖气不热") == ("matched", "household", "HE11-602")


# -- one estate name in two districts ------------------------------------------------------------


@pytest.mark.parametrize("text", ["和平小区1号楼1单元101暖气不热", "和平小区1号楼2单元18楼1号暖气不热"])
def test_same_name_without_anything_else_is_not_guessed(town, text):
    # (安宁's 1号楼 has no 2单元, but a ledger may lack a unit: that is no reason to pick 东岗's)
    r = triage_text(text)
    assert (r.status, r.account) == ("ambiguous", None)
    assert {c["district"] for c in r.candidates} == {"东岗区", "安宁区"}


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("安宁区和平小区1号楼1单元101暖气不热", "HW11-101"),
        ("东岗区和平小区1号楼1单元101暖气不热", "HE11-101"),
        ("十里店街道和平小区1号楼1单元101暖气不热", "HW11-101"),  # street
        ("雁园社区和平小区1号楼1单元101暖气不热", "HE11-101"),  # community
        ("安宁西路和平小区1号楼1单元101暖气不热", "HW11-101"),  # the road of its door plates
        ("雁滩路的和平小区1号楼1单元101暖气不热", "HE11-101"),
        ("和平小区安宁西路88号1单元101暖气不热", "HW11-101"),  # the door plate itself
        ("和平小区天水北路120号1单元101暖气不热", "HE11-101"),  # an alias plate
    ],
)
def test_same_name_told_apart_by_what_the_text_says(town, text, account):
    assert where(text) == ("matched", "household", account)


@pytest.mark.parametrize(
    "text",
    [
        "东岗区和平小区安宁西路88号1单元101",  # district against door plate
        "十里店街道和平小区2号楼1单元101",  # only 东岗's has a 2号楼, but the street is 安宁's
        "安宁西路和平小区2号楼1单元101",  # the road is 安宁's
        "和平小区暖气不热",  # no building
    ],
)
def test_same_name_with_contradicting_places_is_left_to_a_person(town, text):
    r = triage_text(text)
    assert r.status != "matched" and r.account is None


def test_a_place_both_estates_share_tells_nothing(town):
    f.BuildingAliasFactory(building=town["east1"], name="安宁西路200号")  # 东岗's now has a plate there too
    assert triage_text("安宁西路和平小区1号楼1单元101").status == "ambiguous"
