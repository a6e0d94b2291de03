"""Triage inputs are bounded at the schema: 140,000 characters once burnt 79 s of CPU in one request."""

import time

import pytest
from django.urls import reverse

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.factories import UserFactory
from wennuan.triage.api import MAX_TEXT, MAX_TYPED


@pytest.fixture
def auth(db):
    _, key = ApiToken.issue(user=UserFactory(), name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_resolve_refuses_text_beyond_the_bound_at_once(city, client, auth):
    started = time.process_time()
    r = client.post(
        "/api/v1/triage/resolve", {"text": "六合小区" * 35_000}, content_type="application/json", **auth
    )
    assert r.status_code == 422
    assert time.process_time() - started < 2


def test_resolve_takes_text_up_to_the_bound(city, client, auth):
    text = ("六合小区3号楼2单元暖气不热" * 200)[:MAX_TEXT]
    r = client.post("/api/v1/triage/resolve", {"text": text}, content_type="application/json", **auth)
    assert r.status_code == 200


def test_suggest_refuses_a_query_beyond_the_bound(city, client, auth):
    assert client.get("/api/v1/triage/suggest", {"q": "六" * (MAX_TYPED + 1)}, **auth).status_code == 422
    assert client.get("/api/v1/triage/suggest", {"q": "六合", "limit": 10**30}, **auth).status_code == 422


def test_suggestion_page_reads_only_the_bound(city, client, auth):
    client.force_login(UserFactory())
    started = time.process_time()
    assert client.get(reverse("triage:suggest"), {"q": "六合小区" * 35_000}).status_code == 200
    assert time.process_time() - started < 2
