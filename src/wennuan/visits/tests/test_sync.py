import datetime as dt
import uuid

import pytest
from django.utils import timezone

from wennuan.visits import services
from wennuan.visits.enums import TaskStatus
from wennuan.visits.models import Visit, VisitTask
from wennuan.visits.sync import SyncItem, sync_visits

pytestmark = pytest.mark.django_db
AT = timezone.make_aware(dt.datetime(2025, 11, 6, 9))


@pytest.fixture
def generated(phase, households, supervisor):
    services.generate_phase_tasks(by=supervisor, phase=phase)
    return phase


def _item(h, phase, **kw):
    args = {
        "client_id": uuid.uuid4(),
        "household_id": h.pk,
        "outcome": "visited",
        "visited_at": AT,
        "phase_id": phase.pk,
    }
    return SyncItem(**{**args, **kw})


def test_not_home_then_visited_in_one_batch_closes_the_new_attempt(worker, generated, households):
    first = _item(households[0], generated, outcome="not_home")
    second = _item(households[0], generated)
    second.visited_at = AT + dt.timedelta(days=2)
    results = sync_visits(by=worker, items=[first, second])
    assert [r.status for r in results] == ["created", "created"]
    statuses = dict(VisitTask.objects.filter(household=households[0]).values_list("attempt", "status"))
    assert statuses == {1: TaskStatus.NOT_HOME, 2: TaskStatus.VISITED}


def test_one_bad_reading_rejects_only_its_visit(worker, generated, households):
    bad = _item(households[0], generated, readings=[{"room": "卧室", "celsius": 95}])
    good = _item(households[1], generated, readings=[{"room": "卧室", "celsius": 19}])
    results = sync_visits(by=worker, items=[bad, good])
    assert [r.status for r in results] == ["rejected", "created"]
    assert "室温读数不合理" in results[0].error
    assert list(Visit.objects.values_list("household_id", flat=True)) == [households[1].pk]
    assert VisitTask.objects.get(household=households[0]).status == TaskStatus.PENDING
