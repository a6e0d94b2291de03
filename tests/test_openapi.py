"""The OpenAPI document is served locally and the registry endpoints keep its promises.

schemathesis (v4) generates requests from /api/openapi.json and sends them through the WSGI app with a
supervisor's token: no 5xx, and every response matches its documented schema. Examples are bounded so
the whole file runs in seconds.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
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


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_registry_get_endpoints_conform_to_openapi(case, supervisor_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {supervisor_token}"}, checks=CHECKS)


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
