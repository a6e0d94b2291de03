"""Outbound webhooks: written with the change, signed, delivered once and in order per ticket, retried
with back-off while the receiver refuses or is down, replayable from the supervisor's page."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from wennuan.cases import hooks, services
from wennuan.cases.enums import CaseState, Satisfaction
from wennuan.cases.sweep import run_sweep
from wennuan.cases.tests.factories import Actors, new_case, resolved
from wennuan.core.errors import TransitionNotAllowed
from wennuan.open311 import delivery, outbox
from wennuan.open311.enums import DeliveryStatus
from wennuan.open311.models import WebhookAttempt, WebhookEvent

from . import factories as f
from .receiver import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def setup(receiver):
    jur = f.jurisdiction()
    household = f.placed_household(jur)
    client, _ = f.client(jur, webhook_url=receiver.url)
    return client, household, Actors(household)


def drain(*, rounds=50):
    for _ in range(rounds):
        if not delivery.work_once():
            return


def test_each_workflow_step_writes_its_event_in_the_same_transaction(setup):
    client, household, actors = setup
    case = new_case(household=household, by=client.user, external_id="APP-7")
    case = resolved(case, dispatcher=actors.dispatcher, crew=actors.crew)
    case, _ = services.record_revisit(
        case=case, by=actors.grid_worker, satisfaction=Satisfaction.SATISFIED, temperature=20, photo="r.jpg"
    )
    services.close_case(case=case, by=actors.agent)
    events = list(WebhookEvent.objects.filter(case=case).order_by("id"))
    assert [e.kind for e in events] == ["dispatched", "resolved", "revisited", "closed"]
    assert events[0].payload["external_id"] == "APP-7" and events[0].payload["status"] == "open"
    assert events[-1].payload["status"] == "closed" and events[-1].payload["state"] == CaseState.CLOSED
    assert {e.client_id for e in events} == {client.pk}


def test_cases_of_other_accounts_tell_nobody(setup):
    client, household, actors = setup
    case = new_case(household=household, by=actors.agent)
    services.dispatch_case(case=case, by=actors.dispatcher)
    assert not WebhookEvent.objects.exists()


def test_a_failed_change_leaves_no_event_and_a_failed_event_undoes_the_change(setup, monkeypatch):
    client, household, actors = setup
    case = new_case(household=household, by=client.user)
    from wennuan.notices import services as notices

    def broken(*args, **kwargs):
        raise RuntimeError("notices down")

    monkeypatch.setattr(notices, "notify", broken)
    with pytest.raises(RuntimeError):
        services.dispatch_case(case=case, by=actors.dispatcher)
    assert not WebhookEvent.objects.exists()
    monkeypatch.undo()

    def refuse(change):
        raise RuntimeError("outbox full")

    hooks.on_change(refuse)
    try:
        case.refresh_from_db()
        with pytest.raises(RuntimeError):
            services.dispatch_case(case=case, by=actors.dispatcher)
    finally:
        hooks._LISTENERS.remove(refuse)
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and not WebhookEvent.objects.exists()


def test_escalation_is_told(setup):
    client, household, actors = setup
    case = new_case(household=household, by=client.user)
    services.dispatch_case(case=case, by=actors.dispatcher)
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        run_sweep()
    kinds = list(WebhookEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds[0] == "dispatched" and kinds.count("escalated") == 3
    levels = [e.payload["escalation_level"] for e in WebhookEvent.objects.filter(kind="escalated")]
    assert levels == [1, 2, 3]


def test_delivery_is_signed_and_verifiable(setup, receiver):
    client, household, actors = setup
    services.dispatch_case(case=new_case(household=household, by=client.user), by=actors.dispatcher)
    drain()
    (got,) = receiver.received
    assert got["signature"].startswith("sha256=")
    assert delivery.verify(client.webhook_secret, got["timestamp"], got["raw"], got["signature"])
    assert not delivery.verify("another secret", got["timestamp"], got["raw"], got["signature"])
    assert got["event"]["event"] == "dispatched" and got["event"]["event_id"] == WebhookEvent.objects.get().pk
    event = WebhookEvent.objects.get()
    assert event.status == DeliveryStatus.DELIVERED and event.attempts == 1
    assert WebhookAttempt.objects.get().status_code == 204


def _work_of_several_tickets(client, household, actors):
    cases = [new_case(household=household, by=client.user, external_id=f"APP-{i}") for i in range(3)]
    for case in cases:
        case = resolved(case, dispatcher=actors.dispatcher, crew=actors.crew)
        services.record_revisit(
            case=case,
            by=actors.grid_worker,
            satisfaction=Satisfaction.SATISFIED,
            temperature=20,
            photo="r.jpg",
        )
    for case in cases:
        case.refresh_from_db()
        services.close_case(case=case, by=actors.agent)
    return cases


def test_a_receiver_that_refuses_for_an_hour_then_accepts_gets_every_event_once_in_order(setup, receiver):
    client, household, actors = setup
    receiver.refusing = True
    cases = _work_of_several_tickets(client, household, actors)
    expected = list(WebhookEvent.objects.order_by("id").values_list("pk", "case_id"))
    assert len(expected) == 12
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        for _minute in range(60):  # an hour down; the worker keeps trying as its back-off allows
            delivery.work_once()
            clock.shift(timedelta(minutes=1))
        client.refresh_from_db()
        assert receiver.refused >= 8 and client.webhook_failures >= 8
        assert client.webhook_retry_at - timezone.now() <= delivery.retry_cap()
        receiver.refusing = False
        clock.shift(delivery.retry_cap())
        drain()
    got = [(r["event"]["event_id"], r["event"]["service_request_id"]) for r in receiver.received]
    assert sorted(got) == sorted(expected) and len(got) == len(set(got))  # every event, once
    for case in cases:
        mine = [event_id for event_id, case_id in got if case_id == case.pk]
        assert mine == sorted(mine)  # in order per ticket
        kinds = [
            r["event"]["event"] for r in receiver.received if r["event"]["service_request_id"] == case.pk
        ]
        assert kinds == ["dispatched", "resolved", "revisited", "closed"]
    assert all(
        delivery.verify(client.webhook_secret, r["timestamp"], r["raw"], r["signature"])
        for r in receiver.received
    )
    assert not WebhookEvent.objects.exclude(status=DeliveryStatus.DELIVERED).exists()
    client.refresh_from_db()
    assert client.webhook_failures == 0 and client.webhook_retry_at is None


def test_a_receiver_switched_off_gets_everything_when_it_is_back(setup, receiver):
    client, household, actors = setup
    receiver.stop()
    _work_of_several_tickets(client, household, actors)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        delivery.work_once()
        assert WebhookAttempt.objects.get().status_code is None  # connection refused, logged
        receiver.start()
        clock.shift(delivery.retry_cap())
        drain()
    assert len(receiver.received) == 12 == len({r["event"]["event_id"] for r in receiver.received})


def test_back_off_doubles_up_to_its_cap():
    assert [delivery.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert delivery.backoff(50) == delivery.retry_cap()


def test_two_workers_never_send_a_clients_events_twice(setup, receiver):
    client, household, actors = setup
    _work_of_several_tickets(client, household, actors)
    client.refresh_from_db()
    type(client).objects.filter(pk=client.pk).update(
        webhook_lease_until=timezone.now() + timedelta(minutes=1)
    )
    assert delivery.deliver_client(client.pk) == 0  # leased by the other worker
    type(client).objects.filter(pk=client.pk).update(webhook_lease_until=None)
    assert delivery.deliver_client(client.pk) == 12
    assert len(receiver.received) == 12


def test_an_event_refused_past_the_give_up_age_is_failed_and_can_be_replayed(setup, receiver):
    client, household, actors = setup
    services.dispatch_case(case=new_case(household=household, by=client.user), by=actors.dispatcher)
    receiver.refusing = True
    with time_machine.travel(timezone.now() + delivery.GIVE_UP_AFTER + timedelta(minutes=1)):
        delivery.work_once()
    event = WebhookEvent.objects.get()
    assert event.status == DeliveryStatus.FAILED and "503" in event.last_error
    from wennuan.open311.services import replay_event

    receiver.refusing = False
    replay_event(event=event, by=actors.supervisor)
    with pytest.raises(TransitionNotAllowed):
        replay_event(event=event, by=actors.supervisor)
    drain()
    event.refresh_from_db()
    assert event.status == DeliveryStatus.DELIVERED and len(receiver.received) == 1


def test_external_id_is_the_clients_own_reference(setup):
    client, _, _ = setup
    assert outbox.external_id_for(client, f"311-{client.pk}-APP-1") == "APP-1"
    assert outbox.external_id_for(client, "GD20261129001") == "GD20261129001"


def test_the_worker_loop_survives_a_failed_round(monkeypatch):
    import threading

    stop, calls = threading.Event(), []

    def flaky(*, send):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database restarted")
        stop.set()
        return 0

    closed = []
    monkeypatch.setattr(delivery, "work_once", flaky)
    monkeypatch.setattr(delivery, "close_old_connections", lambda: closed.append(1))  # not the test's own
    delivery.loop(stop, idle_seconds=0)
    assert len(closed) == 2
    assert len(calls) == 2
