"""A database that cannot answer is a 503 with Retry-After (core/unavailable.py), never a 500."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.test import Client

from wennuan.core.unavailable import RETRY_AFTER_SECONDS


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.mark.urls("wennuan.core.tests.urls_failing")
def test_page_whose_database_is_gone_answers_503_with_retry_hint(browser):
    res = browser.get("/test-db-gone/")
    assert res.status_code == 503
    assert res["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "请稍后重试" in res.content.decode()


@pytest.mark.urls("wennuan.core.tests.urls_failing")
def test_api_whose_database_is_gone_answers_503_json(browser):
    res = browser.get("/api/test-db-gone/")
    assert res.status_code == 503
    assert res["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert res.json()["code"] == "database_unavailable"


@pytest.mark.urls("wennuan.core.tests.urls_failing")
def test_a_plain_bug_is_still_a_500(browser):
    res = browser.get("/test-bug/")
    assert res.status_code == 500
    assert "Retry-After" not in res


@pytest.mark.django_db
def test_database_lost_in_the_session_middleware_is_503_too(browser, monkeypatch):
    """Before any view runs: the session is read from the database that has just gone away."""

    def lost(self):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(SessionStore, "load", lost)
    browser.cookies["sessionid"] = "x" * 32
    res = browser.get("/")
    assert res.status_code == 503
    assert res["Retry-After"] == str(RETRY_AFTER_SECONDS)


@pytest.mark.django_db
def test_api_request_on_a_lost_database_is_503(browser, monkeypatch):
    """The ninja API re-raises what it does not handle; the answer is still 503 JSON, not 500."""
    from django.db.models.sql.compiler import SQLCompiler

    def lost(self, *args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(SQLCompiler, "execute_sql", lost)
    res = browser.get("/api/v1/cases/", HTTP_AUTHORIZATION="Bearer abc.def")
    assert res.status_code == 503
    assert res.json()["code"] == "database_unavailable"
