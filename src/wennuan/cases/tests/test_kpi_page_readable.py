"""The KPI page (issue #20): the mean handling time is labelled 平均办理时长, the table scrolls inside its box
with a sticky first column, and a ranking bar chart and a daily trend are drawn with the bundled ECharts."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from wennuan.cases.kpi_trend import daily_trend
from wennuan.cases.kpis import kpi_table

from .factories import new_case, resolved

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, actors):
    resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    new_case(household=actors.household)
    client.force_login(actors.supervisor)
    return client.get(reverse("cases:kpis")).content.decode()


def test_the_mean_handling_time_is_labelled_as_such(page):
    head = re.search(r"<thead>.*?</thead>", page, re.S).group(0)
    assert "平均办理时长(小时)" in head and "办理时限" not in head


def test_the_table_scrolls_inside_with_a_sticky_first_column(page):
    assert re.search(
        r'<div class="table-wrap table-scroll"><table id="kpi-table" class="sticky-first">', page
    )
    from django.contrib.staticfiles import finders

    css = Path(finders.find("wennuan/app.css")).read_text(encoding="utf-8")
    assert re.search(
        r"table\.sticky-first th:first-child, table\.sticky-first td:first-child \{ position: sticky; left: 0",
        css,
    )
    assert ".table-scroll {" in css and "overflow: auto" in css


def test_a_ranking_chart_and_a_daily_trend_with_local_echarts(page, actors):
    assert 'id="chart-ranking"' in page and 'id="chart-trend"' in page
    assert '<script src="/static/vendor/echarts/echarts.min.js">' in page
    assert '<script src="/static/cases/kpis.js">' in page and "<script>" not in page  # CSP: no inline script
    assert "cdn" not in page.lower()
    data = json.loads(
        re.search(r'<script id="kpi-chart-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["groups"] == [actors.household.station.company.name]
    assert sum(data["received"]) == 2 and sum(data["resolved"]) == 1
    assert data["days"][-1] == timezone.localdate().strftime("%m-%d")


def test_the_trend_counts_received_and_resolved_per_local_day(actors):
    resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    now = timezone.now()
    start = now - timezone.timedelta(days=3)
    trend = daily_trend(user=actors.supervisor, start=start, end=now + timezone.timedelta(hours=1))
    assert trend[-1]["day"] == timezone.localdate()
    assert trend[-1]["received"] == 1 and trend[-1]["resolved"] == 1
    assert trend[-1]["on_time_rate"] == 1.0
    assert all(d["received"] == 0 for d in trend[:-1])
    assert (
        kpi_table(user=actors.supervisor, start=start, end=now + timezone.timedelta(hours=1))["total"][
            "received"
        ]
        == 1
    )
