"""The audit log: supervisors only, filterable and paged, and append-only."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.audit import record
from wennuan.core.models import AuditLog
from wennuan.core.roles import Role
from wennuan.registry.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def _client(role, **kw) -> Client:
    client = Client()
    client.force_login(UserFactory(username=f"audit-{role}", role=role, **kw))
    return client


def test_existing_entry_cannot_be_saved_again():
    entry = record(actor=None, action="test.write", summary="原文")
    entry.summary = "改过"
    with pytest.raises(ValueError):
        entry.save()
    assert AuditLog.objects.get(pk=entry.pk).summary == "原文"


def test_entry_cannot_be_deleted():
    entry = record(actor=None, action="test.write")
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditLog.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "role", [Role.GRID_WORKER, Role.STREET_STAFF, Role.DISTRICT_STAFF, Role.DISPATCHER, Role.HOTLINE_AGENT]
)
def test_audit_page_is_refused_to_everyone_but_supervisors(role):
    assert _client(role).get(reverse("core:audit")).status_code == 403


def test_supervisor_filters_the_audit_log_by_action_and_object():
    company = CompanyFactory()
    record(actor=None, action="admin.change", obj=company, summary="改了热线")
    record(actor=None, action="token.issue", summary="签发令牌")
    client = _client(Role.SUPERVISOR)
    by_action = client.get(reverse("core:audit"), {"action": "token.issue"})
    assert [e.action for e in by_action.context["page"]] == ["token.issue"]
    by_object = client.get(
        reverse("core:audit"), {"object_type": "registry.company", "object_id": company.pk}
    )
    assert [e.summary for e in by_object.context["page"]] == ["改了热线"]
    html = client.get(reverse("core:audit")).content.decode()
    assert "改了热线" in html and "签发令牌" in html


def test_audit_page_pages_with_few_queries(django_assert_max_num_queries):
    for i in range(120):
        record(actor=None, action="test.bulk", summary=f"第{i}条")
    client = _client(Role.SUPERVISOR)
    with django_assert_max_num_queries(8):
        resp = client.get(reverse("core:audit"), {"page": 2})
    page = resp.context["page"]
    # 120 entries and the supervisor's own sign-in (auth.login)
    assert page.number == 2 and len(page.object_list) == 50 and page.paginator.count == 121
