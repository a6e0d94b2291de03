"""Visit readings and moments are range-checked at the API and in the service; nothing absurd is stored."""

import datetime as dt
import json
import uuid

import pytest
from django.utils import timezone

from wennuan.core.bounds import OutOfRange
from wennuan.visits import services
from wennuan.visits.models import TemperatureReading, Visit

from .test_api import _auth, _visit

pytestmark = pytest.mark.django_db


def _raw_sync(client, user, visit: dict, celsius: str):
    body = json.dumps({"visits": [visit]}).replace('"CELSIUS"', celsius)
    return client.post("/api/v1/visits/sync", body, content_type="application/json", **_auth(user))


@pytest.mark.parametrize("celsius", ["1e20", "NaN", "Infinity", "-Infinity", "60.5", "-51"])
def test_sync_with_an_absurd_reading_is_refused(client, worker, phase, households, celsius):
    visit = _visit(households[0], phase_id=phase.pk, readings=[{"room": "卧室", "celsius": "CELSIUS"}])

    r = _raw_sync(client, worker, visit, celsius)

    assert r.status_code == 422
    assert not Visit.objects.exists() and not TemperatureReading.objects.exists()


@pytest.mark.parametrize(
    "visited_at", ["2025-11-06T10:00:00", "1900-01-01T00:00:00+08:00", "2999-01-01T00:00:00Z"]
)
def test_sync_with_a_naive_or_absurd_moment_is_422(client, worker, phase, households, visited_at):
    r = _raw_sync(client, worker, _visit(households[0], phase_id=phase.pk, visited_at=visited_at), "0")

    assert r.status_code == 422
    assert not Visit.objects.exists()


@pytest.mark.parametrize("celsius", [1e20, float("nan"), float("inf"), "abc", 61])
def test_record_visit_refuses_an_absurd_reading(worker, phase, households, celsius):
    with pytest.raises(OutOfRange):
        services.record_visit(
            by=worker, client_id=uuid.uuid4(), household=households[0], phase=phase, outcome="visited",
            visited_at=timezone.now(), readings=[{"room": "卧室", "celsius": celsius}],
        )  # fmt: skip
    assert not Visit.objects.exists()


def test_record_visit_refuses_a_naive_moment(worker, phase, households):
    with pytest.raises(OutOfRange):
        services.record_visit(
            by=worker, client_id=uuid.uuid4(), household=households[0], phase=phase, outcome="visited",
            visited_at=dt.datetime(2025, 11, 6, 9),
        )  # fmt: skip
