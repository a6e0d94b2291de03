"""The admin: staff supervisors only, every write audited, no personal data where it should not be."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.registry.models import Company
from wennuan.registry.tests.factories import CityFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_client():
    client = Client()
    client.force_login(UserFactory(username="admin-sup", role=Role.SUPERVISOR, is_staff=True))
    return client


def test_admin_is_refused_to_non_staff():
    client = Client()
    client.force_login(UserFactory(username="not-staff", role=Role.SUPERVISOR, is_staff=False))
    resp = client.get(reverse("admin:index"))
    assert resp.status_code == 302 and "/admin/login/" in resp["Location"]
    assert client.get(reverse("admin:registry_household_changelist")).status_code == 302


def test_staff_without_supervisor_role_cannot_use_registry_admin():
    client = Client()
    client.force_login(UserFactory(username="staff-grid", role=Role.DISTRICT_STAFF, is_staff=True))
    assert client.get(reverse("admin:registry_household_changelist")).status_code == 403


def test_supervisor_adds_a_company_and_the_audit_log_records_it(supervisor_client):
    city = CityFactory()
    resp = supervisor_client.post(
        reverse("admin:registry_company_add"), {"city": city.pk, "name": "新热力公司", "hotline": "96556"}
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    company = Company.objects.get(name="新热力公司")
    entry = AuditLog.objects.get(action="admin.add")
    assert (entry.object_type, entry.object_id, entry.actor_label) == (
        "registry.company",
        str(company.pk),
        "admin-sup",
    )


def test_supervisor_change_and_delete_are_audited(supervisor_client):
    city = CityFactory()
    company = Company.objects.create(city=city, name="旧名", hotline="")
    url = reverse("admin:registry_company_change", args=[company.pk])
    assert supervisor_client.post(url, {"city": city.pk, "name": "新名", "hotline": ""}).status_code == 302
    change = AuditLog.objects.get(action="admin.change")
    assert "新名" in change.summary and change.changes["admin"]
    delete_url = reverse("admin:registry_company_delete", args=[company.pk])
    assert supervisor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Company.objects.filter(pk=company.pk).exists()
    assert AuditLog.objects.filter(action="admin.delete", object_id=str(company.pk)).exists()


def test_household_admin_lists_no_names_or_phones(supervisor_client):
    HouseholdFactory(account="ADM001", resident_name="王小英", phone="13812345678")
    html = supervisor_client.get(reverse("admin:registry_household_changelist")).content.decode()
    assert "ADM001" in html
    assert "王小英" not in html and "13812345678" not in html and "138****5678" not in html


def test_household_change_form_hides_personal_data_from_supervisors(supervisor_client):
    h = HouseholdFactory(account="ADM002", resident_name="王小英", phone="13812345678")
    html = supervisor_client.get(reverse("admin:registry_household_change", args=[h.pk])).content.decode()
    assert "ADM002" in html and "13812345678" not in html and "王小英" not in html


def test_supervisor_cannot_make_anyone_superuser(supervisor_client):
    target = UserFactory(username="target", role=Role.GRID_WORKER)
    html = supervisor_client.get(reverse("admin:accounts_user_change", args=[target.pk])).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="role"' in html and 'name="grid"' in html
