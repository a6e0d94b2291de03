"""The knowledge base as a spreadsheet: import (.xlsx or .csv, every bad row reported, nothing written
unless every row is good) and export (the same columns, text kept as text), so an export edited in
Excel imports back as updates of the same entries (by 编号)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.categories import Category
from wennuan.core.errors import ImportRejected, NotPermitted, RowError
from wennuan.core.sheets import new_workbook
from wennuan.registry.ledger.readers import open_rows
from wennuan.registry.models import City, Company, District, Street

from . import permissions, services
from .enums import ReviewState, RevisionKind
from .models import Entry, EntryRevision

COLUMNS = [
    "编号",
    "问题",
    "答复口径",
    "关键词",
    "类别",
    "城市",
    "供热企业",
    "区县",
    "街道",
    "生效日期",
    "失效日期",
    "审核状态",
]
REQUIRED = ["问题", "答复口径"]
# A knowledge base of a province is some 10,000 entries; a file far beyond that is a mistake.
MAX_ROWS = 20_000
_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


@dataclass
class ImportReport:
    created: int
    updated: int


def _choice(value: str, choices) -> str | None:
    """A code from its code or its Chinese label; None when neither."""
    for code, label in choices:
        if value in (code, label):
            return code
    return None


def _day(value: str) -> date:
    m = _DAY.match(value)
    if not m:
        raise ValueError("日期格式应为 2025-11-01")
    return date(int(m[1]), int(m[2]), int(m[3]))


class _Places:
    """Cities, companies and regions by name (small tables, read once per import)."""

    def __init__(self):
        self.cities = {c.name: c for c in City.objects.all()}
        self.companies = {(c.city_id, c.name): c for c in Company.objects.all()}
        self.districts = {(d.city_id, d.name): d for d in District.objects.all()}
        self.streets = {(s.district_id, s.name): s for s in Street.objects.select_related("district")}
        self.only_city = next(iter(self.cities.values())) if len(self.cities) == 1 else None


def _parse_row(n: int, row: dict, *, places: _Places, by, editable: dict) -> tuple:
    """(entry to update or None, its fields, the state asked for or "", the row's errors)."""
    errors: list[RowError] = []

    def bad(column, reason):
        errors.append(RowError(n, column, reason, row.get(column, "")))

    entry = None
    if row["编号"]:
        if not row["编号"].isdigit():
            bad("编号", "应为数字（新条目留空）")
        else:
            entry = editable.get(int(row["编号"]))
            if entry is None:
                bad("编号", "没有这个条目，或您不能修改它")
    category = _choice(row["类别"], Category.choices) if row["类别"] else Category.OTHER
    if category is None:
        bad("类别", "不是已有的类别")
    state = ""
    if row["审核状态"]:
        state = _choice(row["审核状态"], ReviewState.choices) or ""
        if not state:
            bad("审核状态", "应为 草稿、待审核、已发布 或 已停用")
    city = places.only_city if not row["城市"] else places.cities.get(row["城市"])
    if row["城市"] and city is None:
        bad("城市", "没有这个城市")
    if city is None and not row["城市"] and getattr(by, "company", None) is not None:
        city = by.company.city
    company = district = street = None
    if city is not None:
        if row["供热企业"]:
            company = places.companies.get((city.pk, row["供热企业"]))
            if company is None:
                bad("供热企业", f"{city.name}没有这家供热企业")
        if row["区县"]:
            district = places.districts.get((city.pk, row["区县"]))
            if district is None:
                bad("区县", f"{city.name}没有这个区县")
        if row["街道"]:
            if district is None:
                bad("街道", "填写街道时须填写区县")
            else:
                street = places.streets.get((district.pk, row["街道"]))
                if street is None:
                    bad("街道", f"{district.name}没有这个街道")
    elif not row["城市"]:
        bad("城市", "库中有多个城市，请填写")
    days = {}
    for column in ("生效日期", "失效日期"):
        days[column] = None
        if row[column]:
            try:
                days[column] = _day(row[column])
            except ValueError as exc:
                bad(column, str(exc))
    fields = services.EntryFields(
        question=row["问题"], answer=row["答复口径"], category=category or Category.OTHER,
        keywords=row["关键词"], city=city, company=company, district=district, street=street,
        valid_from=days["生效日期"], valid_to=days["失效日期"],
    )  # fmt: skip
    reported = {e.column for e in errors}
    for column, why in services.check_fields(fields, by=by):
        if column not in reported and not (column == "城市" and row["城市"]):
            bad(column, why)
    if state == ReviewState.PUBLISHED and not by.is_supervisor and (entry is None or entry.state != state):
        bad("审核状态", "发布须经供热主管审核")
    return entry, fields, state, errors


def import_entries(*, source, by, filename: str = "") -> ImportReport:
    """Import entries from ``source`` (path or binary file): a row with 编号 updates that entry, one
    without creates a draft (or the state given; 已发布 only by a supervisor). Every bad row is reported
    in ``ImportRejected`` and nothing is written; otherwise all rows are written in one transaction."""
    if not permissions.can_write(by):
        raise NotPermitted("只有供热主管或供热企业调度可以导入知识库")
    rows = open_rows(source)
    header_row = next(rows, None)
    if header_row is None:
        raise ImportRejected(errors=[RowError(1, "文件", "文件是空的")])
    header = [h.strip() for h in header_row[1]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportRejected(errors=[RowError(1, c, "缺少这一列（表头）") for c in missing])
    read = []
    for n, cells in rows:
        if not any(cells):
            continue
        if len(read) >= MAX_ROWS:
            raise ImportRejected(errors=[RowError(n, "文件", f"超过{MAX_ROWS}行，请分文件导入")])
        at = {c: header.index(c) for c in COLUMNS if c in header}
        read.append((n, {c: (cells[at[c]] if c in at and at[c] < len(cells) else "") for c in COLUMNS}))
    ids = [int(r["编号"]) for _, r in read if r["编号"].isdigit()]
    editable = {pk: e for pk, e in Entry.objects.in_bulk(ids).items() if permissions.can_edit(by, e)}
    places = _Places()
    parsed, errors = [], []
    for n, row in read:
        entry, fields, state, row_errors = _parse_row(n, row, places=places, by=by, editable=editable)
        errors.extend(row_errors)
        parsed.append((entry, fields, state))
    if errors:
        raise ImportRejected(errors=errors)
    return _write(parsed, by=by, filename=filename)


def _write(parsed, *, by, filename) -> ImportReport:
    now = timezone.now()
    author = by if getattr(by, "is_authenticated", False) else None
    new, changed = [], []
    for entry, fields, state in parsed:
        if entry is None:
            entry = Entry(author=author, created_at=now, state=state or ReviewState.DRAFT)
            new.append(entry)
        else:
            changed.append(entry)
            if state:
                entry.state = state
            elif entry.state == ReviewState.PUBLISHED and not by.is_supervisor:
                entry.state = ReviewState.IN_REVIEW
        services._apply(entry, fields)
        entry.updated_at = now
    with transaction.atomic():
        Entry.objects.bulk_create(new, batch_size=500)
        Entry.objects.bulk_update(
            changed,
            ["question", "answer", "keywords", "category", "city", "company", "district", "street",
             "valid_from", "valid_to", "state", "updated_at", "question_terms", "body_terms"],
            batch_size=500,
        )  # fmt: skip
        EntryRevision.objects.bulk_create(
            [
                EntryRevision(
                    entry=e,
                    at=now,
                    by=author,
                    company=e.company,
                    kind=RevisionKind.IMPORTED,
                    note=filename[:200],
                )
                for e in [*new, *changed]
            ],
            batch_size=500,
        )
        audit.record(
            actor=by,
            action="kb.import",
            summary=f"导入知识库 {filename}：新建{len(new)}条，更新{len(changed)}条"[:500],
            changes={"created": len(new), "updated": len(changed), "file": filename},
        )
    return ImportReport(created=len(new), updated=len(changed))


def export_entries(*, rows, target) -> int:
    """Write ``rows`` (entries, e.g. ``selectors.entries``) to ``target`` as .xlsx; returns the count."""
    book = new_workbook(target, {"constant_memory": True})
    sheet = book.add_worksheet("知识库")
    for col, name in enumerate(COLUMNS):
        sheet.write_string(0, col, name)
    count = 0
    for count, e in enumerate(
        rows.select_related("city", "company", "district", "street").iterator(), start=1
    ):
        cells = [
            str(e.pk), e.question, e.answer, e.keywords, e.get_category_display(), e.city.name,
            e.company.name if e.company else "", e.district.name if e.district else "",
            e.street.name if e.street else "", e.valid_from.isoformat() if e.valid_from else "",
            e.valid_to.isoformat() if e.valid_to else "", e.get_state_display(),
        ]  # fmt: skip
        for col, value in enumerate(cells):
            sheet.write_string(count, col, value)
    book.close()
    return count
