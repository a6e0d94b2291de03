"""Exports: what a resident typed stays text (formula injection), and each download is audited."""

import io

import openpyxl
import pytest
from django.urls import reverse

from wennuan.registry.tests.factories import HouseholdFactory

from .factories import Actors, new_case

pytestmark = pytest.mark.django_db

FORMULAS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)"]


@pytest.mark.parametrize("typed", FORMULAS)
def test_case_export_writes_typed_text_as_text(client, typed):
    actors = Actors(HouseholdFactory())
    new_case(household=actors.household, reporter_name=typed, text=typed, address=typed)
    client.force_login(actors.agent)

    r = client.get(reverse("cases:list"), {"queue": "", "export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in sheet[1]]
    for column in ("诉求人", "地址", "诉求内容"):
        cell = sheet.cell(2, header.index(column) + 1)
        assert (cell.value, cell.data_type) == (typed, "s")


def test_case_export_is_audited_with_its_count_and_filters(client):
    from wennuan.core.models import AuditLog

    actors = Actors(HouseholdFactory())
    new_case(household=actors.household)
    client.force_login(actors.agent)

    client.get(reverse("cases:list"), {"queue": "", "category": "not_warm", "export": "xlsx"})

    entry = AuditLog.objects.get(action="cases.export")
    assert entry.actor_id == actors.agent.pk
    assert entry.summary == "导出工单：1件"
    assert entry.changes["filters"]["category"] == "not_warm"
