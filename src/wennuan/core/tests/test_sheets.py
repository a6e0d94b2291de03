"""Bounded spreadsheet reading and text-as-text writing (core.sheets)."""

import io
import zipfile

import openpyxl
import pytest
import xlsxwriter

from wennuan.core import sheets
from wennuan.core.sheets import SheetTooLarge, bounded_lines, check_workbook_bounds, new_workbook

# What calamine would have to allocate for A1..XFD1048576: 1,048,576 × 16,384 cells × 32 bytes.
CORNERS = (1_048_576, 16_384)


def corner_workbook(path=None):
    """A tiny workbook with one cell at A1 and one at XFD1048576, the last cell Excel has."""
    target = path or io.BytesIO()
    book = xlsxwriter.Workbook(target, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_string(0, 0, "户号")
    sheet.write_string(CORNERS[0] - 1, CORNERS[1] - 1, "x")
    book.close()
    return target


def test_corner_workbook_is_small_and_refused_with_its_range():
    raw = corner_workbook()
    assert len(raw.getvalue()) < 6 * 1024

    with pytest.raises(SheetTooLarge, match="1048576行×16384列"):
        check_workbook_bounds(raw)
    assert raw.tell() == 0


def test_an_ordinary_workbook_passes():
    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    sheet = book.add_worksheet()
    for r in range(50):
        sheet.write_row(r, 0, [f"H{r}", "城关区", 12.5])
    book.close()

    check_workbook_bounds(raw)


def test_only_the_first_sheet_is_measured():
    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, {"in_memory": True})
    book.add_worksheet("台账").write_row(0, 0, ["户号", "区县"])
    big = book.add_worksheet("备注")
    big.write(0, 0, "a")
    big.write(CORNERS[0] - 1, CORNERS[1] - 1, "b")
    book.close()

    check_workbook_bounds(raw)


def test_cells_without_references_are_counted_by_position():
    # Some writers leave out r="B1"; calamine then places cells one after another.
    cells = "<c t='inlineStr'><is><t>x</t></is></c>" * (sheets.MAX_COLUMNS + 1)
    xml = f"<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", xml)

    with pytest.raises(SheetTooLarge, match=f"1行×{sheets.MAX_COLUMNS + 1}列"):
        check_workbook_bounds(raw)


def test_ods_with_a_far_corner_is_refused():
    t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    o = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    xml = (
        f'<office:document-content xmlns:office="{o}" xmlns:table="{t}" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f"<table:table><table:table-row>{cell}</table:table-row>"
        '<table:table-row table:number-rows-repeated="2000000"><table:table-cell/></table:table-row>'
        f"<table:table-row>{cell}</table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("content.xml", xml)

    with pytest.raises(SheetTooLarge, match="2000002行"):
        check_workbook_bounds(raw)


def test_a_csv_line_beyond_the_bound_is_refused():
    text = io.StringIO("户号,区县\n" + "x" * (sheets.MAX_LINE_CHARS + 10) + "\n")

    with pytest.raises(SheetTooLarge, match="第2行过长"):
        list(bounded_lines(text))


def test_a_csv_with_too_many_lines_is_refused(monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)

    assert len(list(bounded_lines(io.StringIO("a\nb\nc\n")))) == 3
    with pytest.raises(SheetTooLarge, match="超过 3 行"):
        list(bounded_lines(io.StringIO("a\nb\nc\nd\n")))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1:A2)", '=HYPERLINK("http://x")'])
def test_new_workbook_writes_text_as_text(text):
    raw = io.BytesIO()
    book = new_workbook(raw, {"in_memory": True})
    book.add_worksheet().write_row(0, 0, [text, "http://example.com"])
    book.close()

    cell = openpyxl.load_workbook(raw).active["A1"]
    assert cell.value == text
    assert cell.data_type == "s"
