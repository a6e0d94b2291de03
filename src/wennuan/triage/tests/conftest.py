"""A small city for triage tests, with names and phrasings unlike the dev data set.

城关区: 六合小区 (3号楼 at 五泉路44号, 14号楼 at 五泉路46号; units 1–3), 小沟头33号院 (a courtyard: one
building, no unit label, one household), 幸福家园 (2号楼, 5号楼), 桃园居 (1号楼).
七里河区: 幸福家园 (2号楼 only), 桃源居 (2号楼), 光明里 (1号楼 split between two stations by unit).
"""

import pytest

from wennuan.registry.tests import factories as f


@pytest.fixture
def city(db):
    c = f.CityFactory(name="金城市")
    chengguan = f.DistrictFactory(city=c, name="城关区")
    qilihe = f.DistrictFactory(city=c, name="七里河区")
    east = f.StationFactory(company=f.CompanyFactory(city=c, name="城关热力公司"), name="五泉换热站")
    west = f.StationFactory(company=f.CompanyFactory(city=c, name="七里河供热公司"), name="西站")
    grid = f.GridFactory()
    made = {"stations": {"east": east, "west": west}, "households": {}}

    def household(district, estate, building, door, unit, room, station, account):
        e = f.EstateFactory(district=district, name=estate)
        b = f.BuildingFactory(estate=e, label=building, door_address=door)
        u = f.UnitFactory(building=b, label=unit)
        h = f.HouseholdFactory(unit=u, room=room, station=station, grid=grid, account=account)
        made["households"][account] = h
        return h

    n = 0
    for building, door in (("3号楼", "五泉路44号"), ("14号楼", "五泉路46号")):
        for unit in ("1单元", "2单元", "3单元"):
            for room in ("302", "502", "1201"):
                n += 1
                household(chengguan, "六合小区", building, door, unit, room, east, f"LH{n:04d}")
    household(chengguan, "小沟头33号院", "1号院", "小沟头33号", "", "", east, "XG0001")
    household(chengguan, "幸福家园", "2号楼", "民主路8号", "1单元", "101", east, "XF0001")
    household(chengguan, "幸福家园", "5号楼", "民主路10号", "1单元", "101", east, "XF0002")
    household(qilihe, "幸福家园", "2号楼", "西津路3号", "1单元", "101", west, "XF1001")
    household(chengguan, "桃园居", "1号楼", "中山路1号", "1单元", "101", east, "TY0001")
    household(qilihe, "桃源居", "2号楼", "西津路9号", "1单元", "101", west, "TY1001")
    household(qilihe, "光明里", "1号楼", "西津路20号", "1单元", "101", east, "GM0001")
    household(qilihe, "光明里", "1号楼", "西津路20号", "2单元", "101", west, "GM0002")
    return made
