"""Scope and masking, end to end: the same rules hold in selectors, pages and the API."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.world import EXPECTED, MASKED_ROLES, build_world
from wennuan.registry import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _api(user) -> Client:
    _, key = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_selector_returns_exactly_the_households_in_scope(world, who):
    accounts = set(selectors.households(user=world.users[who]).values_list("account", flat=True))
    assert accounts == {world.households[k].account for k in EXPECTED[who]}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_household_list_page_shows_only_scope(world, who):
    html = _client(world.users[who]).get(reverse("registry:households")).content.decode()
    for key, h in world.households.items():
        assert (h.account in html) == (key in EXPECTED[who]), key


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_api_household_list_returns_only_scope(world, who):
    body = _api(world.users[who]).get("/api/v1/registry/households").json()
    assert {row["account"] for row in body["items"]} == {world.households[k].account for k in EXPECTED[who]}
    assert body["count"] == len(EXPECTED[who])


def test_station_crew_cannot_open_another_companys_household(world):
    crew = world.users["crew"]
    other = world.households["h3"]  # same building, 热力二公司
    assert _client(crew).get(reverse("registry:household", args=[other.account])).status_code == 404
    assert _api(crew).get(f"/api/v1/registry/households/{other.account}").status_code == 404
    own = world.households["h1"]
    assert _client(crew).get(reverse("registry:household", args=[own.account])).status_code == 200
    assert _api(crew).get(f"/api/v1/registry/households/{own.account}").status_code == 200


def test_station_crew_cannot_open_an_estate_it_does_not_serve(world):
    crew = world.users["crew"]
    e2, b2 = world.objects["e2"], world.objects["b2"]
    assert _client(crew).get(reverse("registry:estate", args=[e2.pk])).status_code == 404
    assert _client(crew).get(reverse("registry:building", args=[b2.pk])).status_code == 404
    assert _api(crew).get(f"/api/v1/registry/estates/{e2.pk}/buildings").status_code == 404


def test_building_page_lists_only_the_crews_households_of_a_split_building(world):
    html = _client(world.users["crew"]).get(reverse("registry:building", args=[world.objects["b1"].pk]))
    text = html.content.decode()
    assert "A0001" in text
    assert "A0003" not in text and "A0002" not in text


def test_estate_page_counts_only_visible_households(world):
    resp = _client(world.users["grid"]).get(reverse("registry:estate", args=[world.objects["e1"].pk]))
    assert [b.household_count for b in resp.context["buildings"]] == [2]  # h1, h3 of three in 1号楼


def test_grid_worker_sees_only_her_grid_and_full_names(world):
    grid = world.users["grid"]
    html = _client(grid).get(reverse("registry:households")).content.decode()
    assert "王小英" in html and "13812345678" in html
    assert "李大明" not in html  # g2
    tree = _api(grid).get("/api/v1/registry/tree").json()
    grids = [g["name"] for d in tree for s in d["streets"] for c in s["communities"] for g in c["grids"]]
    assert grids == ["第一网格"]


@pytest.mark.parametrize("who", sorted(MASKED_ROLES))
def test_roles_without_personal_data_see_masked_names_and_phones(world, who):
    user = world.users[who]
    h1 = world.households["h1"]
    for html in (
        _client(user).get(reverse("registry:households")).content.decode(),
        _client(user).get(reverse("registry:household", args=[h1.account])).content.decode(),
        _client(user).get(reverse("registry:building", args=[world.objects["b1"].pk])).content.decode(),
    ):
        assert "王*英" in html and "138****5678" in html
        assert "王小英" not in html and "13812345678" not in html
    row = _api(user).get(f"/api/v1/registry/households/{h1.account}").json()
    assert (row["resident_name"], row["phone"]) == ("王*英", "138****5678")
    listed = _api(user).get("/api/v1/registry/households").json()["items"]
    assert "13812345678" not in str(listed) and "王小英" not in str(listed)


def test_street_staff_see_their_street_masked_and_nothing_of_another(world):
    user = world.users["street"]
    html = _client(user).get(reverse("registry:estates")).content.decode()
    assert "幸福小区" in html and "西园小区" not in html
    assert _client(user).get(reverse("registry:estate", args=[world.objects["e2"].pk])).status_code == 404
    assert [d["name"] for d in _api(user).get("/api/v1/registry/districts").json()] == ["城关区"]


def test_masked_roles_cannot_find_a_household_by_name_or_phone(world):
    # A hit would confirm who lives where, which masking is meant to hide.
    user = world.users["supervisor"]
    for q in ("13812345678", "王小英"):
        body = _api(user).get("/api/v1/registry/households", {"q": q}).json()
        assert body["count"] == 0
        resp = _client(user).get(reverse("registry:households"), {"q": q})
        assert resp.context["page"].paginator.count == 0


def test_roles_seeing_personal_data_find_a_household_by_phone(world):
    body = _api(world.users["grid"]).get("/api/v1/registry/households", {"q": "13812345678"}).json()
    assert [r["account"] for r in body["items"]] == ["A0001"]


def test_user_without_scope_sees_nothing(world):
    user = world.users["noscope"]
    assert _client(user).get(reverse("registry:household", args=["A0001"])).status_code == 404
    assert _api(user).get("/api/v1/registry/companies").json() == []


def test_dispatcher_sees_only_own_company_and_stations(world):
    body = _api(world.users["dispatcher"]).get("/api/v1/registry/companies").json()
    assert [(c["name"], [s["name"] for s in c["stations"]]) for c in body] == [
        ("热力一公司", ["一号站", "二号站"])
    ]
