"""Read a ledger file as a stream of rows of strings, whatever Excel or a heating company saved it as.

``open_rows(source)`` accepts a path or a binary file object (an upload) and yields ``(row_number,
cells)`` where ``row_number`` is the row as Excel shows it (the header is row 1) and ``cells`` is a
list of stripped strings. The kind of file is decided by its first bytes, not its name: a zip (.xlsx,
.ods) or OLE (.xls) container goes to python-calamine, anything else is read as CSV.
"""

import codecs
import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from wennuan.core.errors import ImportRejected, RowError
from wennuan.core.sheets import SheetTooLarge, bounded_lines, check_workbook_bounds

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PROBE = 1 << 20


class FileUnreadable(ImportRejected):
    """The file itself could not be read (encoding, format); reported as one error on row 1."""


def _unreadable(reason: str) -> FileUnreadable:
    return FileUnreadable(errors=[RowError(1, "文件", reason)])


def detect_encoding(raw) -> str:
    """UTF-8 (a BOM, or bytes that decode strictly as UTF-8), else GB18030 — what Excel in China writes.

    The whole stream is checked, in chunks, so a file whose first megabyte happens to be ASCII is not
    mistaken for UTF-8. The stream is rewound afterwards.
    """
    start = raw.read(3)
    if start == codecs.BOM_UTF8:
        raw.seek(0)
        return "utf-8-sig"
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(_PROBE):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "gb18030"
    raw.seek(0)
    return encoding


def _csv_rows(raw) -> Iterator[tuple[int, list[str]]]:
    encoding = detect_encoding(raw)
    # A "text (tab delimited)" save from Excel has tabs and no commas in its header.
    first = raw.readline()
    raw.seek(0)
    delimiter = "\t" if b"\t" in first and b"," not in first else ","
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    try:
        strip = str.strip
        for n, cells in enumerate(csv.reader(bounded_lines(text), delimiter=delimiter), start=1):
            yield n, list(map(strip, cells))
    except SheetTooLarge as err:
        raise _unreadable(str(err)) from err
    except UnicodeDecodeError as err:
        raise _unreadable(f"文件编码无法识别（既不是 UTF-8 也不是 GB18030）：{err.reason}") from err
    except csv.Error as err:
        raise _unreadable(f"CSV 格式错误：{err}") from err
    finally:
        text.detach()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        # Excel stores every number as a float: 502.0 is room "502"; 15 significant digits drop the
        # binary noise of computed cells (100.65000000000001) without touching what a person typed.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    return str(value).strip()


def _workbook_rows(raw) -> Iterator[tuple[int, list[str]]]:
    from python_calamine import CalamineWorkbook

    try:
        check_workbook_bounds(raw)
    except SheetTooLarge as err:
        raise _unreadable(str(err)) from err
    try:
        book = CalamineWorkbook.from_filelike(raw)
        sheet = book.get_sheet_by_index(0)
    except Exception as err:  # calamine raises its own error types for every broken container
        raise _unreadable(f"无法读取 Excel 文件：{err}") from err
    # calamine's rows start at the first non-empty cell; keep Excel's numbering.
    offset = (sheet.start or (0, 0))[0]
    for i, cells in enumerate(sheet.iter_rows()):
        yield offset + i + 1, [_cell_text(c) for c in cells]


def open_rows(source) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(row_number, cells)`` for every row, header included. Raises ``FileUnreadable``."""
    if isinstance(source, str | os.PathLike):
        with Path(source).open("rb") as raw:
            yield from open_rows(raw)
        return
    raw = source
    raw.seek(0)
    head = raw.read(4)
    raw.seek(0)
    if head in (ZIP_MAGIC, OLE_MAGIC):
        yield from _workbook_rows(raw)
    else:
        yield from _csv_rows(raw)
