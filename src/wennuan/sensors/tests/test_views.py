"""The pages: the company's list (offline flagged, the at-standard share), registration, the household's
chart on its page, the station chart; scope decides what each role reads."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wennuan.cases.tests.factories import crew_for, dispatcher_for, grid_worker_for
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.sensors import selectors
from wennuan.sensors.ingest import store
from wennuan.sensors.models import Device

from .support import collector, every_10_min, message

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def reporting():
    now = timezone.now().replace(microsecond=0)
    warm = collector("SN-W")
    cold = collector("SN-C", HouseholdFactory(station=warm.household.station))
    silent = collector("SN-S", HouseholdFactory(station=warm.household.station))
    store([message("SN-W", t, 21.0) for t in every_10_min(now - timedelta(hours=2), now)]
          + [message("SN-C", t, 15.0) for t in every_10_min(now - timedelta(hours=2), now)]
          + [message("SN-S", now - timedelta(hours=4), 20.0)])  # fmt: skip
    return warm, cold, silent


def test_share_at_standard_per_company_counts_reporting_households(reporting):
    warm, cold, silent = reporting
    [share] = selectors.share_at_standard(user=dispatcher_for(warm.household.station.company))
    assert (share.households, share.at_standard, share.share) == (2, 1, 50.0)
    assert selectors.share_at_standard(user=dispatcher_for(HouseholdFactory().station.company)) == []


def test_the_company_list_shows_offline_collectors(client, reporting):
    warm, cold, silent = reporting
    client.force_login(dispatcher_for(warm.household.station.company))
    html = client.get(reverse("sensors:devices")).content.decode()
    assert "SN-W" in html and "离线" in html and "50.0%" in html
    html = client.get(reverse("sensors:devices") + "?offline=on").content.decode()
    assert "SN-S" in html and "SN-W" not in html


def test_the_household_page_shows_the_chart_and_the_station_chart(client, reporting):
    warm, cold, silent = reporting
    client.force_login(crew_for(warm.household.station))
    html = client.get(reverse("registry:household", args=[cold.household.account])).content.decode()
    assert 'id="household-chart"' in html and "/static/vendor/echarts/echarts.min.js" in html
    assert "//cdn" not in html
    html = client.get(reverse("sensors:household", args=[cold.household.account])).content.decode()
    assert "SN-C" in html and "household-chart-data" in html
    html = client.get(reverse("sensors:station", args=[warm.household.station_id])).content.decode()
    assert "SN-W" in html and "SN-C" in html and "station-chart" in html
    # another grid's worker: not in scope
    client.force_login(grid_worker_for(HouseholdFactory().grid))
    assert client.get(reverse("sensors:household", args=[cold.household.account])).status_code == 404
    assert client.get(reverse("sensors:station", args=[warm.household.station_id])).status_code == 404


def test_a_crew_registers_by_typing_the_serial(client):
    household = HouseholdFactory()
    client.force_login(crew_for(household.station))
    page = client.get(reverse("sensors:register")).content.decode()
    # The scanner is a static script (the CSP allows no inline one) that uses the browser's BarcodeDetector.
    assert "sensors/register.js" in page and 'name="serial"' in page
    r = client.post(reverse("sensors:register"), {"serial": "SN-NEW", "account": household.account,
                                                  "room_type": "main", "room_label": "客厅"})  # fmt: skip
    assert r.status_code == 302
    assert Device.objects.get().household == household
    r = client.post(reverse("sensors:register"), {"serial": "SN-X", "account": "NOPE", "room_type": "main"})
    assert "不存在或不在您的范围内" in r.content.decode()
    client.force_login(grid_worker_for(household.grid))
    assert client.get(reverse("sensors:register")).status_code == 403
