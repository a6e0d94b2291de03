"""The optional 其他门牌 column: a building's other door plates (BuildingAlias), imported and exported."""

import pytest
from python_calamine import CalamineWorkbook

from wennuan.core.errors import ImportRejected
from wennuan.registry.ledger.exporter import export_ledger
from wennuan.registry.ledger.importer import import_ledger
from wennuan.registry.models import Building, BuildingAlias

from .test_ledger_import import HEADER, ledger_row, write_csv

WITH_ALIASES = HEADER + ",其他门牌"


def aliases() -> set[tuple[str, str]]:
    return set(BuildingAlias.objects.values_list("building__label", "name"))


@pytest.mark.django_db
def test_aliases_are_read_once_per_building_and_kept_by_a_blank_cell(tmp_path):
    rows = [
        [*ledger_row("H0001"), "民主路3号、老干部楼"],
        [*ledger_row("H0002", room="602"), "民主路3号；西关什字5号"],  # another row adds, repeats once
        [*ledger_row("H0003", room="702"), ""],
    ]
    report = import_ledger(source=write_csv(tmp_path / "a.csv", rows, header=WITH_ALIASES))

    assert aliases() == {("1号楼", "民主路3号"), ("1号楼", "老干部楼"), ("1号楼", "西关什字5号")}
    assert report.entities_created["alias"] == 3
    assert "楼栋别名门牌3个" in "".join(report.lines())
    # a file without the column (or with blank cells) leaves them alone; nothing else changes
    again = import_ledger(source=write_csv(tmp_path / "b.csv", [ledger_row("H0001")]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert len(aliases()) == 3


@pytest.mark.django_db
def test_an_alias_too_long_is_a_row_error_and_nothing_is_written(tmp_path):
    rows = [[*ledger_row("H0001"), "民主路3号"], [*ledger_row("H0002", room="602"), "路" * 101]]
    with pytest.raises(ImportRejected) as err:
        import_ledger(source=write_csv(tmp_path / "a.csv", rows, header=WITH_ALIASES))
    (only,) = err.value.errors
    assert (only.row, only.column) == (3, "其他门牌") and "100" in only.reason
    assert not Building.objects.exists() and not BuildingAlias.objects.exists()


@pytest.mark.django_db
def test_aliases_go_round_trip_through_the_export(tmp_path):
    rows = [[*ledger_row("H0001"), "民主路3号、老干部楼"], [*ledger_row("H0002", room="602"), ""]]
    import_ledger(source=write_csv(tmp_path / "a.csv", rows, header=WITH_ALIASES))
    out = tmp_path / "out.xlsx"
    export_ledger(path=out)

    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert sheet[0][-1] == "其他门牌"
    assert [r[-1] for r in sheet[1:]] == ["民主路3号、老干部楼", "民主路3号、老干部楼"]
    BuildingAlias.objects.all().delete()
    import_ledger(source=out)
    assert aliases() == {("1号楼", "民主路3号"), ("1号楼", "老干部楼")}
