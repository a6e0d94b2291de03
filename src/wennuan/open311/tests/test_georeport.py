"""GeoReport v2 at /open311/v2/: each resource as JSON and XML, the spec's filters and error bodies."""

from xml.etree import ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from wennuan.cases import routing
from wennuan.cases.enums import CaseState
from wennuan.cases.models import Case
from wennuan.cases.tests.factories import Actors, closed, new_case
from wennuan.registry.tests.factories import CityFactory

from . import factories as f

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


@pytest.fixture(autouse=True)
def _no_throttle_between_tests():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def jur():
    return f.jurisdiction()


def xml_of(response):
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def test_services_list_every_category_with_metadata_flags(client, jur):
    services = client.get(f"{BASE}/services.json").json()
    codes = {s["service_code"]: s for s in services}
    assert (
        codes["not_warm"]["metadata"] is True and codes["not_warm"]["service_name"] == "室温不达标/暖气不热"
    )
    assert {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"} <= set(
        codes["other"]
    )
    root = xml_of(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services" and len(root.findall("service")) == len(services)
    assert root.find("service/metadata").text in ("true", "false")


def test_service_definition_lists_attributes_and_values(client, jur):
    definition = client.get(f"{BASE}/services/leak.json").json()
    codes = [a["code"] for a in definition["attributes"]]
    assert definition["service_code"] == "leak" and "LEAK_WHERE" in codes
    leak_where = next(a for a in definition["attributes"] if a["code"] == "LEAK_WHERE")
    assert leak_where["datatype"] == "singlevaluelist" and leak_where["required"] is True
    assert {v["key"] for v in leak_where["values"]} == {"indoor", "stairwell", "outdoor"}
    root = xml_of(client.get(f"{BASE}/services/leak.xml"))
    assert root.tag == "service_definition"
    keys = [v.text for v in root.findall("attributes/attribute/values/value/key")]
    assert keys == ["indoor", "stairwell", "outdoor"]


def test_unknown_service_is_the_specs_404_body(client, jur):
    response = client.get(f"{BASE}/services/nope.json")
    assert response.status_code == 404
    assert response.json()[0]["code"] == 404 and "nope" in response.json()[0]["description"]
    root = xml_of(client.get(f"{BASE}/services/nope.xml"))
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_discovery_names_the_spec_and_both_formats(client, jur):
    body = client.get(f"{BASE}/discovery.json").json()
    endpoint = body["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/") and endpoint["formats"] == [
        "text/xml",
        "application/json",
    ]
    root = xml_of(client.get(f"{BASE}/discovery.xml"))
    assert [x.text for x in root.findall("endpoints/endpoint/formats/format")] == endpoint["formats"]


def test_post_with_a_bad_key_is_403_in_the_specs_words(client, jur):
    response = client.post(f"{BASE}/requests.json", {"api_key": "wrong", "service_code": "not_warm"})
    assert response.status_code == 403
    assert response.json() == [{"code": 403, "description": "Invalid api_key received -- can't proceed"}]
    response = client.post(f"{BASE}/requests.xml", {"service_code": "not_warm", "address_string": "x"})
    assert response.status_code == 403 and xml_of(response).find("error/code").text == "403"


def test_post_files_a_case_through_intake_and_reads_back_without_personal_data(client, jur, monkeypatch):
    household = f.placed_household(jur)
    c, key = f.client(jur)
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "service_code": "not_warm",
            "description": "屋里冷 王小英 13812345678",
            "attribute[HOUSEHOLD_ACCOUNT]": household.account,
            "attribute[ROOM_TEMP]": "15.5",
            "first_name": "小英",
            "last_name": "王",
            "phone": "13812345678",
            "address_string": "幸福小区",
        },
    )
    assert response.status_code == 200, response.content
    answer = response.json()[0]
    case = Case.objects.get(pk=answer["service_request_id"])
    assert case.household_id == household.pk and case.station_id == household.station_id  # routed
    assert case.created_by_id == c.user_id and "室温15.5℃" in case.text and case.reporter_name == "王小英"
    token = client.get(f"{BASE}/tokens/{answer['token']}.json").json()
    assert token == [{"service_request_id": case.pk, "token": answer["token"]}]
    for fmt in ("json", "xml"):
        body = client.get(f"{BASE}/requests/{case.pk}.{fmt}").content.decode()
        for private in ("王小英", "13812345678", "屋里冷"):
            assert private not in body
    row = client.get(f"{BASE}/requests/{case.pk}.json").json()[0]
    assert row["status"] == "open" and row["service_code"] == "not_warm"
    building = household.unit.building
    assert row["address"] == f"{building.estate.name}{building.label}"  # the building, never the room
    assert row["address_id"] == building.pk and row["lat"] == 36.06
    assert row["requested_datetime"].endswith("+08:00")


def test_a_retried_post_with_the_same_reference_creates_one_case(client, jur):
    household = f.placed_household(jur)
    _, key = f.client(jur)
    form = {"api_key": key, "service_code": "not_warm", "address_string": "某处", "client_reference": "APP-1",
            "attribute[HOUSEHOLD_ACCOUNT]": household.account}  # fmt: skip
    first = client.post(f"{BASE}/requests.json", form).json()[0]
    again = client.post(f"{BASE}/requests.json", form).json()[0]
    by_header = client.post(
        f"{BASE}/requests.json", {k: v for k, v in form.items() if k != "client_reference"},
        headers={"Idempotency-Key": "APP-1"},
    ).json()[0]  # fmt: skip
    assert first == again == by_header
    assert Case.objects.count() == 1


def test_bad_input_names_the_parameter_and_files_nothing(client, jur):
    _, key = f.client(jur)
    cases = [
        ({"service_code": "not_warm"}, "location"),
        ({"service_code": "nope", "address_string": "x"}, "service_code"),
        ({"service_code": "not_warm", "lat": "91", "long": "100"}, "lat"),
        ({"service_code": "not_warm", "lat": "abc", "long": "100"}, "lat"),
        ({"service_code": "not_warm", "address_string": "x", "attribute[ROOM_TEMP]": "99"}, "ROOM_TEMP"),
        ({"service_code": "not_warm", "address_string": "x", "attribute[COLOR]": "red"}, "COLOR"),
        ({"service_code": "leak", "address_string": "x"}, "LEAK_WHERE"),
        ({"service_code": "billing", "address_string": "x"}, "HOUSEHOLD_ACCOUNT"),
        ({"service_code": "not_warm", "address_string": "x" * 201}, "address_string"),
    ]
    for form, word in cases:
        response = client.post(f"{BASE}/requests.json", {"api_key": key, **form})
        assert response.status_code == 400, form
        assert word in response.json()[0]["description"], (form, response.json())
    assert Case.objects.count() == 0


def test_lat_long_goes_to_the_nearest_estate_with_coordinates(client, jur, monkeypatch):
    near = f.placed_household(jur, lat=36.0600, long=103.8300)
    f.placed_household(jur, lat=36.0700, long=103.8400)  # about 1.4 km away
    _, key = f.client(jur)
    seen = {}

    def route_text(*, text, address):
        seen["address"] = address
        return routing.Route(triage_status="ambiguous")

    monkeypatch.setattr(routing, "route_text", route_text)
    client.post(
        f"{BASE}/requests.json",
        {"api_key": key, "service_code": "not_warm", "lat": "36.0601", "long": "103.8301"},
    )
    building = near.unit.building
    assert seen["address"] == f"{building.estate.name}{building.label}"
    client.post(
        f"{BASE}/requests.json", {"api_key": key, "service_code": "not_warm", "lat": "37", "long": "104"}
    )
    assert seen["address"] == ""  # nothing within the jurisdiction's radius: the manual queue decides


def test_get_filters_by_id_code_status_and_dates(client, jur):
    household = f.placed_household(jur)
    actors = Actors(household)
    with time_machine.travel("2026-11-20 09:00 +08:00", tick=False):
        old = new_case(household=household, category="leak")
    with time_machine.travel("2026-11-28 09:00 +08:00", tick=False):
        fresh = new_case(household=household)
        done = closed(new_case(household=household, category="noise"), actors=actors)
    with time_machine.travel("2026-11-29 09:00 +08:00", tick=False):

        def ids(query, fmt="json"):
            response = client.get(f"{BASE}/requests.{fmt}?{query}")
            assert response.status_code == 200, response.content
            if fmt == "xml":
                return {int(x.text) for x in xml_of(response).findall("request/service_request_id")}
            return {r["service_request_id"] for r in response.json()}

        assert ids("") == {old.pk, fresh.pk, done.pk}
        assert ids(f"service_request_id={old.pk},{done.pk}&status=open") == {old.pk, done.pk}  # ids override
        assert ids("service_code=leak,noise") == {old.pk, done.pk}
        assert ids("status=closed") == {done.pk} == ids("status=closed", "xml")
        assert ids("status=open,closed") == {old.pk, fresh.pk, done.pk}
        assert ids("start_date=2026-11-27T00:00:00%2B08:00") == {fresh.pk, done.pk}
        assert ids("start_date=2026-11-27T00:00:00 08:00") == {fresh.pk, done.pk}  # "+" sent unescaped
        assert ids("end_date=2026-11-21T00:00:00Z") == {old.pk}
        for bad in ("status=done", "start_date=yesterday", "service_code=nope",
                    "start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z"):  # fmt: skip
            response = client.get(f"{BASE}/requests.json?{bad}")
            assert response.status_code == 400 and response.json()[0]["code"] == 400, bad


def test_xml_and_json_answers_agree_field_by_field(client, jur):
    household = f.placed_household(jur)
    new_case(household=household)
    closed(new_case(household=household, category="noise"), actors=Actors(household))
    as_json = client.get(f"{BASE}/requests.json").json()
    root = xml_of(client.get(f"{BASE}/requests.xml"))
    as_xml = [{child.tag: child.text for child in request} for request in root.findall("request")]
    assert len(as_json) == len(as_xml) == 2

    def text(value):
        if value is None:
            return None
        return str(value)

    assert [{k: text(v) for k, v in row.items()} for row in as_json] == as_xml
    services_json = client.get(f"{BASE}/services.json").json()
    services_xml = [{c.tag: c.text for c in s} for s in xml_of(client.get(f"{BASE}/services.xml"))]
    assert [
        {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in s.items()} for s in services_json
    ] == services_xml


def test_several_jurisdictions_need_an_id_and_keep_their_cases_apart(client, jur):
    other = f.jurisdiction("baiyin.gov.cn", city=CityFactory(name="白银市"))
    here = new_case(household=f.placed_household(jur))
    assert client.get(f"{BASE}/requests.json").status_code == 400
    ours = client.get(f"{BASE}/requests.json?jurisdiction_id=lanzhou.gov.cn").json()
    theirs = client.get(f"{BASE}/requests.json?jurisdiction_id=baiyin.gov.cn").json()
    assert [r["service_request_id"] for r in ours] == [here.pk] and theirs == []
    assert client.get(f"{BASE}/requests.json?jurisdiction_id=nowhere").status_code == 404
    _, key = f.client(other)
    response = client.post(f"{BASE}/requests.json", {"api_key": key, "jurisdiction_id": "lanzhou.gov.cn",
                                                      "service_code": "other", "address_string": "x"})  # fmt: skip
    assert response.status_code == 403


def test_without_a_public_reader_reading_needs_a_key(client):
    jur = f.jurisdiction(public=False)
    case = new_case(household=f.placed_household(jur))
    assert client.get(f"{BASE}/requests.json").status_code == 403
    _, key = f.client(jur)
    rows = client.get(f"{BASE}/requests.json?api_key={key}").json()
    assert [r["service_request_id"] for r in rows] == [case.pk]


def test_reads_follow_the_clients_scope(client, jur):
    from wennuan.core.roles import Role

    household = f.placed_household(jur)
    case = new_case(household=household)
    other = f.placed_household(jur)
    new_case(household=other)
    c, key = f.client(jur, role=Role.STATION_CREW)
    c.user.station = household.station
    c.user.save()
    rows = client.get(f"{BASE}/requests.json?api_key={key}").json()
    assert [r["service_request_id"] for r in rows] == [case.pk]


def test_a_client_over_its_rate_gets_429(client, jur):
    c, key = f.client(jur)
    c.requests_per_minute = 3
    c.save()
    codes = [client.get(f"{BASE}/services.json?api_key={key}").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get(f"{BASE}/services.json").status_code == 200  # others are not held back


def test_closed_cases_report_closed(client, jur):
    household = f.placed_household(jur)
    case = closed(new_case(household=household), actors=Actors(household))
    assert case.state == CaseState.CLOSED
    row = client.get(f"{BASE}/requests/{case.pk}.json").json()[0]
    assert row["status"] == "closed" and row["status_notes"] == "已归档"
    assert timezone.now()  # (the clock is real here)


def test_address_string_goes_to_triage_and_repeats_are_linked_as_for_any_intake(client, jur, monkeypatch):
    household = f.placed_household(jur)
    _, key = f.client(jur)
    seen = []

    def route_text(*, text, address):
        seen.append(address)
        return routing.route_household(household)

    monkeypatch.setattr(routing, "route_text", route_text)
    form = {"api_key": key, "service_code": "not_warm", "address_string": "幸福0小区1号楼2单元501"}
    first = client.post(f"{BASE}/requests.json", {**form, "client_reference": "A"}).json()[0]
    second = client.post(f"{BASE}/requests.json", {**form, "client_reference": "B"}).json()[0]
    assert seen == [form["address_string"]] * 2
    one, two = (
        Case.objects.get(pk=first["service_request_id"]),
        Case.objects.get(pk=second["service_request_id"]),
    )
    assert one.household_id == two.household_id == household.pk and one.station_id == household.station_id
    assert two.repeat_of_id == one.pk  # the intake's repeat rule holds for Open311 requests too
