"""Sign-in, sign-out, CSRF, password hashing, per-role home pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from wennuan.accounts.models import User
from wennuan.accounts.tests.factories import PASSWORD, UserFactory
from wennuan.accounts.tests.world import build_world
from wennuan.core.roles import Role

pytestmark = pytest.mark.django_db


def _csrf_from(resp) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', resp.content.decode()).group(1)


def test_passwords_are_stored_with_argon2():
    user = UserFactory(username="hash-me")
    assert user.password.startswith("argon2$")
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_login_without_csrf_token_is_refused():
    UserFactory(username="csrf-login")
    client = Client(enforce_csrf_checks=True)
    resp = client.post(reverse("login"), {"username": "csrf-login", "password": PASSWORD})
    assert resp.status_code == 403
    assert "_auth_user_id" not in client.session


def test_login_with_csrf_token_signs_in_and_lands_on_home():
    UserFactory(username="csrf-ok")
    client = Client(enforce_csrf_checks=True)
    token = _csrf_from(client.get(reverse("login")))
    resp = client.post(
        reverse("login"), {"username": "csrf-ok", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert resp.status_code == 302 and resp["Location"] == reverse("home")


def test_logout_by_get_is_not_allowed():
    client = Client()
    client.force_login(UserFactory(username="stay"))
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("home")).status_code == 200  # still signed in


def test_logout_post_needs_csrf_and_signs_out():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="leave"))
    home = client.get(reverse("home"))
    assert client.post(reverse("logout")).status_code == 403
    token = _csrf_from(home)  # the logout form in the top bar carries the token
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get(reverse("home")).status_code == 302  # back to the login page


def test_anonymous_visitor_is_sent_to_login_from_every_page():
    client = Client()
    for name in ("home", "registry:overview", "registry:estates", "registry:households", "core:audit"):
        resp = client.get(reverse(name))
        assert resp.status_code == 302 and resp["Location"].startswith(reverse("login")), name


@pytest.mark.parametrize("who", ["grid", "crew", "street", "supervisor"])
def test_home_shows_the_registry_figures_of_the_users_scope(who):
    world = build_world()
    client = Client()
    client.force_login(world.users[who])
    resp = client.get(reverse("home"))
    expected = {"grid": 2, "crew": 1, "street": 3, "supervisor": 4}[who]
    panels = dict(resp.context["panels"])
    assert panels["registry/panel_summary.html"]["data"].households == expected
    assert "我的范围" in resp.content.decode()


def test_menu_shows_import_and_audit_to_supervisors_only():
    world = build_world()
    for who, sees in (("supervisor", True), ("grid", False), ("street", False)):
        client = Client()
        client.force_login(world.users[who])
        html = client.get(reverse("home")).content.decode()
        assert "概览" in html and "住户" in html
        assert ("审计日志" in html) is sees and ("台账导入" in html) is sees, who


def test_role_missing_its_scope_is_invalid():
    from django.core.exceptions import ValidationError

    user = User(username="no-grid", role=Role.GRID_WORKER)
    with pytest.raises(ValidationError):
        user.full_clean()


@pytest.mark.django_db
def test_logout_tells_the_browser_to_drop_cached_pages(client):
    from wennuan.accounts.tests.factories import UserFactory as _UserFactory

    _UserFactory(username="logout-cache")
    client.login(username="logout-cache", password=PASSWORD)
    res = client.post("/logout/")
    assert res.status_code == 302
    assert res["Clear-Site-Data"] == '"cache"'
