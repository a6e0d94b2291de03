"""Defect 6 (issue 13): a 12345 platform knows the account number (户号), not our id. Intake takes
``account`` as well as ``household_id``, scoped exactly like it (404 outside scope), 422 when they
disagree or neither resolves."""

import pytest
from django.urls import reverse

from wennuan.cases.models import Case
from wennuan.registry.tests.factories import HouseholdFactory

from .test_api import bearer

pytestmark = pytest.mark.django_db
API = "/api/v1/cases"


def _body(n, **extra):
    return {"channel": "hotline_12345", "external_id": f"GD-A-{n}", "text": "暖气不热", **extra}


def _post(client, body):
    return client.post(f"{API}/", body, content_type="application/json")


def test_api_intake_by_account_routes_to_the_household(client, actors):
    bearer(client, actors.agent)
    r = _post(client, _body(1, account=actors.household.account))
    assert r.status_code == 201
    assert r.json()["household_id"] == actors.household.pk
    assert r.json()["station_id"] == actors.household.station_id


def test_api_intake_by_account_outside_scope_is_404(client, actors):
    other = HouseholdFactory()  # another company's household
    bearer(client, actors.dispatcher)
    r = _post(client, _body(2, account=other.account))
    assert r.status_code == 404
    assert not Case.objects.exists()


def test_api_intake_by_unknown_account_is_404(client, actors):
    bearer(client, actors.agent)
    assert _post(client, _body(3, account="NO-SUCH-ACCOUNT")).status_code == 404


def test_api_intake_with_agreeing_account_and_id(client, actors):
    bearer(client, actors.agent)
    r = _post(client, _body(4, account=actors.household.account, household_id=actors.household.pk))
    assert r.status_code == 201 and r.json()["household_id"] == actors.household.pk


def test_api_intake_with_disagreeing_account_and_id_is_422(client, actors):
    other = HouseholdFactory()
    bearer(client, actors.agent)
    r = _post(client, _body(5, account=other.account, household_id=actors.household.pk))
    assert r.status_code == 422 and "户号" in r.json()["detail"]
    assert not Case.objects.exists()


def test_api_intake_where_neither_resolves_is_422(client, actors):
    bearer(client, actors.agent)
    r = _post(client, _body(6, account="NO-SUCH-ACCOUNT", household_id=2**40))
    assert r.status_code == 422
    assert not Case.objects.exists()


def test_api_intake_overlong_account_is_422(client, actors):
    bearer(client, actors.agent)
    assert _post(client, _body(7, account="x" * 41)).status_code == 422


def test_api_batch_by_account_answers_per_ticket(client, actors):
    other = HouseholdFactory()
    bearer(client, actors.dispatcher)
    items = [
        _body(10, account=actors.household.account),
        _body(11, account=other.account),  # another company's: not in the dispatcher's scope
        _body(12, account=actors.household.account, household_id=other.pk),
        _body(13, account="NO-SUCH-ACCOUNT"),
    ]
    r = client.post(f"{API}/batch", {"items": items}, content_type="application/json")
    assert r.status_code == 200
    assert [x["status"] for x in r.json()["results"]] == [201, 404, 422, 404]
    assert Case.objects.get().household_id == actors.household.pk


def test_intake_form_by_account_outside_scope_is_refused(client, actors):
    other = HouseholdFactory()
    client.force_login(actors.dispatcher)
    body = {"channel": "company_hotline", "account": other.account, "text": "暖气不热"}
    r = client.post(reverse("cases:new"), body)
    assert r.status_code == 200 and "户号不存在" in r.content.decode()
    assert not Case.objects.exists()
