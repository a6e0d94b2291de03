"""Spreadsheets in and out, safely: bounded reading and text-as-text writing.

Reading: python-calamine materialises a sheet's whole used range (first to last cell) in memory, 32 bytes a
cell, before it yields a row. A 5 KB workbook with one cell at A1 and one at XFD1048576 therefore asks for
half a terabyte and the process dies. ``check_workbook_bounds`` measures the range of the first sheet from
the file's own XML, streaming, before calamine sees it, and refuses anything beyond ``MAX_ROWS`` rows,
``MAX_COLUMNS`` columns or ``MAX_CELLS`` cells with one clear sentence. ``bounded_lines`` does the same for
CSV text: a bound on each line's length and on the number of lines.

Writing: ``new_workbook`` is XlsxWriter with formulas and URLs never inferred from strings, so a name such as
``=1+1`` or ``@SUM(A1)`` typed on the public report page stays text in every export.
"""

import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

import xlsxwriter

from .errors import DomainError

# Excel's own row limit: a ledger of a million households fits in one file.
MAX_ROWS = 1_048_576
# A ledger has about 20 columns; triage inputs fewer. Room for notes, not for a sheet 16,384 wide.
MAX_COLUMNS = 200
# 25 M cells ≈ 800 MB inside calamine: a million households × 20 columns, and no more.
MAX_CELLS = 25_000_000
# Longest CSV line accepted (characters); a ledger line is about 200.
MAX_LINE_CHARS = 64 * 1024
# The first sheet's XML, decompressed: a million-row ledger is well under this; a zip bomb is not.
MAX_SHEET_XML_BYTES = 2 * 1024**3

_CHUNK = 4 * 1024 * 1024
# <row …> and <c …> start tags (any namespace prefix); group 1 the tag, group 2 its attributes.
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'\br="([A-Z]*)([0-9]*)"')
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class SheetTooLarge(DomainError):
    """A spreadsheet or CSV file is beyond what the server reads; ``str(err)`` says which bound."""

    code = "sheet_too_large"
    http_status = 422


def new_workbook(target, options: dict | None = None) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook writing ``target`` (a path or a binary buffer) where every string is text:
    ``=``, ``+``, ``-``, ``@`` at the start of a cell never become a formula or a link (formula injection).
    """
    opts = {"strings_to_formulas": False, "strings_to_urls": False, **(options or {})}
    return xlsxwriter.Workbook(target, opts)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _refuse(rows: int, cols: int) -> None:
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        raise SheetTooLarge(
            f"表格范围过大：{rows}行×{cols}列（上限 {MAX_ROWS}行、{MAX_COLUMNS}列、共{MAX_CELLS}格），"
            "请删去多余的行列或分文件导入"
        )


def _first_sheet_part(book: zipfile.ZipFile) -> str | None:
    """The zip member holding the workbook's first sheet (what calamine's sheet index 0 reads)."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return None
    first = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    if first is None:
        return None
    rid = first.get(f"{{{_REL_NS}}}id")
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None


def _xlsx_extent(stream) -> tuple[int, int]:
    """(rows, columns) of the used range of one worksheet's XML, as calamine will allocate it."""
    min_row = min_col = None
    max_row = max_col = 0
    row = col = 0
    tail = b""
    seen = 0
    while chunk := stream.read(_CHUNK):
        seen += len(chunk)
        if seen > MAX_SHEET_XML_BYTES:
            raise SheetTooLarge(
                f"表格内容过大（解压后超过 {MAX_SHEET_XML_BYTES // 1024**2} MB），请分文件导入"
            )
        data = tail + chunk
        cut = data.rfind(b"<")
        data, tail = data[:cut], data[cut:]
        for m in _TAG.finditer(data):
            ref = _REF.search(m.group(2))
            if m.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                continue
            if ref and ref.group(1):
                col = _column_number(ref.group(1))
                row = int(ref.group(2) or row)
            else:
                col += 1
            min_row = row if min_row is None else min(min_row, row)
            min_col = col if min_col is None else min(min_col, col)
            max_row, max_col = max(max_row, row), max(max_col, col)
    if min_row is None:
        return 0, 0
    return max_row - min_row + 1, max_col - min_col + 1


def _ods_extent(stream) -> tuple[int, int]:
    """(rows, columns) of the first table of an .ods content.xml, counting repeated rows and cells
    (``number-rows-repeated``) up to the last one that holds a value."""
    rows = cols = used_rows = 0
    depth_tables = 0
    row_col = 0
    row_used = False
    for event, el in ElementTree.iterparse(stream, events=("start", "end")):
        tag = el.tag
        if tag == f"{{{_ODS_TABLE}}}table":
            depth_tables += 1 if event == "start" else 0
            if event == "end":
                break
            continue
        if depth_tables != 1 or event != "end":
            continue
        if tag in (f"{{{_ODS_TABLE}}}table-cell", f"{{{_ODS_TABLE}}}covered-table-cell"):
            repeat = int(el.get(f"{{{_ODS_TABLE}}}number-columns-repeated", "1"))
            filled = len(el) > 0 or el.get(f"{{{_ODS_OFFICE}}}value-type") is not None
            row_col += repeat
            if filled:
                cols = max(cols, row_col)
                row_used = True
            el.clear()
        elif tag == f"{{{_ODS_TABLE}}}table-row":
            repeat = int(el.get(f"{{{_ODS_TABLE}}}number-rows-repeated", "1"))
            rows += repeat
            if row_used:
                used_rows = rows
            _refuse(used_rows, cols)
            row_col, row_used = 0, False
            el.clear()
    return used_rows, cols


def check_workbook_bounds(raw) -> None:
    """Refuse a workbook (binary file object, rewound afterwards) whose first sheet exceeds the bounds.

    .xlsx and .ods are measured from their XML; an .xls (BIFF) cannot exceed 65,536 × 256 cells, which is
    within ``MAX_CELLS``. A file that is not a readable zip is left for calamine to report."""
    raw.seek(0)
    try:
        with zipfile.ZipFile(raw) as book:
            names = set(book.namelist())
            if "content.xml" in names:
                with book.open("content.xml") as stream:
                    _refuse(*_ods_extent(stream))
                return
            part = _first_sheet_part(book)
            parts = [part] if part in names else sorted(n for n in names if n.startswith("xl/worksheets/"))
            for name in parts:
                if book.getinfo(name).file_size > MAX_SHEET_XML_BYTES:
                    raise SheetTooLarge(
                        f"表格内容过大（解压后超过 {MAX_SHEET_XML_BYTES // 1024**2} MB），请分文件导入"
                    )
                with book.open(name) as stream:
                    _refuse(*_xlsx_extent(stream))
    except (zipfile.BadZipFile, ElementTree.ParseError):
        pass
    finally:
        raw.seek(0)


def bounded_lines(text) -> Iterator[str]:
    """The lines of a text stream for ``csv.reader``, refusing a line longer than ``MAX_LINE_CHARS`` or
    more than ``MAX_ROWS`` lines, without ever reading more than one line's bound into memory."""
    count = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        count += 1
        if len(line) > MAX_LINE_CHARS:
            raise SheetTooLarge(f"第{count}行过长（超过 {MAX_LINE_CHARS} 个字符），不是一份台账或工单表")
        if count > MAX_ROWS:
            raise SheetTooLarge(f"文件超过 {MAX_ROWS} 行，请分文件导入")
        yield line
