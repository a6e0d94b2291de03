"""The hall API for accounts, statements and payment imports."""

import pytest

from wennuan.hall.models import Payment

from .factories import pay, season_of

pytestmark = pytest.mark.django_db
API = "/api/v1/hall"


def test_household_account_in_scope_only(client, world):
    h1, h4 = world.households["h1"], world.households["h4"]
    pay(h1, "100", receipt="R1")
    client.force_login(world.users["dispatcher"])
    body = client.get(f"{API}/households/{h1.account}/account").json()
    fee = body["statement"]["fee"]
    assert float(body["statement"]["paid"]) == 100.0 and float(fee) == float(h1.area) * 27
    assert body["payments"][0]["receipt_no"] == "R1"
    assert client.get(f"{API}/households/{h4.account}/account").status_code == 404


def test_import_over_the_api_answers_every_bad_row(client, world):
    client.force_login(world.users["supervisor"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("p.csv", "户号,缴费金额,缴费日期,收费单号\nA0001,x,2025-11-03,S1\n".encode())
    resp = client.post(f"{API}/payments/import", {"file": bad})
    assert resp.status_code == 422
    assert resp.json()["errors"] == [
        {"row": 2, "column": "缴费金额", "reason": "缴费金额不是数字", "value": "x"}
    ]
    good = SimpleUploadedFile("p.csv", "户号,缴费金额,缴费日期,收费单号\nA0001,10,2025-11-03,S1\n".encode())
    assert client.post(f"{API}/payments/import", {"file": good}).json()["created"] == 1
    good.seek(0)
    assert client.post(f"{API}/payments/import", {"file": good}).json()["unchanged"] == 1
    assert Payment.objects.count() == 1


def test_compute_and_list_statements(client, world):
    season = season_of(world.households["h1"])
    client.force_login(world.users["dispatcher"])
    assert (
        client.post(
            f"{API}/statements/compute", {"season_id": season.pk}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(world.users["supervisor"])
    resp = client.post(f"{API}/statements/compute", {"season_id": season.pk}, content_type="application/json")
    assert resp.json()["households"] == 4
    client.force_login(world.users["grid"])
    page = client.get(f"{API}/statements?season_id={season.pk}").json()
    assert {i["account"] for i in page["items"]} == {"A0001", "A0003"}
