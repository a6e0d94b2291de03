"""Export to .xlsx and back: the same data, and a re-import that changes nothing."""

import pytest
from python_calamine import CalamineWorkbook

from wennuan.accounts.tests.factories import UserFactory
from wennuan.core.roles import Role
from wennuan.registry.ledger.exporter import VALUES, export_ledger
from wennuan.registry.ledger.importer import import_ledger
from wennuan.registry.models import (
    Building,
    City,
    Community,
    Company,
    District,
    Estate,
    Grid,
    Household,
    Station,
    Street,
    Unit,
)

from .test_ledger_import import HEADER, three_households, write_csv


def snapshot() -> list[tuple]:
    return list(Household.objects.order_by("account").values_list(*VALUES))


def wipe_registry():
    for model in (
        Household,
        Unit,
        Building,
        Estate,
        Station,
        Company,
        Grid,
        Community,
        Street,
        District,
        City,
    ):
        model.objects.all().delete()


@pytest.mark.django_db
def test_round_trip_through_xlsx(tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()), city="兰州市")
    before = snapshot()
    out = tmp_path / "out.xlsx"

    assert export_ledger(path=out) == 3

    again = import_ledger(source=out, city="兰州市")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    wipe_registry()
    fresh = import_ledger(source=out, city="兰州市")
    assert fresh.created == 3
    assert snapshot() == before


@pytest.mark.django_db
def test_export_header_and_labels(tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    out = tmp_path / "out.xlsx"
    export_ledger(path=out)

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0] == [*HEADER.split(","), "其他门牌"]
    second = dict(zip(rows[0], rows[2], strict=True))
    assert second["重点人群"] == "独居老人、残疾人"
    assert second["缴费状态"] == "未缴"
    assert second["房号"] == "1401"
    assert second["供热面积"] == 88.5


@pytest.mark.django_db
def test_export_for_a_user_keeps_scope_and_masks_personal_data(tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    district = District.objects.get(name="城关区")
    user = UserFactory(role=Role.DISTRICT_STAFF, district=district)
    out = tmp_path / "out.xlsx"

    count = export_ledger(path=out, households=Household.objects.visible_to(user), viewer=user)

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert count == 2
    assert [r[0] for r in rows[1:]] == ["H0001", "H0002"]
    assert {r[10] for r in rows[1:]} == {"王*英"}
    assert {r[11] for r in rows[1:]} == {"139****5678"}


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)"])
def test_export_writes_typed_text_as_text(tmp_path, typed):
    import openpyxl

    from .factories import HouseholdFactory

    HouseholdFactory(resident_name=typed, room=typed)
    export_ledger(path=tmp_path / "out.xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    cells = [c for c in sheet[2] if c.value == typed]
    assert len(cells) == 2 and {c.data_type for c in cells} == {"s"}
