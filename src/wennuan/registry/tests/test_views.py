"""Registry pages: what they show, htmx partials, paging, and a pinned query count for each list."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.accounts.tests.world import build_world
from wennuan.core.roles import Role
from wennuan.core.selectors import CappedPaginator
from wennuan.registry.models import Household
from wennuan.registry.tests.factories import (
    BuildingFactory,
    EstateFactory,
    GridFactory,
    HouseholdFactory,
    StationFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _many_households(n: int, estates: int = 3):
    grid, station = GridFactory(), StationFactory()
    units = [UnitFactory(building=BuildingFactory(estate=EstateFactory())) for _ in range(estates)]
    for i in range(n):
        HouseholdFactory(unit=units[i % estates], grid=grid, station=station, priority_groups="disabled")


def test_overview_shows_scope_figures(world):
    resp = _client(world.users["street"]).get(reverse("registry:overview"))
    data = resp.context["data"]
    assert (data.households, data.priority_households, data.estates, data.stations) == (3, 1, 1, 3)
    assert [(d["name"], d["households"], d["unpaid"]) for d in data.by_district] == [("城关区", 3, 1)]
    assert {p["status"]: p["count"] for p in data.by_payment} == {"paid": 2, "unpaid": 1, "suspended": 0}


def test_overview_uses_local_echarts_and_no_cdn(world):
    html = _client(world.users["supervisor"]).get(reverse("registry:overview")).content.decode()
    assert "https://" not in html and "http://" not in html
    if "echarts" in html:
        assert "/static/vendor/echarts/echarts.min.js" in html


def test_estate_search_matches_name_and_door_address(world):
    client = _client(world.users["supervisor"])
    by_name = client.get(reverse("registry:estates"), {"q": "西园"}).context["estates"]
    assert [e.name for e in by_name] == ["西园小区"]
    by_door = client.get(reverse("registry:estates"), {"q": "小沟头33"}).context["estates"]
    assert [e.name for e in by_door] == ["幸福小区"]
    by_district = client.get(reverse("registry:estates"), {"district": world.objects["d_b"].pk})
    assert [e.name for e in by_district.context["estates"]] == ["西园小区"]


def test_estate_search_answers_htmx_with_the_rows_only(world):
    resp = _client(world.users["supervisor"]).get(
        reverse("registry:estates"), {"q": "幸福"}, headers={"HX-Request": "true"}
    )
    html = resp.content.decode()
    assert "幸福小区" in html and "<html" not in html and "西园小区" not in html


def test_household_search_by_account_prefix_and_address_words(world):
    client = _client(world.users["grid"])
    by_account = client.get(reverse("registry:households"), {"q": "A000"}).context["households"]
    assert sorted(h.account for h in by_account) == ["A0001", "A0003"]
    by_address = client.get(reverse("registry:households"), {"q": "幸福 201"}).context["households"]
    assert [h.account for h in by_address] == ["A0003"]


def test_household_htmx_partial_has_no_layout(world):
    resp = _client(world.users["grid"]).get(
        reverse("registry:households"), {"q": "A0001"}, headers={"HX-Request": "true"}
    )
    html = resp.content.decode()
    assert "A0001" in html and "<nav" in html and "topbar" not in html


def test_household_detail_shows_address_grid_and_station(world):
    html = _client(world.users["grid"]).get(reverse("registry:household", args=["A0001"])).content.decode()
    for text in ("幸福小区", "1号楼", "101", "第一网格", "一号站", "热力一公司", "独居老人", "13812345678"):
        assert text in html, text


def test_household_list_query_count_does_not_grow_with_rows(django_assert_max_num_queries):
    _many_households(120)
    client = _client(UserFactory(username="sup-q", role=Role.SUPERVISOR))
    with django_assert_max_num_queries(6):
        resp = client.get(reverse("registry:households"), {"page": 2})
    assert len(resp.context["households"]) == 50


def test_estate_list_query_count_is_pinned(django_assert_max_num_queries):
    _many_households(30, estates=10)
    client = _client(UserFactory(username="sup-e", role=Role.SUPERVISOR))
    with django_assert_max_num_queries(7):
        resp = client.get(reverse("registry:estates"))
    assert len(resp.context["estates"]) == 10
    assert sum(e.household_count for e in resp.context["estates"]) == 30


def test_building_page_query_count_is_pinned(django_assert_max_num_queries):
    _many_households(40, estates=1)
    building = Household.objects.first().unit.building
    client = _client(UserFactory(username="sup-b", role=Role.SUPERVISOR))
    with django_assert_max_num_queries(6):
        resp = client.get(reverse("registry:building", args=[building.pk]))
    assert len(resp.context["households"]) == 40


def test_estate_page_query_count_is_pinned(django_assert_max_num_queries):
    _many_households(20, estates=1)
    estate = Household.objects.first().unit.building.estate
    for _ in range(5):
        BuildingFactory(estate=estate)
    client = _client(UserFactory(username="sup-es", role=Role.SUPERVISOR))
    with django_assert_max_num_queries(6):
        resp = client.get(reverse("registry:estate", args=[estate.pk]))
    # Buildings without a household are invisible to scoped roles but shown to the whole-city supervisor.
    assert len(resp.context["buildings"]) == 6


def test_overview_query_count_is_pinned(django_assert_max_num_queries):
    _many_households(30)
    client = _client(UserFactory(username="sup-o", role=Role.SUPERVISOR))
    with django_assert_max_num_queries(7):
        client.get(reverse("registry:overview"))


def test_paging_count_is_capped_and_never_counts_everything():
    _many_households(25, estates=1)
    paginator = CappedPaginator(Household.objects.order_by("id"), 10, cap=20)
    assert paginator.count == 20 and paginator.capped
    assert paginator.num_pages == 2
    uncapped = CappedPaginator(Household.objects.order_by("id"), 10, cap=100)
    assert uncapped.count == 25 and not uncapped.capped


def test_unknown_household_is_404(world):
    assert (
        _client(world.users["supervisor"]).get(reverse("registry:household", args=["NOPE"])).status_code
        == 404
    )


def test_ids_beyond_64_bits_are_404_not_a_crash(world):
    client = _client(world.users["supervisor"])
    huge = 2**64
    assert client.get(reverse("registry:estate", args=[huge])).status_code == 404
    assert client.get(reverse("registry:building", args=[huge])).status_code == 404
    assert client.get(reverse("registry:households"), {"estate": huge}).status_code == 200
