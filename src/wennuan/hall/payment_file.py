"""A company's billing export (缴费明细) read as payment rows: the header, one row's checks, the reasons.

Files come through the registry's readers (``open_rows``: .xlsx/.xls/.ods by core.sheets' bounded reading,
CSV in UTF-8 or GB18030). Only checks that need one row live here; households, seasons and what was
imported before are checked by the import service, which sees the whole file."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from wennuan.core.errors import RowError


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("account", "户号", True, ("热用户编号", "用户编号", "用户号", "account")),
    Column("amount", "缴费金额", True, ("金额", "实收金额", "实缴金额", "amount")),
    Column("paid_on", "缴费日期", True, ("日期", "收费日期", "交费日期", "paid_on")),
    Column("receipt_no", "收费单号", True, ("票据号", "单据号", "流水号", "收据号", "receipt_no")),
    Column("season", "供暖季", False, ("采暖期", "采暖季", "season")),
    Column("method", "缴费方式", False, ("支付方式", "method")),
)
HEADERS = tuple(c.header for c in COLUMNS)
MAX_AMOUNT = Decimal("1000000")
MAX_RECEIPT = 64
EARLIEST = date(2000, 1, 1)


def _norm(text: str) -> str:
    return str(text or "").replace("\ufeff", "").replace("\u3000", " ").strip().lower()


_LOOKUP = {_norm(name): c.key for c in COLUMNS for name in (c.header, c.key, *c.aliases)}


def header_positions(cells: list[str], row: int) -> tuple[dict[str, int], list[RowError]]:
    """{column key: index in the row} and the header's errors (a required column missing, one twice)."""
    positions: dict[str, int] = {}
    errors = []
    for i, cell in enumerate(cells):
        key = _LOOKUP.get(_norm(cell))
        if key is None:
            continue
        if key in positions:
            errors.append(RowError(row, cell, "列重复"))
            continue
        positions[key] = i
    header_of = {c.key: c.header for c in COLUMNS}
    errors += [
        RowError(row, header_of[c.key], "缺少必需的列")
        for c in COLUMNS
        if c.required and c.key not in positions
    ]
    return positions, errors


def looks_like_header(cells: list[str]) -> bool:
    keys = {_LOOKUP.get(_norm(c)) for c in cells} - {None}
    return "account" in keys and len(keys) >= 3


@dataclass(frozen=True)
class PaymentRow:
    row: int
    account: str
    amount: Decimal
    paid_on: date
    receipt_no: str
    season: str
    method: str


_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_AMOUNT_NOISE = re.compile(r"[,，\s]|元$|^¥|^￥")


def parse_amount(text: str) -> tuple[Decimal | None, str]:
    try:
        value = Decimal(_AMOUNT_NOISE.sub("", text))
    except InvalidOperation:
        return None, "缴费金额不是数字"
    if not value.is_finite():
        return None, "缴费金额不是数字"
    if value <= 0:
        return None, "缴费金额必须大于0（冲正、退款请由企业在收费系统中处理后导出实收）"
    if value > MAX_AMOUNT:
        return None, f"缴费金额超过{MAX_AMOUNT:,}元，请核对"
    if value.as_tuple().exponent < -2:
        return None, "缴费金额最多两位小数（分）"
    return value.quantize(Decimal("0.01")), ""


def parse_day(text: str, today: date | None = None) -> tuple[date | None, str]:
    """2025-11-03, 2025/11/3, 2025.11.03, 2025年11月3日, 20251103, or Excel's '2025-11-03 00:00:00'."""
    m = _DATE.match(text) or _COMPACT.match(text)
    if m is None:
        return None, "缴费日期格式应为 2025-11-03"
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, "缴费日期不存在"
    today = today or timezone.localdate()
    if day < EARLIEST or day > today:
        return None, f"缴费日期须在{EARLIEST:%Y-%m-%d}至今天（{today:%Y-%m-%d}）之间"
    return day, ""


def parse_row(
    row: int, cells: list[str], positions: dict[str, int]
) -> tuple[PaymentRow | None, list[RowError]]:
    """One data row → a PaymentRow, or every reason it is not one."""

    def cell(key: str) -> str:
        i = positions.get(key)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    errors = []
    account, receipt = cell("account"), cell("receipt_no")
    if not account:
        errors.append(RowError(row, "户号", "不能为空"))
    elif len(account) > 40:
        errors.append(RowError(row, "户号", "最多40个字符", account[:40]))
    amount, why = parse_amount(cell("amount")) if cell("amount") else (None, "不能为空")
    if why:
        errors.append(RowError(row, "缴费金额", why, cell("amount")[:40]))
    paid_on, why = parse_day(cell("paid_on")) if cell("paid_on") else (None, "不能为空")
    if why:
        errors.append(RowError(row, "缴费日期", why, cell("paid_on")[:40]))
    if not receipt:
        errors.append(RowError(row, "收费单号", "不能为空（用于识别重复导入）"))
    elif len(receipt) > MAX_RECEIPT:
        errors.append(RowError(row, "收费单号", f"最多{MAX_RECEIPT}个字符", receipt[:40]))
    method = cell("method")
    if len(method) > 30:
        errors.append(RowError(row, "缴费方式", "最多30个字符", method[:40]))
    if errors:
        return None, errors
    return PaymentRow(row, account, amount, paid_on, receipt, cell("season")[:20], method), []
