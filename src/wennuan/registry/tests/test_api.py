"""Registry API: filters, paging, estates and buildings, the city tree — all through a bearer token."""

import pytest
from django.test import Client

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _api(user) -> Client:
    _, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def _accounts(resp) -> list[str]:
    assert resp.status_code == 200, resp.content
    return sorted(r["account"] for r in resp.json()["items"])


def test_household_filters_each_narrow_the_list(world):
    api = _api(world.users["supervisor"])
    o = world.objects
    url = "/api/v1/registry/households"
    assert _accounts(api.get(url, {"estate": o["e2"].pk})) == ["B0001"]
    assert _accounts(api.get(url, {"building": o["b1"].pk})) == ["A0001", "A0002", "A0003"]
    assert _accounts(api.get(url, {"unit": o["u2"].pk})) == ["B0001"]
    assert _accounts(api.get(url, {"station": o["s3"].pk})) == ["A0003", "B0001"]
    assert _accounts(api.get(url, {"grid": o["g1"].pk})) == ["A0001", "A0003"]
    assert _accounts(api.get(url, {"account": "A0002"})) == ["A0002"]
    assert _accounts(api.get(url, {"q": "西园路8号"})) == ["B0001"]
    assert _accounts(api.get(url, {"payment_status": "unpaid"})) == ["A0002"]
    assert _accounts(api.get(url, {"priority_only": "true"})) == ["A0001"]


def test_filters_cannot_widen_scope(world):
    # A crew of 一号站 asking for 三号站's households gets none, not 三号站's.
    api = _api(world.users["crew"])
    assert _accounts(api.get("/api/v1/registry/households", {"station": world.objects["s3"].pk})) == []


def test_household_paging(world):
    api = _api(world.users["supervisor"])
    first = api.get("/api/v1/registry/households", {"page_size": 3}).json()
    second = api.get("/api/v1/registry/households", {"page_size": 3, "page": 2}).json()
    assert (first["count"], first["pages"], first["capped"], len(first["items"])) == (4, 2, False, 3)
    assert len(second["items"]) == 1
    seen = {r["account"] for r in first["items"] + second["items"]}
    assert seen == {"A0001", "A0002", "A0003", "B0001"}
    assert api.get("/api/v1/registry/households", {"page_size": 1000}).status_code == 422


def test_household_detail_has_the_whole_address(world):
    row = _api(world.users["grid"]).get("/api/v1/registry/households/A0001").json()
    assert row["estate_name"] == "幸福小区" and row["building_label"] == "1号楼" and row["room"] == "101"
    assert (row["district_name"], row["street_name"], row["grid_name"]) == ("城关区", "东岗街道", "第一网格")
    assert (row["company_name"], row["station_name"]) == ("热力一公司", "一号站")
    assert row["priority_groups"] == ["living_alone"] and row["door_address"] == "小沟头33号"
    assert (row["resident_name"], row["phone"]) == ("王小英", "13812345678")


def test_estates_search_and_buildings_with_visible_counts(world):
    api = _api(world.users["dispatcher"])
    estates = api.get("/api/v1/registry/estates", {"q": "幸福"}).json()
    assert [e["name"] for e in estates["items"]] == ["幸福小区"] and estates["items"][0][
        "district_name"
    ] == "城关区"
    assert api.get("/api/v1/registry/estates", {"q": "西园"}).json()["count"] == 0  # 热力二公司's estate
    e1 = world.objects["e1"].pk
    buildings = api.get(f"/api/v1/registry/estates/{e1}/buildings").json()
    assert [(b["label"], b["door_address"], b["household_count"]) for b in buildings] == [
        ("1号楼", "小沟头33号", 2)
    ]
    assert api.get(f"/api/v1/registry/estates/{e1}").json()["name"] == "幸福小区"


def test_tree_streets_and_stations_follow_scope(world):
    api = _api(world.users["supervisor"])
    tree = api.get("/api/v1/registry/tree").json()
    assert [d["name"] for d in tree] == ["七里河区", "城关区"]
    chengguan = tree[1]
    assert [s["name"] for s in chengguan["streets"]] == ["东岗街道"]
    assert [g["name"] for g in chengguan["streets"][0]["communities"][0]["grids"]] == ["第一网格", "第二网格"]
    only_b = api.get("/api/v1/registry/tree", {"district": world.objects["d_b"].pk}).json()
    assert [d["name"] for d in only_b] == ["七里河区"]
    assert [s["name"] for s in api.get("/api/v1/registry/streets").json()] == ["西园街道", "东岗街道"]
    crew = _api(world.users["crew"])
    assert [s["name"] for s in crew.get("/api/v1/registry/stations").json()] == ["一号站"]
    assert [d["name"] for d in crew.get("/api/v1/registry/districts").json()] == ["城关区"]


def test_session_api_calls_need_csrf_only_for_writes_and_work_for_reads(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["grid"])
    resp = client.get("/api/v1/registry/households")
    assert resp.status_code == 200 and resp.json()["count"] == 2


def test_search_words_match_room_address_and_account_and_all_must_match(world):
    api = _api(world.users["supervisor"])
    url = "/api/v1/registry/households"
    assert _accounts(api.get(url, {"q": "101"})) == ["A0001", "B0001"]  # a room number
    assert _accounts(api.get(url, {"q": "西园 101"})) == ["B0001"]  # address and room together
    assert _accounts(api.get(url, {"q": "A00"})) == ["A0001", "A0002", "A0003"]  # account prefix
    assert _accounts(api.get(url, {"q": "小沟头"})) == ["A0001", "A0002", "A0003"]  # door address
    assert _accounts(api.get(url, {"q": "无此地址"})) == []
    assert _accounts(api.get(url, {"q": "西园 102"})) == []
