"""Reading batch inputs and training files: JSONL, CSV and Excel, with per-line errors."""

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wennuan.core.categories import Category
from wennuan.core.sheets import bounded_lines, check_workbook_bounds

TEXT_COLUMNS = ("诉求内容", "text", "内容", "诉求")
ID_COLUMNS = ("id", "编号", "工单号", "工单编号", "序号")
CATEGORY_COLUMNS = ("category", "类别", "诉求类别", "分类", "问题类型")


@dataclass
class Item:
    line: int  # 1-based line (JSONL) or spreadsheet row
    id: object
    text: str | None
    error: str | None = None
    row: list | None = None  # the spreadsheet row, kept for writing it back
    category: str | None = None


def read_table(path: Path) -> list[list]:
    """All rows of the first sheet of an .xlsx/.xls or a .csv (UTF-8 with or without BOM, or GB18030)."""
    if path.suffix.lower() in {".xlsx", ".xls", ".xlsm", ".ods"}:
        from python_calamine import CalamineWorkbook

        with path.open("rb") as raw:
            check_workbook_bounds(raw)
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    try:
        encoding = "utf-8-sig"
        with path.open(encoding=encoding, newline="") as text:
            return list(csv.reader(bounded_lines(text)))
    except UnicodeDecodeError:
        with path.open(encoding="gb18030", newline="") as text:
            return list(csv.reader(bounded_lines(text)))


def _find(header: list, names: tuple) -> int | None:
    cells = [str(h or "").replace("\ufeff", "").strip().lower() for h in header]
    for name in names:
        if name.lower() in cells:
            return cells.index(name.lower())
    return None


def read_items(path: Path) -> tuple[list, Iterator[Item]]:
    """(header, items) of a batch input; header is [] for JSONL. Errors become items with ``error``."""
    if path.suffix.lower() in {".jsonl", ".json", ".ndjson"} or str(path) == "-":
        return [], _jsonl(path)
    rows = read_table(path)
    if not rows:
        return [], iter([])
    header = [str(h or "") for h in rows[0]]
    ti, ii, ci = _find(header, TEXT_COLUMNS), _find(header, ID_COLUMNS), _find(header, CATEGORY_COLUMNS)
    if ti is None:
        raise ValueError(f"{path}: no 诉求内容 column in the header {header}")

    def gen():
        for n, row in enumerate(rows[1:], start=2):
            row = list(row) + [""] * (len(header) - len(row))
            text = str(row[ti] or "").strip()
            ident = row[ii] if ii is not None and row[ii] not in (None, "") else n
            if isinstance(ident, float) and ident.is_integer():
                ident = int(ident)
            cat = str(row[ci]).strip() if ci is not None and row[ci] not in (None, "") else None
            yield Item(n, ident, text or None, None if text else "empty 诉求内容", row, cat)

    return header, gen()


def _jsonl(path: Path) -> Iterator[Item]:
    import sys

    f = sys.stdin if str(path) == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
    try:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                yield Item(n, None, None, f"invalid JSON: {e.msg}")
                continue
            if not isinstance(obj, dict):
                yield Item(n, None, None, "not a JSON object")
                continue
            text = obj.get("text")
            cat = (obj.get("expect") or {}).get("category") if isinstance(obj.get("expect"), dict) else None
            cat = cat or obj.get("category")
            if "id" not in obj:
                yield Item(n, None, text if isinstance(text, str) else None, "missing id", category=cat)
            elif not isinstance(text, str):
                yield Item(n, obj["id"], None, "missing text" if text is None else "text is not a string")
            else:
                yield Item(n, obj["id"], text, category=cat)
    finally:
        if f is not sys.stdin:
            f.close()


_LABELS: dict[str, str] = {}
for _c in Category:
    _LABELS[_c.value] = _c.value
    _LABELS[str(_c.label)] = _c.value
    for _part in str(_c.label).split("/"):
        _LABELS.setdefault(_part, _c.value)


def category_code(value: str | None) -> str | None:
    """A category code from a code, its Chinese name or one part of the name (暖气不热 → not_warm)."""
    if not value:
        return None
    return _LABELS.get(str(value).strip())
