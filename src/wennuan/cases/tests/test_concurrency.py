"""Races against a real PostgreSQL server: two people acting at once never both win."""

import threading

import pytest
from django.db import connection

from wennuan.cases import services
from wennuan.cases.enums import Channel
from wennuan.cases.models import Case, CaseEvent
from wennuan.core.errors import StaleObject
from wennuan.registry.tests.factories import HouseholdFactory

from .factories import Actors, new_case

# serialized_rollback: the flush after a transactional test must not lose the seeded rules rows.
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def race(workers: int, fn) -> list:
    """Run ``fn(i)`` in ``workers`` threads released at the same moment; returns results or exceptions."""
    barrier = threading.Barrier(workers)
    results: list = [None] * workers

    def run(i):
        try:
            barrier.wait()
            results[i] = fn(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_two_dispatchers_never_both_win():
    actors = Actors(HouseholdFactory())
    case = new_case(household=actors.household)
    people = [actors.dispatcher, actors.agent, actors.supervisor, actors.dispatcher]
    # Everyone reads version 1 before anyone acts, as two dispatchers looking at one screen do; a copy
    # read inside the thread could already see the winner's state and fail as an illegal transition.
    copies = [Case.objects.get(pk=case.pk) for _ in people]

    def dispatch(i):
        return services.dispatch_case(case=copies[i], by=people[i], note=f"dispatcher {i}")

    results = race(len(people), dispatch)
    winners = [r for r in results if isinstance(r, Case)]
    assert len(winners) == 1
    assert all(isinstance(r, StaleObject) for r in results if not isinstance(r, Case)), results
    assert CaseEvent.objects.filter(case=case, action="dispatch").count() == 1
    assert Case.objects.get(pk=case.pk).version == 2


def test_simultaneous_intake_of_one_ticket_stores_one_case():
    household = HouseholdFactory()

    def receive(i):
        return services.receive_case(
            channel=Channel.HOTLINE_12345, external_id="GD-RACE-1", text="暖气不热", household=household
        )

    results = race(6, receive)
    assert all(isinstance(r, tuple) for r in results), results
    assert sum(created for _, created in results) == 1
    assert len({case.pk for case, _ in results}) == 1
    assert Case.objects.filter(external_id="GD-RACE-1").count() == 1
