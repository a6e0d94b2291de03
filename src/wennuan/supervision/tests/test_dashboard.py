"""The dashboard shows what the KPI API answers for the same range, and links each figure to its list."""

import re
from datetime import timedelta

import pytest

from wennuan.supervision import fold

from .test_kpis import season  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _page_kpis(html: str) -> dict:
    return dict(re.findall(r'data-kpi="([a-z_0-9]+)" data-value="([^"]*)"', html))


@pytest.mark.parametrize("who", ["supervisor", "dispatcher"])
def test_each_kpi_on_the_dashboard_equals_the_api_on_the_same_range(client, season, who):  # noqa: F811
    world = season["world"]
    user = getattr(world["a"], who)
    client.force_login(user)
    first, last = world["t0"].date() - timedelta(days=2), world["t0"].date() + timedelta(days=6)
    page = client.get("/supervision/", {"start": first, "end": last})
    assert page.status_code == 200
    shown = _page_kpis(page.content.decode())
    api = client.get("/api/v1/supervision/kpis", {"start": first, "end": last}).json()
    assert len(shown) == len(api["kpis"]) >= 13
    for k in api["kpis"]:
        expected = "" if k["value"] is None else str(k["value"])
        assert shown[k["key"]] == expected, k["key"]
    assert 'data-count="received">5<' in page.content.decode() if who == "supervisor" else True


def test_figures_link_to_the_lists_behind_them(client, season):  # noqa: F811
    world = season["world"]
    boss = world["a"].supervisor
    client.force_login(boss)
    html = client.get("/supervision/").content.decode()
    today = world["tm"] and world["t0"].date() + timedelta(days=3)
    overdue = re.search(r'href="([^"]+)" data-tile="overdue"', html).group(1).replace("&amp;", "&")
    listed = client.get(overdue)
    assert listed.status_code == 200
    opened = re.search(r'href="([^"]+)" data-tile="open"', html).group(1).replace("&amp;", "&")
    page = client.get(opened).content.decode()
    tiles = dict(re.findall(r'data-tile="([a-z_]+)"><div class="num">([0-9,]+)<', html))
    assert page.count('href="/cases/') >= int(tiles["open"]) > 0
    received = re.search(r'href="([^"]+)" data-tile="received_today"', html).group(1)
    assert f"received_from={today.isoformat()}" in received


def test_a_scope_outside_the_users_is_404_and_a_bad_one_422(client, season):  # noqa: F811
    world = season["world"]
    client.force_login(world["a"].dispatcher)
    other = world["b"].household.station.company_id
    assert client.get("/api/v1/supervision/kpis", {"scope": f"company:{other}"}).status_code == 404
    assert client.get("/api/v1/supervision/kpis", {"scope": "planet:1"}).status_code == 422
    assert client.get("/supervision/", {"scope": f"company:{other}"}).status_code == 404


def test_the_sweep_keeps_the_dashboard_current(client, world):
    from wennuan.cases.tests.factories import new_case
    from wennuan.core import periodic

    client.force_login(world["a"].supervisor)
    new_case(household=world["a"].household)
    periodic.run_all()
    html = client.get("/supervision/").content.decode()
    assert re.search(r'data-tile="received_today"><div class="num">1<', html)
    assert fold.fold()["changed"] == 0
