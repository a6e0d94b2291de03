"""Importing a company's billing export: all or nothing, every bad row named, the same rows twice add nothing."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import ImportRejected, NotPermitted, RowError
from wennuan.registry.ledger.readers import open_rows
from wennuan.registry.models import Household
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season

from ..models import Payment, PaymentImport
from ..payment_file import PaymentRow, header_positions, looks_like_header, parse_row
from ..roles import IMPORTERS, may
from .statements import recompute_for

CHUNK = 900  # ids per IN (…): under SQLite's bound variables, few round trips on PostgreSQL


@dataclass
class ImportReport:
    filename: str
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    amount: Decimal = Decimal("0.00")
    households: int = 0
    seasons: list[str] = field(default_factory=list)
    batch_id: int | None = None

    @property
    def summary(self) -> str:
        return (
            f"{self.filename}：{self.rows}行，新增缴费{self.created}笔共{self.amount}元，"
            f"已导入过{self.unchanged}笔（未重复记账），涉及{self.households}户"
        )


def _digest(source) -> str:
    h = hashlib.sha256()
    if hasattr(source, "read"):
        source.seek(0)
        while chunk := source.read(1 << 20):
            h.update(chunk)
        source.seek(0)
    else:
        with open(source, "rb") as raw:
            while chunk := raw.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def _read(source) -> tuple[list[PaymentRow], list[RowError]]:
    rows: list[PaymentRow] = []
    errors: list[RowError] = []
    positions = None
    for n, cells in open_rows(source):
        if positions is None:
            if not any(cells):
                continue
            if not looks_like_header(cells):
                if n >= 10:
                    break
                continue  # a title row above the header
            positions, header_errors = header_positions(cells, n)
            if header_errors:
                raise ImportRejected(errors=header_errors)
            continue
        if not any(cells):
            continue
        row, why = parse_row(n, cells, positions)
        errors += why
        if row is not None:
            rows.append(row)
    if positions is None:
        raise ImportRejected(
            errors=[RowError(1, "表头", "找不到表头：须有“户号”“缴费金额”“缴费日期”“收费单号”等列")]
        )
    return rows, errors


@dataclass(frozen=True)
class _Household:
    pk: int
    city_id: int


def _households(by, accounts: set[str]) -> dict[str, _Household]:
    """The households of the file the importer may see (one query per chunk): {户号: (id, city)}."""
    found = {}
    names = sorted(accounts)
    for i in range(0, len(names), CHUNK):
        rows = (
            Household.objects.visible_to(by)
            .filter(account__in=names[i : i + CHUNK])
            .values_list("account", "id", "station__company__city_id")
        )
        for account, pk, city_id in rows:
            found[account] = _Household(pk, city_id)
    return found


class _Seasons:
    """Each city's seasons by name, and the one a payment date falls to (current, else next, else last)."""

    def __init__(self):
        self.by_name: dict[tuple[int, str], Season | None] = {}
        self.by_day: dict[tuple[int, object], Season | None] = {}

    def named(self, city_id: int, name: str) -> Season | None:
        key = (city_id, name)
        if key not in self.by_name:
            self.by_name[key] = Season.objects.filter(city_id=city_id, name=name).first()
        return self.by_name[key]

    def of_day(self, city_id: int, day) -> Season | None:
        key = (city_id, day)
        if key not in self.by_day:
            self.by_day[key] = current_or_next_season(city=city_id, on=day)
        return self.by_day[key]


def _existing(pairs: list[tuple[int, str]]) -> dict[tuple[int, str], Payment]:
    out = {}
    by_household: dict[int, list[str]] = {}
    for hid, receipt in pairs:
        by_household.setdefault(hid, []).append(receipt)
    ids = sorted(by_household)
    for i in range(0, len(ids), CHUNK):
        for p in Payment.objects.filter(household_id__in=ids[i : i + CHUNK]).only(
            "id", "household_id", "receipt_no", "amount", "paid_on", "season_id"
        ):
            out[(p.household_id, p.receipt_no)] = p
    return out


def import_payments(*, source, by, filename: str = "") -> ImportReport:
    """Import a billing export (path or binary file object). Raises ImportRejected with every bad row and
    writes nothing when any row is bad; rows already imported (same household and 收费单号, same amount and
    date) are counted as unchanged, so a file imported twice adds nothing. Statements of the households
    touched are recomputed in the same transaction."""
    if not may(by, IMPORTERS):
        raise NotPermitted("只有供热企业调度和供热主管可以导入缴费数据")
    filename = (filename or getattr(source, "name", "") or "缴费明细")[-200:]
    digest = _digest(source)
    rows, errors = _read(source)
    households = _households(by, {r.account for r in rows})
    seasons = _Seasons()
    first_row: dict[tuple[str, str], int] = {}
    resolved: list[tuple[PaymentRow, _Household, Season]] = []
    for r in rows:
        key = (r.account, r.receipt_no)
        if key in first_row:
            errors.append(
                RowError(
                    r.row, "收费单号", f"与第{first_row[key]}行重复（同一户号同一收费单号）", r.receipt_no
                )
            )
            continue
        first_row[key] = r.row
        household = households.get(r.account)
        if household is None:
            errors.append(RowError(r.row, "户号", "户号不存在或不在您的管辖范围内", r.account))
            continue
        city_id = household.city_id
        if r.season:
            season = seasons.named(city_id, r.season)
            if season is None:
                errors.append(RowError(r.row, "供暖季", "本市没有这个供暖季（格式如 2025-2026）", r.season))
                continue
        else:
            season = seasons.of_day(city_id, r.paid_on)
            if season is None:
                errors.append(
                    RowError(r.row, "缴费日期", "本市尚未设置供暖季，请在“供暖季”列写明", str(r.paid_on))
                )
                continue
        resolved.append((r, household, season))
    existing = _existing([(h.pk, r.receipt_no) for r, h, _ in resolved])
    fresh: list[tuple[PaymentRow, _Household, Season]] = []
    report = ImportReport(filename=filename, rows=len(rows))
    for r, household, season in resolved:
        before = existing.get((household.pk, r.receipt_no))
        if before is None:
            fresh.append((r, household, season))
        elif before.amount == r.amount and before.paid_on == r.paid_on and before.season_id == season.pk:
            report.unchanged += 1
        else:
            errors.append(
                RowError(
                    r.row,
                    "收费单号",
                    f"该收费单号已导入，但金额、日期或供暖季不同（原为{before.amount}元、{before.paid_on}）；"
                    "更正请先由企业在收费系统冲正",
                    r.receipt_no,
                )  # fmt: skip
            )
    if errors:
        raise ImportRejected(errors=sorted(errors, key=lambda e: e.row))
    with transaction.atomic():
        batch = PaymentImport.objects.create(
            filename=filename, sha256=digest, by=by, at=timezone.now(), rows=len(rows), created=len(fresh),
            unchanged=report.unchanged, amount=sum((r.amount for r, _, _ in fresh), Decimal("0.00")),
        )  # fmt: skip
        Payment.objects.bulk_create(
            (
                Payment(
                    household_id=h.pk,
                    season=s,
                    receipt_no=r.receipt_no,
                    amount=r.amount,
                    paid_on=r.paid_on,
                    method=r.method,
                    batch=batch,
                )  # fmt: skip
                for r, h, s in fresh
            ),
            batch_size=2000,
        )
        touched: dict[int, set[int]] = {}
        season_rows = {}
        for _, h, s in fresh:
            touched.setdefault(s.pk, set()).add(h.pk)
            season_rows[s.pk] = s
        for season_id, ids in touched.items():
            recompute_for(season=season_rows[season_id], household_ids=sorted(ids))
        report.created, report.amount, report.batch_id = len(fresh), batch.amount, batch.pk
        report.households = len({h.pk for _, h, _ in fresh})
        report.seasons = sorted(s.name for s in season_rows.values())
        audit.record(
            actor=by, action="hall.payments_imported", obj=batch, summary=report.summary,
            changes={"rows": report.rows, "created": report.created, "unchanged": report.unchanged,
                     "amount": str(report.amount), "sha256": digest},
        )  # fmt: skip
    return report
