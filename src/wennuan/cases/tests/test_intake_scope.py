"""Intake by address never tells the caller a household outside their scope (as triage's answers don't)."""

import pytest

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases import routing
from wennuan.cases.models import Case
from wennuan.core.categories import Category
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.triage.enums import TriageStatus
from wennuan.triage.service import TriageResult

from .test_api import API

pytestmark = pytest.mark.django_db


@pytest.fixture
def triage_finds(monkeypatch):
    household = HouseholdFactory()

    result = TriageResult(status=TriageStatus.MATCHED, household_id=household.pk, category=Category.NOT_WARM)
    monkeypatch.setattr(routing, "triage_text", lambda text: result)
    return household


def _intake(client, user):
    client.force_login(user)
    body = {"channel": "online", "text": "暖气不热", "address": "幸福小区1号楼1单元101"}
    return client.post(f"{API}/", body, content_type="application/json")


def test_intake_by_address_withholds_a_household_outside_the_callers_scope(client, triage_finds):
    elsewhere = HouseholdFactory()
    grid_worker = UserFactory(role=Role.GRID_WORKER, grid=elsewhere.grid)

    r = _intake(client, grid_worker)

    assert r.status_code == 201
    assert r.json()["household_id"] is None
    assert Case.objects.get().household_id == triage_finds.pk  # routed all the same


def test_intake_by_address_shows_the_household_within_scope(client, triage_finds):
    r = _intake(client, UserFactory(role=Role.HOTLINE_AGENT))

    assert r.json()["household_id"] == triage_finds.pk
