"""The OpenAPI document is served locally and the endpoints keep its promises.

schemathesis (v4) generates requests from /api/openapi.json and sends them through the WSGI app with a
supervisor's token: no 5xx, and every response matches its documented schema. Besides what the schema
allows, the inputs include what a careless or hostile client sends: NaN, ±Infinity and 1e308 for every
number of a body or query, and dates from 0001-01-01 to 9999-12-31, naive date-times among them.
Examples are bounded so the whole file runs in seconds.
"""

import datetime as dt
import json
import math
from urllib.parse import urlencode

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error, response_schema_conformance

from wennuan.accounts.models import ApiToken
from wennuan.accounts.tests.world import build_world
from wennuan.wsgi import application

CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wsgi_keeps_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's connection (and with it the
    transaction holding the test data) at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def supervisor_token(db, wsgi_keeps_test_connection):
    world = build_world()
    _, key = ApiToken.issue(user=world.users["supervisor"], name="schemathesis")
    return key


# Fetching the document needs no database: ninja builds it from the routes.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex=r"^/api/v1/registry/", method="GET"
)

# Dates and moments anywhere in the calendar, naive or not: the API must answer 4xx, never 5xx.
EXTREME_DATES = st.one_of(
    st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1969, 12, 31)]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
EXTREME_MOMENTS = st.one_of(
    st.sampled_from(["0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00", "2026-11-01T08:00:00"]),
    st.datetimes(
        min_value=dt.datetime(1, 1, 2),
        max_value=dt.datetime(9999, 12, 30),
        timezones=st.none() | st.just(dt.UTC),
    ).map(dt.datetime.isoformat),
)
schemathesis.openapi.format("date", EXTREME_DATES.map(dt.date.isoformat))
schemathesis.openapi.format("date-time", EXTREME_MOMENTS)
ABSURD_NUMBERS = [math.nan, math.inf, -math.inf, 1e308, -1e308]


def _absurd(value) -> st.SearchStrategy:
    """``value`` with each number in it possibly replaced by NaN, ±Infinity or ±1e308."""
    if isinstance(value, bool):
        return st.just(value)
    if isinstance(value, int | float):
        return st.sampled_from([value, *ABSURD_NUMBERS])
    if isinstance(value, dict):
        return st.fixed_dictionaries({k: _absurd(v) for k, v in value.items()})
    if isinstance(value, list):
        return st.tuples(*(_absurd(v) for v in value)).map(list)
    return st.just(value)


# The endpoints that take numbers and dates from a client: temperatures, readings, ids, KPI and list days.
hostile = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    path_regex=r"^/api/v1/(cases|visits|triage)/"
)


@hostile.hook
def flatmap_body(context, body):
    return _absurd(body)


@hostile.hook
def flatmap_query(context, query):
    strings = {"NaN", "Infinity", "-Infinity", "1e400", "0001-01-01", "9999-12-31"}
    return st.fixed_dictionaries(
        {
            k: st.sampled_from([v, *strings]) if isinstance(v, int | float | str) else st.just(v)
            for k, v in (query or {}).items()
        }
    )


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_registry_get_endpoints_conform_to_openapi(case, supervisor_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {supervisor_token}"}, checks=CHECKS)


@hostile.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_numbers_and_dates_beyond_reason_are_refused_not_crashed_on(case, supervisor_token):
    auth = {"Authorization": f"Bearer {supervisor_token}"}
    try:
        # A top-level number is a body too (NaN where the schema wants an object): checked like the rest.
        json.dumps(
            case.body if isinstance(case.body, dict | list | float | int | str) else None, allow_nan=False
        )
    except ValueError:
        # NaN and Infinity are no JSON, so requests will not send them; JavaScript's and Python's own
        # encoders do. Sent as such through Django's client, they must be a 4xx.
        path = case.formatted_path + ("?" + urlencode(case.query, doseq=True) if case.query else "")
        response = Client().generic(
            case.method, path, json.dumps(case.body), content_type="application/json",
            HTTP_AUTHORIZATION=auth["Authorization"],
        )  # fmt: skip
        # Django's test client connects close_old_connections again when it is done: keep it off for the
        # WSGI calls that follow, which would otherwise close the test's connection (on PostgreSQL).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        assert response.status_code < 500, (case.method, path, case.body, response.content[:500])
        return
    case.call_and_validate(headers=auth, checks=[not_a_server_error])


@pytest.mark.django_db
def test_openapi_lists_the_registry_endpoints():
    paths = Client().get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/v1/registry/districts",
        "/api/v1/registry/tree",
        "/api/v1/registry/companies",
        "/api/v1/registry/estates",
        "/api/v1/registry/estates/{estate_id}/buildings",
        "/api/v1/registry/households",
        "/api/v1/registry/households/{account}",
    ):
        assert "get" in paths[path], path


@pytest.mark.django_db
def test_api_docs_page_loads_nothing_from_outside():
    resp = Client().get("/api/docs")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html and "//cdn" not in html
