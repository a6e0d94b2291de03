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
import ctypes
import functools
import io
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
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

PR_SET_PDEATHSIG = 1  # linux/prctl.h
DEFAULT_CITY = "演示市"
CHUNK_ROWS = 20_000
# Files from this size on are read and checked in a second process (about 50,000 rows).
PARALLEL_MIN_BYTES = 8 * 2**20
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


def _validated_chunks(source, districts) -> Iterator[tuple[list[tuple], list[RowError], int]]:
    """Read and check the whole file: yields (clean rows, errors, rows read) about every CHUNK_ROWS rows.

    Self-contained (no database access), so it can run in a separate process for large files.
    """
    rows = _data_rows(source)
    cleaner = RowCleaner(next(rows), districts)
    checks = CrossRowChecks()
    chunk, errors, count = [], [], 0
    for row, cells in rows:
        count += 1
        clean, row_errors, values = cleaner.clean(row, cells)
        cross = checks.check(row, values)
        if row_errors or cross:
            errors.extend(row_errors + cross)
        else:
            chunk.append(clean)
            if len(chunk) >= CHUNK_ROWS:
                yield chunk, errors, count
                chunk, errors, count = [], [], 0
    yield chunk, errors, count


def _detach_from_parent(parent_pid: int) -> None:
    """In the forked reader: never keep the parent's database session alive.

    A child inherits the parent's database socket. If the parent is killed (-9) half-way, PostgreSQL rolls
    the import back only when every copy of that socket is closed — while the child waits on a full queue
    its copy would keep the transaction, and its locks, open for ever, and the next import would hang. So
    the child points its copy at /dev/null (any accidental use then fails instead of talking to the
    server) and asks the kernel to kill it when the parent dies."""
    from django.db import connections

    devnull = os.open(os.devnull, os.O_RDWR)
    for conn in connections.all(initialized_only=True):
        fileno = getattr(conn.connection, "fileno", None)
        if fileno is not None:
            os.dup2(devnull, fileno())
    os.close(devnull)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the kernel was told
        os._exit(1)


def _produce(source, districts, queue, parent_pid):
    _detach_from_parent(parent_pid)
    try:
        for item in _validated_chunks(source, districts):
            queue.put(item)
        queue.put(None)
    except ImportRejected as err:
        queue.put(("rejected", err.errors))
    except Exception as err:  # noqa: BLE001 — handed to the parent, which raises it
        queue.put(("failed", f"{type(err).__name__}: {err}"))


def _parallel_chunks(source, districts):
    """``_validated_chunks`` run in a forked process, so reading and checking rows overlaps with the
    database work of the previous chunk (a second core does the parsing). The child never touches the
    database connection it inherits, and does not outlive the parent (``_detach_from_parent``)."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue(maxsize=3)  # bounded: the reader never runs far ahead of the writer
    child = ctx.Process(target=_produce, args=(source, districts, queue, os.getpid()), daemon=True)
    child.start()
    try:
        while (item := queue.get()) is not None:
            if item[0] == "rejected":
                raise ImportRejected(errors=item[1])
            if item[0] == "failed":
                raise RuntimeError(f"读取台账失败：{item[1]}")
            yield item
    finally:
        if child.is_alive():
            child.kill()
        child.join()


def _chunks(source, districts):
    big = isinstance(source, str | os.PathLike) and os.path.getsize(source) >= PARALLEL_MIN_BYTES
    if big and "fork" in multiprocessing.get_all_start_methods():
        return _parallel_chunks(source, districts)
    return _validated_chunks(source, districts)


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
        writer = LedgerWriter(target)
        for chunk, chunk_errors, count in _chunks(source, known_districts(target)):
            report.rows += count
            errors.extend(chunk_errors)
            # Once a row is bad and the file will be rejected, writing more is wasted: keep checking only.
            if chunk and (skip_invalid or not errors):
                if len(chunk) >= CHUNK_ROWS:  # a large file: worth setting indexes aside if it can
                    writer.start_bulk_load()
                created, updated, unchanged = writer.write(chunk)
                report.created += created
                report.updated += updated
                report.unchanged += unchanged
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
