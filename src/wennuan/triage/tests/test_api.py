import pytest

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory


@pytest.fixture
def auth(db):
    _, key = ApiToken.issue(user=UserFactory(), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_resolve_endpoint(city, client, auth):
    r = client.post(
        "/api/v1/triage/resolve", {"text": "陆合小区14栋3门1201漏水"}, content_type="application/json", **auth
    )
    assert r.status_code == 200
    body = r.json()
    assert (body["status"], body["estate"], body["building"], body["category"]) == (
        "matched",
        "六合小区",
        "14号楼",
        "leak",
    )
    assert body["household_id"] == city["households"][body["account"]].pk


def test_suggest_endpoint(city, client, auth):
    r = client.get("/api/v1/triage/suggest", {"q": "六合"}, **auth)
    assert r.status_code == 200
    assert any(s["estate"] == "六合小区" for s in r.json())


def test_suggest_full_address_first(city, client, auth):
    r = client.get("/api/v1/triage/suggest", {"q": "六合小区3号楼2单元"}, **auth)
    first = r.json()[0]
    assert (first["estate"], first["building"], first["unit"]) == ("六合小区", "3号楼", "2单元")


def test_endpoints_need_auth(city, client):
    assert (
        client.post("/api/v1/triage/resolve", {"text": "x"}, content_type="application/json").status_code
        == 401
    )
    assert client.get("/api/v1/triage/suggest", {"q": "x"}).status_code == 401


def test_resolve_withholds_the_account_of_a_household_out_of_scope(city, client):
    from wennuan.core.roles import Role
    from wennuan.registry.tests.factories import StationFactory

    crew = UserFactory(username="crew-elsewhere", role=Role.STATION_CREW, station=StationFactory(name="别站"))
    _, key = ApiToken.issue(user=crew, name="crew")
    r = client.post(
        "/api/v1/triage/resolve",
        {"text": "陆合小区14栋3门1201漏水"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    body = r.json()
    assert (body["status"], body["estate"], body["building"]) == ("matched", "六合小区", "14号楼")
    assert body["account"] is None and body["household_id"] is None
    assert all(c["account"] is None for c in body["candidates"])
    suggestions = client.get(
        "/api/v1/triage/suggest", {"q": "六合小区3号楼2单元502"}, HTTP_AUTHORIZATION=f"Bearer {key}"
    ).json()
    assert suggestions and all(s["account"] is None for s in suggestions)
