import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from wennuan.accounts.models import ApiToken
from wennuan.registry.tests.factories import GridFactory, HouseholdFactory
from wennuan.visits import services
from wennuan.visits.models import Problem, Visit, VisitTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated(phase, households, supervisor):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    return phase


def _auth(user):
    _, key = ApiToken.issue(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _visit(household, **kw):
    return {"client_id": str(uuid.uuid4()), "household_id": household.pk, "outcome": "visited",
            "visited_at": "2025-11-06T10:00:00+08:00", **kw}  # fmt: skip


def _sync(client, user, visits):
    return client.post(
        "/api/v1/visits/sync", json.dumps({"visits": visits}), content_type="application/json", **_auth(user)
    )


def test_tasks_lists_my_grid_in_visiting_order(client, worker, generated, households):
    households[2].priority_groups = "low_income"
    households[2].save()
    VisitTask.objects.filter(household=households[2]).update(order_group=0)
    rows = client.get(f"/api/v1/visits/tasks?phase={generated.pk}", **_auth(worker)).json()
    assert [r["household_id"] for r in rows][0] == households[2].pk
    assert len(rows) == 3 and rows[0]["priority_groups"] == ["低保户"]


def test_sync_is_idempotent_by_client_id(client, worker, generated, households):
    batch = [_visit(households[0], phase_id=generated.pk, readings=[{"room": "卧室", "celsius": 17.2}]),
             _visit(households[1], phase_id=generated.pk, outcome="not_home")]  # fmt: skip
    first = _sync(client, worker, batch).json()
    again = _sync(client, worker, batch).json()
    assert (first["created"], first["updated"]) == (2, 0)
    assert (again["created"], again["updated"]) == (0, 2)
    assert Visit.objects.count() == 2
    assert VisitTask.objects.filter(household=households[1]).count() == 2  # rescheduled once, not twice


def test_grid_worker_cannot_write_outside_her_grid(client, worker, generated, households):
    stranger = HouseholdFactory(grid=GridFactory())
    body = _sync(
        client,
        worker,
        [_visit(stranger, phase_id=generated.pk), _visit(households[0], phase_id=generated.pk)],
    ).json()
    assert [r["status"] for r in body["results"]] == ["rejected", "created"]
    assert not Visit.objects.filter(household=stranger).exists()


def test_bad_item_is_rejected_without_losing_the_rest(client, worker, generated, households):
    body = _sync(client, worker, [_visit(households[0], phase_id=generated.pk, outcome="teleported"),
                                  _visit(households[1], phase_id=generated.pk)]).json()  # fmt: skip
    assert [r["status"] for r in body["results"]] == ["rejected", "created"]


def test_sync_reports_a_problem_as_a_case(client, worker, generated, households):
    pid = str(uuid.uuid4())
    item = _visit(
        households[0],
        phase_id=generated.pk,
        problems=[{"client_id": pid, "description": "阀门滴水", "category": "leak", "report": True}],
    )
    _sync(client, worker, [item])
    _sync(client, worker, [item])
    problem = Problem.objects.get(client_id=pid)
    assert problem.case_id is not None and problem.status == "reported"


def test_sync_with_session_needs_csrf_and_works_with_it(worker, generated, households):
    from django.test import Client

    from wennuan.accounts.tests.factories import PASSWORD

    c = Client(enforce_csrf_checks=True)
    c.login(username=worker.username, password=PASSWORD)
    body = json.dumps({"visits": [_visit(households[0], phase_id=generated.pk)]})
    assert c.post("/api/v1/visits/sync", body, content_type="application/json").status_code in (401, 403)
    c.get("/visits/field/")
    token = c.cookies["csrftoken"].value
    assert (
        c.post(
            "/api/v1/visits/sync", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
        ).status_code
        == 200
    )


def test_photo_upload_after_sync(client, worker, generated, households, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = _visit(households[0], phase_id=generated.pk)
    _sync(client, worker, [item])
    pid = str(uuid.uuid4())
    for _ in range(2):
        upload = SimpleUploadedFile("a.jpg", b"\xff\xd8\xffjpeg", content_type="image/jpeg")
        r = client.post(
            "/api/v1/visits/photos",
            {"visit_client_id": item["client_id"], "client_id": pid, "file": upload},
            **_auth(worker),
        )
        assert r.status_code == 200
    assert Visit.objects.get(client_id=item["client_id"]).photos.count() == 1


def test_coverage_endpoint_is_scoped(client, worker, supervisor, generated, households):
    other = HouseholdFactory(grid=GridFactory())
    services.generate_phase_tasks(by=supervisor, phase=generated)
    mine = client.get(f"/api/v1/visits/coverage?phase={generated.pk}", **_auth(worker)).json()
    everyone = client.get(f"/api/v1/visits/coverage?phase={generated.pk}", **_auth(supervisor)).json()
    assert mine["total"]["households"] == 3
    assert everyone["total"]["households"] == 4 and other.grid.name in [r["name"] for r in everyone["rows"]]


def test_campaigns_lists_phases(client, worker, generated):
    [c] = client.get("/api/v1/visits/campaigns", **_auth(worker)).json()
    assert c["phases"][0]["id"] == generated.pk and c["indoor_standard"] == 18.0


@pytest.mark.parametrize("field", ["household_id", "phase_id", "task_id"])
def test_sync_answers_422_for_an_id_beyond_64_bits(client, worker, generated, households, field):
    response = _sync(client, worker, [_visit(households[0], **{field: 2**63})])
    assert response.status_code == 422
    assert not Visit.objects.exists()


def test_sync_rejects_an_item_the_database_refuses_and_keeps_the_others(
    client, worker, generated, households
):
    bad, good = _visit(households[0], notes="a\x00b"), _visit(households[1])
    response = _sync(client, worker, [bad, good])
    assert response.status_code == 200
    body = response.json()
    if Visit.objects.filter(client_id=bad["client_id"]).exists():  # SQLite stores a NUL byte as is
        assert body["created"] == 2
    else:
        assert body["results"][0]["status"] == "rejected" and body["results"][0]["error"]
        assert body["created"] == 1
    assert Visit.objects.filter(client_id=good["client_id"]).exists()


def test_photo_upload_refuses_a_file_that_is_no_image(
    client, worker, generated, households, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = _visit(households[0], phase_id=generated.pk)
    _sync(client, worker, [item])
    upload = SimpleUploadedFile("a.html", b"<script>alert(1)</script>", content_type="image/jpeg")
    r = client.post(
        "/api/v1/visits/photos",
        {"visit_client_id": item["client_id"], "client_id": str(uuid.uuid4()), "file": upload},
        **_auth(worker),
    )
    assert r.status_code == 400 and "图片" in r.json()["detail"]
    assert not Visit.objects.get(client_id=item["client_id"]).photos.exists()


def test_photo_is_stored_with_the_extension_of_its_content(
    client, worker, generated, households, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = _visit(households[0], phase_id=generated.pk)
    _sync(client, worker, [item])
    upload = SimpleUploadedFile("x.html", b"\x89PNG\r\n\x1a\n rest", content_type="text/html")
    r = client.post(
        "/api/v1/visits/photos",
        {"visit_client_id": item["client_id"], "client_id": str(uuid.uuid4()), "file": upload},
        **_auth(worker),
    )
    assert r.status_code == 200 and r.json()["url"].endswith(".png")


def test_rooms_of_a_unit_come_in_numeric_order(client, worker, phase, supervisor, grid):
    from wennuan.registry.tests.factories import UnitFactory

    unit = UnitFactory()
    for room in ("1102", "302", "201", "1001", "402"):
        HouseholdFactory(grid=grid, unit=unit, room=room)
    services.generate_phase_tasks(by=supervisor, phase=phase)
    rows = client.get(f"/api/v1/visits/tasks?phase={phase.pk}", **_auth(worker)).json()
    assert [r["room"] for r in rows] == ["201", "302", "402", "1001", "1102"]
