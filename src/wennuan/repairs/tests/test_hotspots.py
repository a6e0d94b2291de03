"""Hotspot ranking on the hand-made city of conftest.py."""

import pytest

from wennuan.cases.kpis import kpi_table
from wennuan.repairs.enums import HotspotOrder, SiteLevel
from wennuan.repairs.hotspots import hotspots

pytestmark = pytest.mark.django_db


def _by_name(rows):
    return {h.name: h for h in rows}


def test_estates_ranked_by_complaints_per_household(city, span):
    rows = hotspots(user=city.users["supervisor"], **span)
    assert [h.name for h in rows] == ["西园小区", "幸福小区"]  # 2 per 1 household before 3 per 3
    west, happy = rows
    assert (west.households, west.complaints, west.per_100) == (1, 2, 200.0)
    assert (happy.households, happy.complaints, happy.per_100) == (3, 3, 100.0)
    assert (happy.repeats, happy.repeat_rate) == (1, round(1 / 3, 4))
    assert (west.below_standard, west.readings, west.outages) == (1, 2, 1)
    assert (happy.below_standard, happy.outages) == (0, 0)
    assert happy.categories == [("室温不达标/暖气不热", 2), ("跑冒滴漏/管道漏水", 1)]
    assert happy.company == "热力一公司"  # heats two of its three households
    assert (happy.district, west.district) == ("城关区", "七里河区")


def test_other_orders(city, span):
    user = city.users["supervisor"]
    assert [h.name for h in hotspots(user=user, order=HotspotOrder.COMPLAINTS, **span)] == [
        "幸福小区",
        "西园小区",
    ]
    assert [h.name for h in hotspots(user=user, order=HotspotOrder.REPEAT_RATE, **span)][0] == "幸福小区"
    assert [h.name for h in hotspots(user=user, order=HotspotOrder.OUTAGES, **span)][0] == "西园小区"


def test_repeat_rate_is_the_kpi_selectors(city, span):
    """One formula: the hotspot's repeat rate is kpi_table's grouped by the site."""
    user = city.users["supervisor"]
    table = {r["group_id"]: r for r in kpi_table(user=user, group="estate", **span)["rows"]}
    for h in hotspots(user=user, **span):
        assert h.repeat_rate == table[h.site_id]["repeat_rate"]
        assert h.complaints == table[h.site_id]["received"]


def test_buildings_and_stations(city, span):
    user = city.users["supervisor"]
    buildings = _by_name(hotspots(user=user, level=SiteLevel.BUILDING, **span))
    assert set(buildings) == {"幸福小区1号楼", "西园小区2号楼"}
    stations = _by_name(hotspots(user=user, level=SiteLevel.STATION, **span))
    assert stations["一号站"].complaints == 2 and stations["一号站"].households == 1
    assert stations["三号站"].company == "热力二公司"
    assert stations["三号站"].outages == 1


def test_scope_narrows_the_figures(city, span):
    rows = _by_name(hotspots(user=city.users["dispatcher"], **span))  # 热力一公司: h1, h2 only
    assert set(rows) == {"幸福小区"}
    assert (rows["幸福小区"].households, rows["幸福小区"].complaints) == (2, 3)


def test_outside_the_range_nothing(city, span):
    later = {"start": span["end"], "end": span["end"] + (span["end"] - span["start"])}
    assert hotspots(user=city.users["supervisor"], **later) == []
