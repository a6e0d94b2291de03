"""``import_ledger``: the one service that writes a household ledger into the registry.

Rules the import keeps:
- All or nothing: the whole file is one transaction. By default any bad row rejects the file
  (``ImportRejected`` listing every bad row); with ``skip_invalid`` the good rows are written and each
  skipped row is reported with its reasons.
- Idempotent: households are matched by 户号; an unchanged row is not rewritten, so importing the same
  file twice reports 0 created / 0 updated the second time.
- Known districts: a district is known when the city already has it in the registry. A city with no
  districts yet accepts a name only if it is a real county-level division (区/县/县级市/旗) in cpca's
  bundled national table — nothing about any particular city is built in.
- Conflicts across rows: a 户号 given twice, or one building (小区 + 楼号 in one 区县) with two different
  door addresses, is an error on the later row, which names the earlier one.
- One audit entry per import with the counts.
"""

import csv
import functools
import io
import time
from importlib import resources

from django.db import transaction

from wennuan.core.audit import record
from wennuan.core.errors import DomainError, ImportRejected, RowError

from ..models import City, District
from .columns import HEADER_OF, looks_like_header, map_header
from .readers import open_rows
from .report import ENTITY_LABELS, ImportReport
from .validation import RowCleaner
from .writer import LedgerWriter

DEFAULT_CITY = "演示市"
CHUNK_ROWS = 20_000
HEADER_SEARCH_ROWS = 10
_I_ACCOUNT, _I_DISTRICT, _I_ESTATE, _I_DOOR, _I_BUILDING, _I_UNIT, _I_ROOM = 0, 1, 5, 6, 7, 8, 9


class CityAmbiguous(DomainError):
    code = "city_ambiguous"


@functools.cache
def county_level_names() -> frozenset[str]:
    """Names of China's county-level divisions, from the national table bundled with cpca."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    names = set()
    for rec in csv.DictReader(io.StringIO(text)):
        code = rec["adcode"][:6]
        # Province codes end in 0000, prefecture codes in 00; the rest are counties and districts.
        if not code.endswith("00") and rec["name"] != "市辖区":
            names.add(rec["name"])
    return frozenset(names)


def known_districts(city: City):
    """The district names an import into ``city`` accepts (see the module docstring for the rule)."""
    existing = set(District.objects.filter(city=city).values_list("name", flat=True)) if city.pk else set()
    return existing or county_level_names()


def resolve_city(name: str | None) -> City:
    """``name`` or, without one, the only city in the registry (``演示市`` when there is none yet).

    Call inside the import's transaction: a new city is created and rolled back with a rejected file.
    """
    if name:
        return City.objects.get_or_create(name=name.strip())[0]
    cities = list(City.objects.all()[:2])
    if len(cities) > 1:
        raise CityAmbiguous("库中有多个城市，请指定城市（--city）")
    return cities[0] if cities else City.objects.create(name=DEFAULT_CITY)


class CrossRowChecks:
    """Checks that need the rows before: a 户号 seen twice; one building with two door addresses."""

    def __init__(self):
        self.accounts: dict[str, int] = {}
        self.doors: dict[tuple, tuple[str, int]] = {}

    def check(self, row: int, v: list[str]) -> list[RowError]:
        errors = []
        account = v[_I_ACCOUNT]
        if account:
            first = self.accounts.setdefault(account, row)
            if first != row:
                errors.append(RowError(row, HEADER_OF["account"], f"户号与第{first}行重复", account))
        building = (v[_I_DISTRICT], v[_I_ESTATE], v[_I_BUILDING])
        door = v[_I_DOOR]
        if door and all(building):
            seen = self.doors.setdefault(building, (door, row))
            if seen[0] != door:
                reason = f"同一楼栋（{building[1]}{building[2]}）在第{seen[1]}行的门牌地址为“{seen[0]}”"
                errors.append(RowError(row, HEADER_OF["door_address"], reason, door))
        return errors


def _data_rows(source):
    """Yield the column positions, then (row, cells) for each non-blank row after the header.

    The header is the first row naming 户号 and two more columns within the first rows (ledgers often
    open with a title row). Without one, the first non-blank row is taken as the header, so the error
    says exactly which required columns it lacks.
    """
    rows = open_rows(source)
    positions, first = None, None
    for row, cells in rows:
        if not any(cells):
            continue
        if first is None:
            first = (row, cells)
        if looks_like_header(cells):
            positions, errors = map_header(cells, row)
            break
        if row >= HEADER_SEARCH_ROWS:
            break
    if positions is None:
        if first is None:
            raise ImportRejected(errors=[RowError(1, "表头", "文件为空，没有表头")])
        positions, errors = map_header(first[1], first[0])
    if errors:
        raise ImportRejected(errors=errors)
    yield positions
    for row, cells in rows:
        if any(cells):  # Excel leaves blank rows; they are neither data nor errors
            yield row, cells


def import_ledger(
    *, source, by=None, city: str | None = None, skip_invalid: bool = False, filename: str = ""
) -> ImportReport:
    """Import a household ledger (.csv in UTF-8/GB18030, or .xlsx) into the registry.

    ``source`` is a path or a seekable binary file. ``by`` is the user (None for the system). Returns an
    ``ImportReport``. Raises ``ImportRejected`` with every bad row (nothing written) unless
    ``skip_invalid``, and ``CityAmbiguous`` when no city is named and the registry holds several.
    """
    started = time.monotonic()
    report = ImportReport()
    errors: list[RowError] = []
    with transaction.atomic():
        target = resolve_city(city)
        report.city = target.name
        districts = known_districts(target)
        writer = LedgerWriter(target)
        checks = CrossRowChecks()
        rows = _data_rows(source)
        cleaner = RowCleaner(next(rows), districts)
        chunk = []
        for row, cells in rows:
            report.rows += 1
            clean, row_errors, values = cleaner.clean(row, cells)
            row_errors += checks.check(row, values)
            if row_errors:
                errors.extend(row_errors)
                continue
            chunk.append(clean)
            if len(chunk) >= CHUNK_ROWS:
                _flush(writer, chunk, report, errors, skip_invalid)
                chunk = []
        _flush(writer, chunk, report, errors, skip_invalid)
        if errors and not skip_invalid:
            raise ImportRejected(errors=errors)
        writer.finish()
        report.skipped = errors
        report.entities_created = {k: writer.created.get(k, 0) for k in ENTITY_LABELS}
        report.buildings_updated = writer.buildings_updated
        record(
            actor=by,
            action="registry.import_ledger",
            obj=target,
            summary=f"导入住户台账{('“' + filename + '”') if filename else ''}：{report.summary()}",
            changes={"file": filename, "skip_invalid": skip_invalid, **report.as_dict()},
        )
    report.seconds = time.monotonic() - started
    return report


def _flush(writer, chunk, report, errors, skip_invalid):
    # Once a row is bad and the file will be rejected, writing more is wasted work: keep validating only.
    if not chunk or (errors and not skip_invalid):
        return
    if len(chunk) >= CHUNK_ROWS:  # a full chunk: a large file, worth setting indexes aside if it can
        writer.start_bulk_load()
    created, updated, unchanged = writer.write(chunk)
    report.created += created
    report.updated += updated
    report.unchanged += unchanged
