"""The ledger's pages and API: what each role gets, one click from hotspots to items, state changes."""

from datetime import timedelta

import pytest
import time_machine

from wennuan.repairs.models import RepairItem

from .conftest import T0

pytestmark = pytest.mark.django_db
DAY = T0 + timedelta(days=1)
RANGE = {"start": "2026-12-09", "end": "2026-12-11"}


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_hotspots_page_and_one_click_into_the_ledger(city, as_user):
    c = as_user(city.users["supervisor"])
    with time_machine.travel(DAY, tick=False):
        page = c.get("/repairs/hotspots/", RANGE)
        assert page.status_code == 200
        html = page.content.decode()
        assert html.index("西园小区") < html.index("幸福小区") and "200.0" in html
        west = city.objects["e2"].pk
        done = c.post("/repairs/hotspots/create/", {**RANGE, "level": "estate", "sites": [west]}, follow=True)
    assert "已列入冬病夏治台账 1 项" in done.content.decode()
    item = RepairItem.objects.get()
    assert item.estate_id == west and item.company.name == "热力二公司"


def test_grid_workers_get_no_hotspots_and_dispatchers_cannot_list(city, as_user):
    assert as_user(city.users["grid"]).get("/repairs/hotspots/").status_code == 403
    c = as_user(city.users["dispatcher"])
    assert c.post("/repairs/hotspots/create/", {**RANGE, "sites": [1]}).status_code == 403


def test_dispatcher_reports_progress_on_its_item_only(city, as_user):
    c = as_user(city.users["supervisor"])
    with time_machine.travel(DAY, tick=False):
        made = c.post(
            "/api/v1/repairs/items",
            {"level": "estate", "site_ids": [city.objects["e1"].pk, city.objects["e2"].pk], **RANGE},
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        happy, west = (RepairItem.objects.get(estate=city.objects[k]) for k in ("e1", "e2"))
        d = as_user(city.users["dispatcher"])
        assert d.get(f"/repairs/{west.pk}/").status_code == 404  # another company's item
        listing = d.get("/repairs/").content.decode()
        assert "幸福小区" in listing and "西园小区" not in listing
        r = d.post(
            f"/repairs/{happy.pk}/progress/", {"on": "2026-12-11", "percent": "30", "note": "入户排查"}
        )
        assert r.status_code == 302
        bad = d.post(f"/repairs/{happy.pk}/progress/", {"on": "2026-12-11", "percent": "130", "note": "x"})
        assert bad.status_code == 400
        api = d.get(f"/api/v1/repairs/items/{happy.pk}").json()
        assert api["percent"] == 30 and api["progress"][0]["note"] == "入户排查"
        assert (
            d.post(
                f"/api/v1/repairs/items/{happy.pk}/complete", {}, content_type="application/json"
            ).status_code
            == 200
        )
        verify = d.post(
            f"/api/v1/repairs/items/{happy.pk}/verify", {"passed": True}, content_type="application/json"
        )
        assert verify.status_code == 403
        ok = as_user(city.users["supervisor"]).post(
            f"/api/v1/repairs/items/{happy.pk}/verify",
            {"passed": True, "note": "合格"},
            content_type="application/json",
        )
    assert ok.json()["status"] == "verified"


def test_hotspot_api(city, as_user):
    with time_machine.travel(DAY, tick=False):
        r = as_user(city.users["supervisor"]).get(
            "/api/v1/repairs/hotspots", {**RANGE, "order": "complaints"}
        )
    body = r.json()
    assert [h["name"] for h in body["items"]] == ["幸福小区", "西园小区"]
    assert body["items"][0]["categories"][0] == ["室温不达标/暖气不热", 2]
    bad = as_user(city.users["supervisor"]).get("/api/v1/repairs/hotspots", {"start": "1999-01-01"})
    assert bad.status_code == 422


def test_list_page_query_count(city, as_user, django_assert_max_num_queries):
    c = as_user(city.users["supervisor"])
    with time_machine.travel(DAY, tick=False):
        c.post(
            "/repairs/hotspots/create/",
            {**RANGE, "level": "building", "sites": [city.objects["b1"].pk, city.objects["b2"].pk]},
        )
    assert RepairItem.objects.count() == 2
    with django_assert_max_num_queries(15):
        assert c.get("/repairs/").status_code == 200
