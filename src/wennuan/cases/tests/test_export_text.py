"""Formula injection: what a resident typed (a name such as ``=1+1``) stays text in the case export."""

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
