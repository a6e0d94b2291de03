"""Only a superuser edits superusers and staff flags: a supervisor who runs the accounts cannot set a
superuser's password (and sign in as it), delete it, or let anyone into the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.models import User
from wennuan.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW = "taken-over-1234"


@pytest.fixture
def supervisor_client():
    client = Client()
    client.force_login(UserFactory(username="sup", role=Role.SUPERVISOR, is_staff=True))
    return client


@pytest.fixture
def root():
    return UserFactory(username="root", role="", is_staff=True, is_superuser=True)


def test_supervisor_cannot_set_a_superusers_password(supervisor_client, root):
    url = reverse("admin:auth_user_password_change", args=[root.pk])

    assert supervisor_client.get(url).status_code == 403
    r = supervisor_client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})

    assert r.status_code == 403
    root.refresh_from_db()
    assert root.check_password(PASSWORD) and not root.check_password(NEW)


def test_supervisor_cannot_change_or_delete_a_superuser(supervisor_client, root):
    change = reverse("admin:accounts_user_change", args=[root.pk])
    r = supervisor_client.post(change, {"username": "root", "first_name": "x", "role": Role.SUPERVISOR})
    assert r.status_code == 403
    r = supervisor_client.post(reverse("admin:accounts_user_delete", args=[root.pk]), {"post": "yes"})
    assert r.status_code == 403
    assert User.objects.filter(pk=root.pk, is_superuser=True, first_name="张三").exists()


def test_supervisor_cannot_grant_the_staff_flag(supervisor_client):
    target = UserFactory(username="gw", role=Role.GRID_WORKER)
    html = supervisor_client.get(reverse("admin:accounts_user_change", args=[target.pk])).content.decode()
    assert 'name="is_staff"' not in html
    add = supervisor_client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="is_staff"' not in add


def test_superuser_still_edits_superusers(root):
    other = UserFactory(username="root2", role="", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    url = reverse("admin:auth_user_password_change", args=[other.pk])
    r = client.post(url, {"password1": NEW, "password2": NEW, "usable_password": "true"})
    assert r.status_code == 302
    other.refresh_from_db()
    assert other.check_password(NEW)
    assert (
        'name="is_staff"'
        in client.get(reverse("admin:accounts_user_change", args=[other.pk])).content.decode()
    )
