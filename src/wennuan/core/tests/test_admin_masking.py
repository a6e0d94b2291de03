"""The admin masks names and phones for the roles that see them masked on the pages, and does not search
by phone number for them, as the household search does not."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.tests.factories import UserFactory
from wennuan.cases.models import Case
from wennuan.cases.tests.factories import new_case
from wennuan.registry.tests.factories import HouseholdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_client():
    client = Client()
    client.force_login(UserFactory(username="sup", role=Role.SUPERVISOR, is_staff=True))
    return client


@pytest.fixture
def case():
    household = HouseholdFactory(resident_name="王小英", phone="13812345678")
    return new_case(household=household, reporter_name="王小英", reporter_phone="13812345678")


def test_case_admin_shows_the_reporter_masked_to_a_supervisor(supervisor_client, case):
    html = supervisor_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()

    assert "王小英" not in html and "13812345678" not in html
    assert "王*英" in html and "138****5678" in html


def test_case_admin_shows_the_reporter_to_a_superuser(case):
    client = Client()
    client.force_login(
        UserFactory(username="root", role=Role.HOTLINE_AGENT, is_staff=True, is_superuser=True)
    )
    html = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "13812345678" in html


def test_case_admin_phone_search_finds_nothing_for_a_masked_role(supervisor_client, case):
    url = reverse("admin:cases_case_changelist")
    assert supervisor_client.get(url, {"q": "13812345678"}).context["cl"].result_list.count() == 0
    assert supervisor_client.get(url, {"q": case.external_id}).context["cl"].result_list.count() == 1
    root = Client()
    root.force_login(UserFactory(username="root", role=Role.HOTLINE_AGENT, is_staff=True, is_superuser=True))
    assert root.get(url, {"q": "13812345678"}).context["cl"].result_list.count() == 1


def test_household_admin_shows_personal_data_masked(supervisor_client, case):
    url = reverse("admin:registry_household_change", args=[case.household_id])
    html = supervisor_client.get(url).content.decode()
    assert "王*英" in html and "王小英" not in html and "13812345678" not in html


def test_case_list_search_by_phone_finds_nothing_for_a_masked_role(client, case):
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    html = client.get(reverse("cases:list"), {"queue": "", "q": "13812345678"}).content.decode()
    assert f"/cases/{case.pk}/" not in html
    client.force_login(UserFactory(role=Role.HOTLINE_AGENT))
    html = client.get(reverse("cases:list"), {"queue": "", "q": "13812345678"}).content.decode()
    assert f"/cases/{case.pk}/" in html
    assert Case.objects.count() == 1
