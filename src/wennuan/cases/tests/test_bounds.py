"""Temperatures and dates are range-checked at the API and again in the services; a bad value is a 422
and is never stored (a revisit of 1e20 °C once made the case a 500 for everyone, for good)."""

import json
from datetime import datetime

import pytest
from django.urls import reverse

from wennuan.cases import services
from wennuan.cases.enums import RootCause, Satisfaction
from wennuan.cases.models import Case, Revisit
from wennuan.cases.services.intake import IntakeRejected
from wennuan.core.bounds import OutOfRange
from wennuan.registry.tests.factories import HouseholdFactory

from .factories import Actors, accepted, new_case, resolved
from .test_api import API, intake_body

pytestmark = pytest.mark.django_db
ABSURD = ["1e20", "-1e20", "NaN", "Infinity", "-Infinity", "60.1", "-50.1"]


@pytest.fixture
def actors():
    return Actors(HouseholdFactory())


def raw_post(client, user, path, body: str):
    client.force_login(user)
    return client.post(f"{API}{path}", body, content_type="application/json")


@pytest.mark.parametrize("value", ABSURD)
def test_revisit_with_an_absurd_temperature_is_422_and_the_case_stays_readable(client, actors, value):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    body = f'{{"version": {case.version}, "satisfaction": "satisfied", "temperature": {value}}}'

    r = raw_post(client, actors.grid_worker, f"/{case.pk}/revisit", body)

    assert r.status_code == 422
    assert not Revisit.objects.exists()
    assert client.get(f"{API}/{case.pk}").status_code == 200


@pytest.mark.parametrize("value", ABSURD)
def test_resolve_with_an_absurd_temperature_is_422(client, actors, value):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    body = f'{{"version": {case.version}, "resolution": "放气", "root_cause": "resident", "temperature": {value}}}'

    r = raw_post(client, actors.crew, f"/{case.pk}/resolve", body)

    assert r.status_code == 422
    assert Case.objects.get().state == "accepted"


@pytest.mark.parametrize("value", [1e20, float("nan"), float("inf"), "1e20", "NaN", 61, -51])
def test_services_refuse_what_the_schema_refuses(actors, value):
    case = accepted(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(OutOfRange):
        services.resolve_case(
            case=case, by=actors.crew, resolution="放气", root_cause=RootCause.RESIDENT,
            evidence={"temperature": value},
        )  # fmt: skip
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    with pytest.raises(OutOfRange):
        services.record_revisit(case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED,
                                temperature=value)  # fmt: skip
    assert not Revisit.objects.exists()


def test_the_action_form_refuses_an_absurd_temperature(client, actors):
    case = resolved(new_case(household=actors.household), dispatcher=actors.dispatcher, crew=actors.crew)
    client.force_login(actors.grid_worker)

    client.post(
        reverse("cases:detail", args=[case.pk]),
        {"action": "revisit", "version": case.version, "satisfaction": "satisfied", "temperature": "999"},
    )

    assert not Revisit.objects.exists()


@pytest.mark.parametrize(
    "received_at", ["1900-01-01T00:00:00+08:00", "2999-01-01T00:00:00+08:00", "2026-11-01T08:00:00"]
)
def test_intake_received_at_far_away_or_naive_is_422(client, actors, received_at):
    body = intake_body(actors.household, received_at=received_at)

    r = raw_post(client, actors.agent, "/", json.dumps(body))
    batch = raw_post(client, actors.agent, "/batch", json.dumps({"items": [body]}))

    assert r.status_code == 422
    assert batch.status_code == 422
    assert not Case.objects.exists()


@pytest.mark.parametrize("received_at", [datetime(1900, 1, 1), datetime(2026, 11, 1, 8)])
def test_intake_service_refuses_naive_or_ancient_moments(actors, received_at):
    with pytest.raises(IntakeRejected):
        new_case(household=actors.household, received_at=received_at)
    item = {**intake_body(actors.household), "household": actors.household, "received_at": received_at}
    result = services.receive_cases([item], by=actors.agent)
    assert result[0].error and not Case.objects.exists()


@pytest.mark.parametrize(
    ("start", "end"),
    [("0001-01-01", "9999-12-31"), ("2026-01-01", "9999-12-31"), ("2026-02-01", "2026-01-01")],
)
def test_kpi_ranges_beyond_reason_are_422(client, actors, start, end):
    client.force_login(actors.supervisor)
    r = client.get(f"{API}/kpis", {"start": start, "end": end})
    assert r.status_code == 422


def test_kpi_and_list_pages_survive_the_last_day_of_the_calendar(client, actors):
    client.force_login(actors.supervisor)
    assert client.get(reverse("cases:kpis"), {"start": "0001-01-01", "end": "9999-12-31"}).status_code == 200
    assert client.get(reverse("cases:list"), {"received_to": "9999-12-31"}).status_code == 200
    assert client.get(f"{API}/", {"received_to": "9999-12-31"}).status_code == 422
