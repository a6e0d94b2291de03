"""Defect 1 (issue 13): a complaint filed with a known household is classified from its text, just like
one filed by address; an agent's explicit category still wins."""

from datetime import timedelta

import pytest
from django.urls import reverse

from wennuan.cases import services
from wennuan.cases.enums import Channel
from wennuan.cases.models import Case
from wennuan.core.categories import Category, Priority

from .test_api import bearer

pytestmark = pytest.mark.django_db
API = "/api/v1/cases"
BURST = "主管道爆了，全楼停暖"


def _assert_burst(case):
    assert (case.category, case.priority) == (Category.BURST, Priority.EMERGENCY)
    assert case.resolve_due - case.received_at == timedelta(hours=24)


def test_household_intake_classifies_the_text(actors):
    case, _ = services.receive_case(channel=Channel.WALK_IN, text=BURST, household=actors.household)
    _assert_burst(case)


def test_household_intake_keeps_the_agents_category(actors):
    case, _ = services.receive_case(
        channel=Channel.WALK_IN, text=BURST, household=actors.household, category=Category.BILLING
    )
    assert (case.category, case.priority) == (Category.BILLING, Priority.NORMAL)


def test_batch_household_intake_classifies_the_text(actors):
    items = [
        {"channel": Channel.WALK_IN, "text": BURST, "household": actors.household},
        {"channel": Channel.WALK_IN, "text": BURST, "household": actors.household, "category": "billing"},
    ]
    first, second = services.receive_cases(items, by=actors.agent)
    _assert_burst(first.case)
    assert second.case.category == Category.BILLING


def test_api_intake_by_household_id_classifies_the_text(client, actors):
    bearer(client, actors.agent)
    body = {
        "channel": "hotline_12345",
        "external_id": "GD-C-1",
        "text": BURST,
        "household_id": actors.household.pk,
    }
    r = client.post(f"{API}/", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["category"] == Category.BURST
    _assert_burst(Case.objects.get(pk=r.json()["id"]))


def test_api_batch_by_household_id_classifies_the_text(client, actors):
    bearer(client, actors.agent)
    item = {
        "channel": "hotline_12345",
        "external_id": "GD-C-2",
        "text": BURST,
        "household_id": actors.household.pk,
    }
    r = client.post(f"{API}/batch", {"items": [item]}, content_type="application/json")
    assert r.status_code == 200 and r.json()["results"][0]["status"] == 201
    _assert_burst(Case.objects.get(external_id="GD-C-2"))


def test_intake_form_by_account_classifies_the_text(client, actors):
    client.force_login(actors.agent)
    body = {
        "channel": "hotline_12345",
        "external_id": "GD-C-3",
        "account": actors.household.account,
        "text": BURST,
    }
    r = client.post(reverse("cases:new"), body)
    assert r.status_code == 302
    _assert_burst(Case.objects.get(external_id="GD-C-3"))
