"""Admin writes are audited with each changed field's old and new value; campaigns and phases included."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import AuditLog
from wennuan.registry.models import Company
from wennuan.registry.tests.factories import CityFactory
from wennuan.visits.tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_client():
    client = Client()
    client.force_login(UserFactory(username="sup", role=Role.SUPERVISOR, is_staff=True))
    return client


def test_admin_change_records_old_and_new_values(supervisor_client):
    city = CityFactory()
    company = Company.objects.create(city=city, name="旧名", hotline="96000")
    url = reverse("admin:registry_company_change", args=[company.pk])

    assert (
        supervisor_client.post(url, {"city": city.pk, "name": "新名", "hotline": "96000"}).status_code == 302
    )

    entry = AuditLog.objects.get(action="admin.change")
    assert entry.changes["values"] == {"name": ["旧名", "新名"]}


def test_campaign_and_phase_changes_in_the_admin_are_audited(supervisor_client):
    phase = PhaseFactory()
    campaign = phase.campaign
    url = reverse("admin:visits_phase_change", args=[phase.pk])
    data = {"campaign": campaign.pk, "number": phase.number, "name": "第二轮", "starts_on": "2025-11-05",
            "ends_on": "2025-12-20"}  # fmt: skip

    r = supervisor_client.post(url, data)

    assert r.status_code == 302, r.content.decode()[:3000]
    entry = AuditLog.objects.get(action="admin.change", object_type="visits.phase")
    assert entry.changes["values"]["name"] == ["第一阶段", "第二轮"]
    assert entry.changes["values"]["ends_on"] == ["2025-12-05", "2025-12-20"]
    phase.refresh_from_db()
    assert phase.ends_on == dt.date(2025, 12, 20)


def test_supervisor_reads_but_cannot_edit_the_audit_log_in_the_admin(supervisor_client):
    entry = AuditLog.objects.create(action="x", summary="y", at=dt.datetime(2025, 11, 6, tzinfo=dt.UTC))
    assert supervisor_client.get(reverse("admin:core_auditlog_changelist")).status_code == 200
    r = supervisor_client.post(reverse("admin:core_auditlog_change", args=[entry.pk]), {"summary": "z"})
    assert r.status_code == 403
