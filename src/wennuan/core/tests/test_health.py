import re

import pytest


@pytest.mark.django_db
def test_health_answers_without_login(client):
    res = client.get("/api/health")
    assert res.status_code == 200
    body = res.json()
    assert body["status"] == "ok"
    assert body["database"] in ("sqlite", "postgresql")


@pytest.mark.django_db
def test_openapi_document_and_docs_page_are_served_locally(client):
    spec = client.get("/api/openapi.json")
    assert spec.status_code == 200
    assert spec.json()["info"]["title"].startswith("问暖")
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert links, "the docs page loads its scripts and styles"
    assert all(link.startswith("/") and not link.startswith("//") for link in links), links
