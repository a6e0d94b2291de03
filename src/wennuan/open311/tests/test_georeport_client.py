"""The real PyPI client ``georeport`` against a live server: it lists services, reads a definition, and
reads back a request posted at the same root (georeport 0.3.1 has no method to post, so the POST goes
through ``requests``, the library georeport itself sends with). XML and JSON must tell the same."""

import pytest
import requests
from georeport import GeoReport

from wennuan.cases import routing

from . import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def root(live_server):
    from django.core.cache import cache

    cache.clear()
    return f"{live_server.url}/open311/v2"


def test_georeport_client_lists_services_posts_and_reads_back(root, monkeypatch):
    jur = f.jurisdiction()
    household = f.placed_household(jur)
    _, key = f.client(jur)
    monkeypatch.setattr(routing, "route_text", lambda **kw: routing.Route(triage_status="ambiguous"))
    as_json = GeoReport(root, jurisdiction=jur.code, api_key=key)
    as_xml = GeoReport(root, jurisdiction=jur.code, api_key=key, output_format="xml")

    services = as_json.get_service_list()
    assert {s["service_code"] for s in services} >= {"not_warm", "leak", "billing"}
    assert [s["service_code"] for s in as_xml.get_service_list()] == [s["service_code"] for s in services]
    definition = as_json.get_service_definition("leak")
    xml_definition = as_xml.get_service_definition("leak")
    assert [a["code"] for a in definition["attributes"]] == [
        a["code"] for a in xml_definition["attributes"]["attribute"]
    ]

    posted = requests.post(
        f"{root}/requests.json",
        data={
            "api_key": as_json.api_key,
            "jurisdiction_id": jur.code,
            "service_code": "not_warm",
            "attribute[HOUSEHOLD_ACCOUNT]": household.account,
            "address_string": "幸福小区",
            "description": "Radiators cold since Tuesday",
            "client_reference": "APP-42",
        },  # fmt: skip
        timeout=30,
    )
    assert posted.status_code == 200, posted.text
    request_id = posted.json()[0]["service_request_id"]

    one = as_json.get_service_request(str(request_id))
    one_xml = as_xml.get_service_request(str(request_id))
    assert one["service_request_id"] == request_id and one["status"] == "open"
    assert one_xml["service_request_id"] == str(request_id) and one_xml["status"] == "open"
    assert {k: (None if v is None else str(v)) for k, v in one.items()} == dict(one_xml)
    listed = as_json.get_service_requests(service_code="not_warm", status="open")
    assert [r["service_request_id"] for r in listed] == [request_id]
    assert as_xml.get_service_requests(service_request_id=str(request_id))["service_code"] == "not_warm"
