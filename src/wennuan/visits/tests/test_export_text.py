"""Exports: what a resident typed stays text (formula injection), and each download is audited."""

import io

import openpyxl
import pytest

from wennuan.accounts.tests.factories import PASSWORD
from wennuan.registry.tests.factories import HouseholdFactory
from wennuan.visits import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)"])
def test_unvisited_export_writes_names_as_text(client, phase, grid, worker, supervisor, typed):
    HouseholdFactory(grid=grid, resident_name=typed, room=typed)
    services.generate_phase_tasks(by=supervisor, phase=phase)
    assert client.login(username=worker.username, password=PASSWORD)

    response = client.get(f"/visits/unvisited.xlsx?phase={phase.pk}")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = [c for c in sheet[3]]
    assert (row[9].value, row[9].data_type) == (typed, "s")
    assert (row[8].value, row[8].data_type) == (typed, "s")


def test_unvisited_export_is_audited(client, phase, households, worker, supervisor):
    from wennuan.core.models import AuditLog

    services.generate_phase_tasks(by=supervisor, phase=phase)
    assert client.login(username=worker.username, password=PASSWORD)

    client.get(f"/visits/unvisited.xlsx?phase={phase.pk}")

    entry = AuditLog.objects.get(action="visits.export_unvisited")
    assert entry.actor_id == worker.pk and entry.summary.startswith("导出未走访住户：3户")
