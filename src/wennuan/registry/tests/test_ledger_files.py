"""Ledger files as they arrive: UTF-8 with and without BOM, GB18030 from Excel, .xlsx with numeric cells."""

from collections import deque
from decimal import Decimal

import pytest
import xlsxwriter

from wennuan.core.errors import ImportRejected
from wennuan.registry.ledger.importer import import_ledger
from wennuan.registry.ledger.readers import detect_encoding, open_rows
from wennuan.registry.models import Household

from .test_ledger_import import HEADER, ledger_row, three_households, write_csv


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_give_the_same_households(tmp_path, encoding):
    path = write_csv(tmp_path / "a.csv", three_households(), encoding=encoding)

    report = import_ledger(source=path)

    assert report.created == 3
    assert Household.objects.get(account="H0002").resident_name == "王秀英"
    assert Household.objects.get(account="H0002").unit.building.estate.name == "金塔小区"


def test_gb18030_is_detected_even_when_the_first_megabyte_is_ascii(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"account\n" + b"A\n" * 600_000 + "王秀英\n".encode("gb18030"))

    with path.open("rb") as raw:
        assert detect_encoding(raw) == "gb18030"
    assert deque(open_rows(path), maxlen=1)[0] == (600_002, ["王秀英"])


@pytest.mark.django_db
def test_undecodable_file_is_rejected_with_a_reason(tmp_path):
    path = tmp_path / "bin.csv"
    path.write_bytes(HEADER.encode("utf-8") + b"\n\x81\x30\xff\xff,\n")

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=path)

    assert "编码" in caught.value.errors[0].reason


def _write_xlsx(path, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, HEADER.split(","))
    for r, cells in enumerate(rows, start=1):
        for c, value in enumerate(cells):
            sheet.write(r, c, value)
    book.close()
    return path


@pytest.mark.django_db
def test_xlsx_with_numbers_where_text_was_meant(tmp_path):
    row = ledger_row("H0001")
    row[9] = 502  # 房号 typed as a number
    row[11] = 13912345678  # 联系电话 as a number
    row[12] = 88.5
    other = ledger_row("H0002", room="1401")
    other[12] = 100.65000000000001  # a computed cell's binary noise

    report = import_ledger(source=_write_xlsx(tmp_path / "a.xlsx", [row, other]))

    assert report.created == 2
    h1 = Household.objects.get(account="H0001")
    assert (h1.room, h1.phone, h1.area) == ("502", "13912345678", Decimal("88.50"))
    assert Household.objects.get(account="H0002").area == Decimal("100.65")


@pytest.mark.django_db
def test_xlsx_errors_name_the_excel_row(tmp_path):
    rows = [ledger_row("H0001"), ledger_row("H0002", area="-1")]

    with pytest.raises(ImportRejected) as caught:
        import_ledger(source=_write_xlsx(tmp_path / "a.xlsx", rows))

    assert [str(e) for e in caught.value.errors] == ["第3行 [供热面积] 供热面积必须大于0（值：-1）"]
    assert Household.objects.count() == 0
