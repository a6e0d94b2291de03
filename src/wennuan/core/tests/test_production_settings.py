"""Production settings: no "*" host by default, a clean `check --deploy` behind HTTPS, a local-only CSP,
and demo users (with their published password) only when asked for."""

import os
import secrets
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from wennuan.accounts.enums import Role
from wennuan.accounts.management.commands import run
from wennuan.accounts.models import User
from wennuan.accounts.tests.factories import UserFactory


def _wennuan(tmp_path, *args, **env):
    # Nothing of the test process's environment that a deployment would not have (the e2e tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses).
    base = {k: v for k, v in os.environ.items() if not k.startswith(("WENNUAN_", "DJANGO_"))}
    base.update(WENNUAN_HOME=str(tmp_path), WENNUAN_DB=f"sqlite:///{tmp_path / 'w.db'}", **env)
    return subprocess.run([sys.executable, "-m", "wennuan", *args], env=base, capture_output=True, text=True)


def _setting(tmp_path, expr, **env):
    code = f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='wennuan.settings'; django.setup(); from django.conf import settings; print({expr})"
    base = {k: v for k, v in os.environ.items() if not k.startswith("WENNUAN_")}
    base.update(WENNUAN_HOME=str(tmp_path), **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, check=True
    ).stdout


HTTPS_ENV = {"WENNUAN_HTTPS": "1", "WENNUAN_SECRET_KEY": secrets.token_urlsafe(50),
             "WENNUAN_ALLOWED_HOSTS": "heat.example.gov.cn"}  # fmt: skip


def test_deploy_check_passes_without_a_warning_behind_https(tmp_path):
    result = _wennuan(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **HTTPS_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr and "System check identified no issues" in result.stdout


def test_deploy_check_fails_without_https(tmp_path):
    env = {k: v for k, v in HTTPS_ENV.items() if k != "WENNUAN_HTTPS"}
    result = _wennuan(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0 and "security.W004" in result.stderr


def test_allowed_hosts_is_never_a_wildcard_by_default(tmp_path):
    assert "*" not in _setting(tmp_path, "settings.ALLOWED_HOSTS")
    assert _setting(tmp_path, "settings.ALLOWED_HOSTS", WENNUAN_DEBUG="1").strip() == "['*']"


def test_public_url_follows_the_https_host(tmp_path):
    assert _setting(tmp_path, "settings.PUBLIC_URL", **HTTPS_ENV).strip() == "https://heat.example.gov.cn"
    url = _setting(tmp_path, "settings.PUBLIC_URL", WENNUAN_PUBLIC_URL="https://x.example/").strip()
    assert url == "https://x.example"


@pytest.mark.django_db
def test_every_page_carries_a_local_only_content_security_policy(client):
    client.force_login(UserFactory(role=Role.SUPERVISOR))
    for url in (reverse("login"), reverse("registry:overview"), "/api/docs"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy


@pytest.mark.django_db
def test_pages_have_no_inline_script(client):
    import re

    client.force_login(UserFactory(role=Role.SUPERVISOR))
    for url in (reverse("registry:overview"), reverse("cases:new"), reverse("home")):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or "application/json" in tag, (url, tag)
        assert not re.search(r"\son(click|change|submit|load)=", html), url


@pytest.fixture
def quiet_run(monkeypatch):
    from django.conf import settings

    monkeypatch.setattr(run.Command, "_serve", lambda self, *a: None)
    # `run --demo` widens these for the process it serves; put them back for the other tests.
    monkeypatch.setattr(settings, "ALLOWED_HOSTS", list(settings.ALLOWED_HOSTS))
    monkeypatch.setattr(settings, "PUBLIC_URL", settings.PUBLIC_URL)


@pytest.mark.django_db
def test_run_without_demo_creates_no_user(quiet_run):
    out = StringIO()
    call_command("run", "--no-scheduler", stdout=out)
    assert not User.objects.exists()
    assert "未加 --demo" in out.getvalue() and "wennuan-demo" not in out.getvalue()


@pytest.mark.django_db
def test_run_with_demo_seeds_and_says_so(quiet_run):
    out = StringIO()
    call_command("run", "--no-scheduler", "--demo", "--demo-households", "60", stdout=out)
    assert User.objects.filter(username="supervisor", is_superuser=False).exists()
    assert "--demo" in out.getvalue() and "wennuan-demo" in out.getvalue()


def _web_templates():
    """Every template of every app that a browser renders (print templates for WeasyPrint carry `@page`
    and never meet the CSP)."""
    from pathlib import Path

    import wennuan

    for path in sorted(Path(wennuan.__file__).parent.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        if "@page" not in text:
            yield path, text


def test_no_web_template_has_inline_script_or_style():
    """The CSP refuses inline script and style: written into a template they silently do nothing, so every
    page (today's and tomorrow's) keeps them in static files."""
    import re

    found = []
    for path, text in _web_templates():
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "application/json" not in tag:
                found.append((path.name, tag))
        found += [(path.name, m) for m in re.findall(r"<style\b|\sstyle=\"|\son[a-z]+=\"", text)]
    assert not found, found


def test_no_form_widget_has_an_inline_style_or_handler():
    """A widget's attributes reach the page too: a style or on… attribute there is refused by the CSP as
    one written into a template would be."""
    import importlib
    import inspect
    import pkgutil

    from django import forms

    import wennuan

    found = []
    for info in pkgutil.walk_packages(wennuan.__path__, "wennuan."):
        if ".forms" not in info.name or ".tests" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                for field_name, field in cls.base_fields.items():
                    found += [
                        (name, field_name, a)
                        for a in field.widget.attrs
                        if a == "style" or a.startswith("on")
                    ]
    assert not found, found
