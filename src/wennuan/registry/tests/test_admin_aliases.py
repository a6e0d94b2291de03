"""A building's other door plates are edited in its admin page; the change is in the audit log."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.registry.models import BuildingAlias

from .factories import BuildingFactory

pytestmark = pytest.mark.django_db


def _form(building, alias: str) -> dict:
    return {
        "estate": building.estate_id, "label": building.label, "door_address": building.door_address,
        "key_site": "", "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0", "aliases-MAX_NUM_FORMS": "1000",
        "aliases-0-name": alias, "aliases-0-id": "", "aliases-0-building": building.pk,
    }  # fmt: skip


def test_supervisor_adds_an_alias_and_it_is_audited():
    building = BuildingFactory()
    client = Client()
    client.force_login(UserFactory(username="sup-alias", role=Role.SUPERVISOR, is_staff=True))
    url = reverse("admin:registry_building_change", args=[building.pk])
    assert "楼栋别名门牌" in client.get(url).content.decode()

    resp = client.post(url, _form(building, "天水北路120号"))

    assert resp.status_code == 302, resp.content.decode()[:3000]
    assert list(BuildingAlias.objects.values_list("building_id", "name")) == [(building.pk, "天水北路120号")]
    entry = AuditLog.objects.get(action="admin.change")
    assert "天水北路120号" in str(entry.changes["admin"])


def test_staff_of_another_role_cannot_add_one():
    building = BuildingFactory()
    client = Client()
    client.force_login(UserFactory(username="ds-alias", role=Role.DISTRICT_STAFF, is_staff=True))
    url = reverse("admin:registry_building_change", args=[building.pk])
    assert client.post(url, _form(building, "天水北路120号")).status_code == 403
    assert not BuildingAlias.objects.exists()
