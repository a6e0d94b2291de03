from datetime import timedelta

import pytest
from django.utils import timezone

from wennuan.accounts.models import ApiToken
from wennuan.outages.models import Outage

from .factories import record

pytestmark = pytest.mark.django_db
API = "/api/v1/outages"


def as_user(client, user):
    _, key = ApiToken.issue(user=user, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def body(world, **extra):
    now = timezone.now()
    data = {
        "cause": "pipe_burst",
        "start": (now - timedelta(hours=30)).isoformat(),
        "expected_restore": (now + timedelta(hours=2)).isoformat(),
        "station_id": world.objects["s1"].pk,
    }
    data.update(extra)
    return data


def test_record_list_detail_households_restore(client, world):
    api = as_user(client, world.users["dispatcher"])
    r = api.post(f"{API}/", body(world, description="主管道爆管"), content_type="application/json")
    assert r.status_code == 201, r.content
    out = r.json()
    assert out["summary"] == "1户88.5平方米" and out["state"] == "ongoing" and out["liability"] == "company"
    assert out["refund_days"] == 1 and out["suspected_case_ids"] == []
    pk = out["id"]
    listed = api.get(f"{API}/?state=ongoing").json()
    assert [o["id"] for o in listed["items"]] == [pk]
    hh = api.get(f"{API}/{pk}/households").json()
    assert hh["count"] == 1 and hh["items"][0]["account"] == "A0001" and hh["items"][0]["refund_days"] == 1
    assert hh["items"][0]["resident_name"] == "王小英"
    r = api.post(f"{API}/{pk}/restore", {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["state"] == "restored" and r.json()["actual_restore"]
    assert api.post(f"{API}/{pk}/restore", {}, content_type="application/json").status_code == 409


def test_masked_roles_get_masked_households(client, world):
    outage = record(by=world.users["dispatcher"], station=world.objects["s1"])
    api = as_user(client, world.users["supervisor"])
    item = api.get(f"{API}/{outage.pk}/households").json()["items"][0]
    assert item["resident_name"] == "王*英" and item["phone"] == "138****5678"


def test_refusals(client, world):
    grid = as_user(client, world.users["grid"])
    assert grid.post(f"{API}/", body(world), content_type="application/json").status_code == 403
    api = as_user(client, world.users["dispatcher"])
    r = api.post(f"{API}/", body(world, station_id=world.objects["s3"].pk), content_type="application/json")
    assert r.status_code == 404
    r = api.post(f"{API}/", body(world, building_ids=[999999]), content_type="application/json")
    assert r.status_code == 404
    r = api.post(f"{API}/", body(world, cause="boiler"), content_type="application/json")
    assert r.status_code == 422
    r = api.post(f"{API}/", body(world, start="2026-13-40T00:00:00+08:00"), content_type="application/json")
    assert r.status_code == 422
    late = (timezone.now() + timedelta(hours=3)).isoformat()
    r = api.post(f"{API}/", body(world, start=late), content_type="application/json")
    assert r.status_code == 400 and "不能晚于现在" in r.json()["detail"]
    r = api.post(f"{API}/", body(world, description="x" * 501), content_type="application/json")
    assert r.status_code == 422
    assert not Outage.objects.exists()
    other = record(by=world.users["supervisor"], units=[world.objects["u2"]])
    assert api.get(f"{API}/{other.pk}").status_code == 404
    assert api.post(f"{API}/{other.pk}/restore", {}, content_type="application/json").status_code == 404
