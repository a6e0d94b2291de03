"""The ledger import service: what it creates, what it refuses, and that it is idempotent."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from wennuan.core.errors import ImportRejected, RowError
from wennuan.core.models import AuditLog
from wennuan.registry.enums import KeySite
from wennuan.registry.ledger import importer
from wennuan.registry.ledger.generator import demo_rows, write_demo_csv
from wennuan.registry.ledger.importer import CityAmbiguous, import_ledger
from wennuan.registry.models import Building, City, District, Estate, Household, Station, Unit

from .factories import CityFactory, DistrictFactory

HEADER = "户号,区县,街道,社区,网格,小区,门牌地址,楼号,单元,房号,户主,联系电话,供热面积,供热企业,换热站,重点人群,缴费状态"


def _shared_ledger() -> Path:
    # ../shared beside the checkout; a git worktree kept elsewhere finds it higher up
    here = Path(__file__).resolve()
    found = [p / "shared/data/dev/registry.csv" for p in here.parents[4:]]
    return next((p for p in found if p.exists()), found[0])


SHARED_LEDGER = _shared_ledger()


def ledger_row(account="H0001", **over) -> list[str]:
    """One valid ledger row (in HEADER order); keyword arguments replace cells by English column key."""
    cells = {
        "account": account,
        "district": "城关区",
        "street": "张掖路街道",
        "community": "金塔巷社区",
        "grid": "金塔巷第1网格",
        "estate": "金塔小区",
        "door_address": "金塔巷33号",
        "building": "1号楼",
        "unit": "1单元",
        "room": "502",
        "name": "王秀英",
        "phone": "13912345678",
        "area": "88.50",
        "company": "城关热力有限公司",
        "station": "金塔换热站",
        "priority_groups": "",
        "payment_status": "已缴",
    }
    cells.update(over)
    return list(cells.values())


def write_csv(path: Path, rows: list[list[str]], *, header: str = HEADER, encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        f.write(header + "\r\n")
        csv.writer(f).writerows(rows)
    return path


def three_households() -> list[list[str]]:
    return [
        ledger_row("H0001"),
        ledger_row("H0002", room="1401", priority_groups="独居老人、残疾人", payment_status="未缴"),
        ledger_row(
            "H0003",
            district="七里河区",
            street="西湖街道",
            community="西湖社区",
            grid="西湖第2网格",
            estate="金塔小区",  # same name as the estate in 城关区: a different estate
            door_address="建设路12号",
            building="幼儿园",
            unit="",
            room="",
            area="1200",
            station="西湖换热站",
            payment_status="报停",
        ),
    ]


@pytest.mark.django_db
def test_import_creates_registry_tree_and_households(tmp_path):
    report = import_ledger(source=write_csv(tmp_path / "a.csv", three_households()), city="兰州市")

    assert (report.created, report.updated, report.unchanged, report.skipped) == (3, 0, 0, [])
    assert report.entities_created["district"] == 2
    assert report.entities_created["estate"] == 2
    assert Estate.objects.filter(name="金塔小区").count() == 2
    h2 = Household.objects.select_related("unit__building__estate__district", "grid", "station").get(
        account="H0002"
    )
    assert h2.priority_groups == "living_alone,disabled"
    assert h2.payment_status == "unpaid"
    assert h2.room == "1401"
    assert h2.unit.building.door_address == "金塔巷33号"
    assert h2.unit.building.estate.district.city.name == "兰州市"
    h3 = Household.objects.get(account="H0003")
    assert h3.area == Decimal("1200.00")
    assert h3.payment_status == "suspended"
    assert h3.unit.label == ""
    assert h3.unit.building.key_site == KeySite.KINDERGARTEN


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "a.csv", three_households())
    import_ledger(source=path)
    stamps = dict(Household.objects.values_list("account", "updated_at"))
    counts = [m.objects.count() for m in (District, Estate, Building, Unit, Station)]

    again = import_ledger(source=path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert set(again.entities_created.values()) == {0}
    assert dict(Household.objects.values_list("account", "updated_at")) == stamps
    assert [m.objects.count() for m in (District, Estate, Building, Unit, Station)] == counts


@pytest.mark.django_db
def test_changed_row_updates_its_household_only(tmp_path):
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))
    rows = three_households()
    rows[1] = ledger_row("H0002", room="1401", building="2号楼", area="90.1", payment_status="已缴")
    rows[0] = ledger_row("H0001", door_address="金塔巷35号")  # the building's door address changed

    report = import_ledger(source=write_csv(tmp_path / "b.csv", rows))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert report.buildings_updated == 1
    h2 = Household.objects.select_related("unit__building").get(account="H0002")
    assert (h2.unit.building.label, h2.area, h2.payment_status, h2.priority_groups) == (
        "2号楼",
        Decimal("90.10"),
        "paid",
        "",
    )
    assert Building.objects.get(label="1号楼").door_address == "金塔巷35号"


@pytest.mark.django_db
def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path):
    rows = [
        ledger_row("H0001"),
        ledger_row("H0002", area="-3"),
        ledger_row("", name="张伟"),
        ledger_row("H0004", district="火星区"),
        ledger_row("H0005", area="八十", payment_status="欠费"),
        ledger_row("H0006", priority_groups="独居老人/退役军人"),
        ledger_row("H0001", room="601"),
        ledger_row("H0008", door_address="金塔巷99号"),
        ledger_row("H0009", street="", area="12.345"),
    ]
    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=write_csv(tmp_path / "bad.csv", rows))

    assert caught.value.errors == [
        RowError(3, "供热面积", "供热面积必须大于0", "-3"),
        RowError(4, "户号", "必填项为空"),
        RowError(5, "区县", "未知区县", "火星区"),
        RowError(6, "供热面积", "供热面积不是数字", "八十"),
        RowError(6, "缴费状态", "未知缴费状态", "欠费"),
        RowError(7, "重点人群", "未知重点人群", "退役军人"),
        RowError(8, "户号", "户号与第2行重复", "H0001"),
        RowError(9, "门牌地址", "同一楼栋（金塔小区1号楼）在第2行的门牌地址为“金塔巷33号”", "金塔巷99号"),
        RowError(10, "街道", "必填项为空"),
        RowError(10, "供热面积", "供热面积最多两位小数", "12.345"),
    ]
    assert str(caught.value.errors[0]) == "第3行 [供热面积] 供热面积必须大于0（值：-3）"
    assert Household.objects.count() == 0
    assert City.objects.count() == 0
    assert AuditLog.objects.count() == 0


@pytest.mark.django_db
def test_skip_invalid_writes_good_rows_and_lists_the_skipped(tmp_path):
    rows = [ledger_row("H0001"), ledger_row("H0002", area="abc"), ledger_row("H0003", district="火星区")]

    report = import_ledger(source=write_csv(tmp_path / "a.csv", rows), skip_invalid=True)

    assert report.created == 1
    assert report.skipped_rows == 2
    assert [(e.row, e.column) for e in report.skipped] == [(3, "供热面积"), (4, "区县")]
    assert list(Household.objects.values_list("account", flat=True)) == ["H0001"]
    assert any("跳过2行" in line for line in report.lines())


@pytest.mark.django_db
def test_district_must_already_exist_once_the_city_has_districts(tmp_path):
    city = CityFactory(name="兰州市")
    DistrictFactory(city=city, name="城关区")
    rows = [ledger_row("H0001"), ledger_row("H0002", district="安宁区")]  # real, but not in this city

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=write_csv(tmp_path / "a.csv", rows), city="兰州市")

    assert caught.value.errors == [RowError(3, "区县", "未知区县", "安宁区")]


@pytest.mark.django_db
def test_english_headers_title_row_and_blank_rows_are_accepted(tmp_path):
    header = (
        "推荐台账（2026年）\r\n"
        + " account , district,street,community,grid,estate,door_address,building,unit,room,name,phone,area,company,station,priority_groups,payment_status"
    )
    path = write_csv(
        tmp_path / "en.csv", [ledger_row("H0001"), [""] * 17, ledger_row("H0002")], header=header
    )

    report = import_ledger(source=path)

    assert report.created == 2
    assert report.rows == 2


@pytest.mark.django_db
def test_missing_required_column_rejects_the_file(tmp_path):
    header = HEADER.replace(",供热面积", "")
    path = write_csv(tmp_path / "a.csv", [ledger_row()[:12] + ledger_row()[13:]], header=header)

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=path)

    assert caught.value.errors == [RowError(1, "供热面积", "缺少必需的列")]


@pytest.mark.django_db
def test_one_audit_entry_per_import(tmp_path):
    by = None
    import_ledger(source=write_csv(tmp_path / "a.csv", three_households()), by=by, filename="a.csv")

    entry = AuditLog.objects.get()
    assert entry.action == "registry.import_ledger"
    assert entry.changes["created"] == 3
    assert "新增3户" in entry.summary


@pytest.mark.django_db
def test_without_city_name_several_cities_are_ambiguous(tmp_path):
    CityFactory(name="兰州市")
    CityFactory(name="西宁市")
    with pytest.raises(CityAmbiguous):
        import_ledger(source=write_csv(tmp_path / "a.csv", three_households()))


@pytest.mark.django_db
def test_shared_dev_ledger_imports_4984_households():
    report = import_ledger(source=SHARED_LEDGER)

    assert report.created == 4984
    assert report.skipped == []
    assert Household.objects.count() == 4984


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, Household._meta.db_table))


@pytest.mark.django_db(transaction=True)
def test_large_first_load_sets_indexes_aside_and_restores_them(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK_ROWS", 100)  # so 450 rows count as a large file
    before = _index_names()
    path = write_demo_csv(tmp_path / "demo.csv", households=450, seed=4)

    report = import_ledger(source=path)

    assert report.created == 450
    assert _index_names() == before
    again = import_ledger(source=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 450)
    with pytest.raises(IntegrityError), transaction.atomic():
        Household.objects.create(
            account="WN00000001",
            unit=Unit.objects.first(),
            grid_id=1,
            station=Station.objects.first(),
            area=1,
        )


@pytest.mark.django_db(transaction=True)
def test_rejected_large_load_leaves_indexes_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "CHUNK_ROWS", 100)
    before = _index_names()
    rows = list(demo_rows(households=300, seed=4))
    rows[250][12] = "-1"
    path = write_csv(tmp_path / "bad.csv", rows)

    with pytest.raises(ImportRejected):
        import_ledger(source=path)

    assert _index_names() == before
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_large_files_are_checked_in_a_second_process_with_the_same_result(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(importer, "CHUNK_ROWS", 100)
    rows = list(demo_rows(households=350, seed=9))
    rows[120][12] = "abc"
    rows[301][1] = "火星区"
    path = write_csv(tmp_path / "big.csv", rows)

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=path)
    assert [str(e) for e in caught.value.errors] == [
        "第122行 [供热面积] 供热面积不是数字（值：abc）",
        "第303行 [区县] 未知区县（值：火星区）",
    ]
    assert Household.objects.count() == 0

    report = import_ledger(source=path, skip_invalid=True)
    assert (report.created, report.skipped_rows, report.rows) == (348, 2, 350)


@pytest.mark.django_db
def test_header_errors_come_back_from_the_second_process(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PARALLEL_MIN_BYTES", 0)
    path = write_csv(tmp_path / "a.csv", [ledger_row()], header=HEADER.replace("户号", "户号,户号"))

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=path)

    assert caught.value.errors == [RowError(1, "户号", "列重复", "户号")]
