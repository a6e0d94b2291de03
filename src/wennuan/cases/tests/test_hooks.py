import pytest
from django.db import connection

from wennuan.cases import hooks, services

from .factories import Actors, new_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    seen = []

    def listen(change):
        seen.append((change.action, change.from_state, change.state, connection.in_atomic_block))

    hooks.on_change(listen)
    yield seen
    hooks._LISTENERS.remove(listen)


def test_listeners_hear_each_change_inside_its_transaction(heard):
    case = new_case()
    actors = Actors(case.household)
    case = services.dispatch_case(case=case, by=actors.dispatcher)
    services.accept_case(case=case, by=actors.crew)
    assert heard == [
        ("dispatch", "received", "dispatched", True),
        ("accept", "dispatched", "accepted", True),
    ]
