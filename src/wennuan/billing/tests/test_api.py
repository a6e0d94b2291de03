"""The billing API: the engine, a measurement by the method (or refused with reasons), the scoped ledger."""

import base64

import pytest

from wennuan.cases.tests.factories import crew_for, dispatcher_for, new_case
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import StationFactory

from .conftest import local
from .factories import PNG, household_with_tariff, measure

pytestmark = pytest.mark.django_db

LINE = {
    "id": "X1", "city": "default", "season": ["2025-11-01", "2026-03-31"], "area_m2": 100, "price_per_m2": 27,
    "readings": [
        {"at": "2025-12-10T09:30+08:00", "celsius": 15.0, "signed": True},
        {"at": "2025-12-14T09:30+08:00", "celsius": 18.3, "signed": True},
    ],
}  # fmt: skip


def test_compute_is_the_cli_line(client, in_season):
    client.force_login(crew_for(StationFactory()))
    body = client.post("/api/v1/billing/compute", {"line": LINE}, content_type="application/json").json()
    assert body["refund_yuan"] == 35.76 and body["id"] == "X1"
    bad = client.post("/api/v1/billing/compute", {"line": {"id": 1}}, content_type="application/json").json()
    assert "season" in bad["error"] or "city" in bad["error"]


def _payload(case_id, **over):
    at = "2025-12-10T09:30:00+08:00"
    body = {
        "case_id": case_id, "measured_at": at, "instrument_serial": "TM-1", "certificate_no": "JD-1",
        "outdoor_celsius": -6, "latitude": 36.06, "longitude": 103.83, "company_signed": True,
        "resident_signed": True, "photo_base64": base64.b64encode(PNG).decode(),
        "rooms": [{
            "name": "卧室", "height_m": 1.2, "doors_closed_since": "2025-12-10T08:50:00+08:00", "stable_change": 0.1,
            "readings": [{"at": f"2025-12-10T09:3{k}:00+08:00", "celsius": 15.0} for k in range(3)],
        }],
    }  # fmt: skip
    body.update(over)
    return body


def test_a_measurement_by_the_method_is_stored_and_a_bad_one_refused(client, in_season):
    household = household_with_tariff()
    case = new_case(household=household, category=Category.REFUND, text="申请测温")
    client.force_login(crew_for(household.station))
    bad = client.post(
        "/api/v1/billing/measurements", _payload(case.pk, photo_base64=None), content_type="application/json"
    )
    assert bad.status_code == 422 and "须上传现场照片" in bad.json()["detail"]
    ok = client.post("/api/v1/billing/measurements", _payload(case.pk), content_type="application/json")
    assert ok.status_code == 201, ok.content
    assert ok.json()["compliant"] is False and ok.json()["lowest_celsius"] == "15.0"
    hot = client.post(
        "/api/v1/billing/measurements", _payload(case.pk, outdoor_celsius=99), content_type="application/json"
    )
    assert hot.status_code == 422
    other = crew_for(StationFactory())
    client.force_login(other)
    assert (
        client.post(
            "/api/v1/billing/measurements", _payload(case.pk), content_type="application/json"
        ).status_code
        == 404
    )


def test_the_ledger_is_scoped_to_the_company(client, in_season):
    household = household_with_tariff()
    crew = crew_for(household.station)
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    measure(household, crew, local("2025-12-14T09:30"), "18.3")
    client.force_login(dispatcher_for(household.station.company))
    body = client.get("/api/v1/billing/ledger").json()
    assert body["households"] == 1 and body["items"][0]["amount"] == "35.76"
    client.force_login(dispatcher_for(StationFactory().company))
    assert client.get("/api/v1/billing/ledger").json()["count"] == 0
    assert client.get("/api/v1/billing/ledger", {"season_id": 0}).status_code == 422
