import pytest

from wennuan.triage.service import triage_text


def where(text):
    r = triage_text(text)
    return r.status, r.level, r.estate, r.building, r.unit, r.room


def test_household_from_estate_building_unit_room(city):
    assert where("六合小区3号楼三单元502暖气不热") == (
        "matched",
        "household",
        "六合小区",
        "3号楼",
        "3单元",
        "502",
    )


def test_homophone_estate_name(city):
    assert where("陆合小区14栋3门1201室家里冷")[:5] == ("matched", "household", "六合小区", "14号楼", "3单元")


def test_door_address_with_floor_and_door(city):
    r = triage_text("五泉路46号2单元3楼2号暖气片是冰的")
    assert (r.status, r.level, r.estate, r.building, r.unit, r.room) == (
        "matched", "household", "六合小区", "14号楼", "2单元", "302",
    )  # fmt: skip
    assert r.station == "五泉换热站" and r.company == "城关热力公司"


def test_door_address_in_chinese_numerals_and_full_width(city):
    assert where("五泉路四十六号二单元３０２")[:6] == (
        "matched",
        "household",
        "六合小区",
        "14号楼",
        "2单元",
        "302",
    )


def test_courtyard_by_door_number(city):
    r = triage_text("小沟头33号院暖气不热")
    assert (r.status, r.level, r.account) == ("matched", "household", "XG0001")


def test_dash_form_and_short_estate_name(city):
    assert where("六合14-1-302漏水") == ("matched", "household", "六合小区", "14号楼", "1单元", "302")


def test_unknown_room_stops_at_unit(city):
    assert where("六合小区3号楼2单元909")[:5] == ("matched", "unit", "六合小区", "3号楼", "2单元")


def test_building_only(city):
    assert where("六合小区14号楼全楼停暖")[:4] == ("matched", "building", "六合小区", "14号楼")


def test_same_estate_name_in_two_districts_is_ambiguous(city):
    r = triage_text("幸福家园2号楼1单元101暖气不热")
    assert r.status == "ambiguous" and r.station is None
    assert {c["district"] for c in r.candidates} == {"城关区", "七里河区"}


def test_district_decides_between_same_names(city):
    r = triage_text("七里河区幸福家园2号楼1单元101暖气不热")
    assert (r.status, r.account, r.company) == ("matched", "XF1001", "七里河供热公司")


def test_building_that_exists_in_one_district_only_decides(city):
    assert triage_text("幸福家园5号楼1单元101").account == "XF0002"


def test_exact_name_without_the_building_does_not_yield_to_a_homophone(city):
    # 桃园居 has no 2号楼 but 桃源居 has: the resident may mean either, so a person decides
    assert triage_text("桃园居2号楼1单元101暖气不热").status == "ambiguous"
    assert triage_text("桃源居2号楼1单元101暖气不热").account == "TY1001"


def test_unknown_estate_is_unmatched(city):
    assert triage_text("红星小区3号楼2单元301暖气不热").status == "unmatched"


def test_text_without_address_is_unmatched(city):
    r = triage_text("请问今年什么时候开始供暖")
    assert (r.status, r.level, r.account) == ("unmatched", None, None)


def test_building_split_between_stations_is_not_dispatched_without_unit(city):
    assert triage_text("光明里1号楼暖气不热").status == "ambiguous"
    r = triage_text("光明里1号楼2单元101暖气不热")
    assert (r.status, r.station) == ("matched", "西站")


def test_account_in_text(city):
    assert where("户号LH0005，暖气不热")[:4] == ("matched", "household", "六合小区", "3号楼")


@pytest.mark.parametrize(
    "text",
    [
        "六合小区3号楼3单元502",
        "六合小区三号楼三单元五零二",
        "六合小区3#楼3单元502室",
        "六合小区3栋3门502",
        "六合小区3-3-502",
    ],
)
def test_many_phrasings_one_household(city, text):
    assert triage_text(text).room == "502"


def test_index_follows_registry_changes(city):
    from wennuan.registry.tests import factories as f

    assert triage_text("新建小区1号楼1单元101").status == "unmatched"
    household = city["households"]["XF0001"]
    e = f.EstateFactory(district=household.unit.building.estate.district, name="新建小区")
    u = f.UnitFactory(
        building=f.BuildingFactory(estate=e, label="1号楼", door_address="新路1号"), label="1单元"
    )
    f.HouseholdFactory(
        unit=u, room="101", station=city["stations"]["east"], grid=household.grid, account="NEW01"
    )
    assert triage_text("新建小区1号楼1单元101").account == "NEW01"


def test_province_city_and_district_prefix(city):
    r = triage_text("甘肃省金城市城关区六合小区第三栋二单元1201室暖气不热")
    assert (r.status, r.building, r.unit, r.room) == ("matched", "3号楼", "2单元", "1201")


def test_spaces_and_mixed_forms(city):
    assert triage_text("六合小区 14号楼 1 单元 502").room == "502"


def test_homophone_road_name(city):
    r = triage_text("五全路46号3单元12楼1号暖气片冰凉")
    assert (r.status, r.building, r.unit, r.room) == ("matched", "14号楼", "3单元", "1201")


def test_estate_without_building_is_not_dispatched(city):
    r = triage_text("六合小区暖气不热")
    assert r.status == "ambiguous" and r.building is None and r.candidates


def test_building_that_does_not_exist_is_unmatched(city):
    assert triage_text("六合小区99号楼1单元101").status == "unmatched"


def test_district_that_contradicts_is_not_dispatched(city):
    assert triage_text("七里河区六合小区3号楼1单元302").status != "matched"


def test_room_without_unit_decides_only_when_one_unit_has_it(city):
    r = triage_text("六合小区3号楼502暖气不热")  # every unit of 3号楼 has a 502
    assert (r.status, r.level, r.unit) == ("matched", "building", None)


def test_of_two_homophone_estates_the_one_fewer_characters_away_stands(city):
    from wennuan.registry.tests import factories as f

    district = city["households"]["LH0001"].unit.building.estate.district
    for name, account in (("长青花园", "CQ0001"), ("长青华苑", "CQ0002")):
        e = f.EstateFactory(district=district, name=name)
        u = f.UnitFactory(
            building=f.BuildingFactory(estate=e, label="1号楼", door_address=f"{name}路1号"), label="1单元"
        )
        f.HouseholdFactory(unit=u, room="101", station=city["stations"]["east"], account=account)
    assert triage_text("长清华苑1号楼1单元101暖气不热").account == "CQ0002"  # one character from 长青华苑
    assert triage_text("长清花园1号楼1单元101暖气不热").account == "CQ0001"
    assert triage_text("长清花苑1号楼1单元101暖气不热").status == "ambiguous"  # two from each


def test_near_miss_of_a_long_name_is_offered_not_dispatched(city):
    from wennuan.registry.tests import factories as f

    district = city["households"]["LH0001"].unit.building.estate.district
    e = f.EstateFactory(district=district, name="建设银行家属院")
    u = f.UnitFactory(
        building=f.BuildingFactory(estate=e, label="2号楼", door_address="银行路2号"), label="1单元"
    )
    f.HouseholdFactory(unit=u, room="101", station=city["stations"]["east"], account="JH0001")
    r = triage_text("建设银航家属院2号楼1单元101暖气不热")
    assert r.status == "ambiguous" and r.candidates[0]["estate"] == "建设银行家属院"


def test_one_wrong_character_in_a_short_name_is_not_guessed(city):
    # 六台 is neither 六合 nor a homophone of it; a four-character name one character off is too
    # often a different estate (康福小区 / 幸福小区) to dispatch on
    assert triage_text("六台小区3号楼3单元502暖气不热").status == "unmatched"
