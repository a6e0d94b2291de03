"""A small city with one user per role, for scope and masking tests, built from the factories.

城关区 / 东岗街道 / 东岗社区 / 网格 g1, g2          七里河区 / 西园街道 / 西园社区 / 网格 g3
热力一公司: 站 s1, s2                               热力二公司: 站 s3

Estate 幸福小区 (城关区), building 1号楼 unit 1单元:
  h1  g1 s1   王小英 13812345678
  h2  g2 s2   李大明 13900001111
  h3  g1 s3   张秀兰 13700002222   (same estate, another company: a split estate)
Estate 西园小区 (七里河区):
  h4  g3 s3   赵一 13600003333

Who sees what: grid worker g1 → h1, h3; station crew s1 → h1; dispatcher 热力一公司 → h1, h2;
street staff 东岗 → h1, h2, h3 masked; supervisor → all, masked.
"""

from dataclasses import dataclass

from wennuan.accounts.models import User
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.models import Household
from wennuan.registry.tests import factories as f


def _user(username: str, role: str, **scope) -> User:
    return UserFactory(username=username, role=role, **scope)


@dataclass
class World:
    households: dict[str, Household]
    users: dict[str, User]
    objects: dict


def build_world() -> World:
    city = f.CityFactory()
    d_a = f.DistrictFactory(city=city, name="城关区")
    d_b = f.DistrictFactory(city=city, name="七里河区")
    st_a = f.StreetFactory(district=d_a, name="东岗街道")
    st_b = f.StreetFactory(district=d_b, name="西园街道")
    c_a = f.CommunityFactory(street=st_a, name="东岗社区")
    c_b = f.CommunityFactory(street=st_b, name="西园社区")
    g1 = f.GridFactory(community=c_a, name="第一网格")
    g2 = f.GridFactory(community=c_a, name="第二网格")
    g3 = f.GridFactory(community=c_b, name="第三网格")
    co1 = f.CompanyFactory(city=city, name="热力一公司")
    co2 = f.CompanyFactory(city=city, name="热力二公司")
    s1 = f.StationFactory(company=co1, name="一号站")
    s2 = f.StationFactory(company=co1, name="二号站")
    s3 = f.StationFactory(company=co2, name="三号站")
    e1 = f.EstateFactory(district=d_a, name="幸福小区")
    e2 = f.EstateFactory(district=d_b, name="西园小区")
    b1 = f.BuildingFactory(estate=e1, label="1号楼", door_address="小沟头33号")
    b2 = f.BuildingFactory(estate=e2, label="2号楼", door_address="西园路8号")
    u1 = f.UnitFactory(building=b1, label="1单元")
    u2 = f.UnitFactory(building=b2, label="1单元")

    def hh(account, unit, room, grid, station, name, phone, **kw):
        return f.HouseholdFactory(
            account=account,
            unit=unit,
            room=room,
            grid=grid,
            station=station,
            resident_name=name,
            phone=phone,
            **kw,
        )

    households = {
        "h1": hh("A0001", u1, "101", g1, s1, "王小英", "13812345678", priority_groups="living_alone"),
        "h2": hh("A0002", u1, "102", g2, s2, "李大明", "13900001111", payment_status="unpaid"),
        "h3": hh("A0003", u1, "201", g1, s3, "张秀兰", "13700002222"),
        "h4": hh("B0001", u2, "101", g3, s3, "赵一", "13600003333"),
    }
    users = {
        "supervisor": _user("zhuguan", Role.SUPERVISOR),
        "district": _user("quxian", Role.DISTRICT_STAFF, district=d_a),
        "street": _user("jiedao", Role.STREET_STAFF, street=st_a),
        "community": _user("shequ", Role.COMMUNITY_STAFF, community=c_a),
        "grid": _user("wangge", Role.GRID_WORKER, grid=g1),
        "dispatcher": _user("diaodu", Role.DISPATCHER, company=co1),
        "crew": _user("banzu", Role.STATION_CREW, station=s1),
        "hotline": _user("zuoxi", Role.HOTLINE_AGENT),
        "noscope": _user("wufanwei", Role.GRID_WORKER),  # role without its grid
    }
    objects = dict(
        d_a=d_a, d_b=d_b, st_a=st_a, st_b=st_b, c_a=c_a, c_b=c_b, g1=g1, g2=g2, g3=g3, co1=co1, co2=co2,
        s1=s1, s2=s2, s3=s3, e1=e1, e2=e2, b1=b1, b2=b2, u1=u1, u2=u2,
    )  # fmt: skip
    return World(households=households, users=users, objects=objects)


# Households each user may see (keys of World.households).
EXPECTED = {
    "supervisor": {"h1", "h2", "h3", "h4"},
    "district": {"h1", "h2", "h3"},
    "street": {"h1", "h2", "h3"},
    "community": {"h1", "h2", "h3"},
    "grid": {"h1", "h3"},
    "dispatcher": {"h1", "h2"},
    "crew": {"h1"},
    "hotline": {"h1", "h2", "h3", "h4"},
    "noscope": set(),
}
MASKED_ROLES = {"supervisor", "district", "street"}
