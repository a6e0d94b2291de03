"""One ledger row of strings → a clean ``LedgerRow``, or the reasons it is not one.

Only checks that need a single row live here. Checks across rows (a 户号 twice in a file, one building
with two door addresses) are in ``importer.CrossRowChecks`` because they need what came before.
"""

import re
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import NamedTuple

from wennuan.core.errors import RowError

from ..enums import PaymentStatus, PriorityGroup
from .columns import COLUMNS, HEADER_OF


class LedgerRow(NamedTuple):
    account: str
    district: str
    street: str
    community: str
    grid: str
    estate: str
    door_address: str
    building: str
    unit: str
    room: str
    name: str
    phone: str
    area: str  # validated decimal text ("88.50"): goes to the database as written, compared as Decimal
    company: str
    station: str
    priority_groups: str  # comma-separated PriorityGroup codes in the enum's order, "" for none
    payment_status: str  # a PaymentStatus code
    door_aliases: str  # the building's other door plates, "、"-joined, each at most 100 characters


# Longest value each column may hold (the model fields' max_length).
MAX_LENGTH = {
    "account": 40,
    "district": 50,
    "street": 50,
    "community": 50,
    "grid": 50,
    "estate": 100,
    "door_address": 100,
    "building": 30,
    "unit": 30,
    "room": 20,
    "name": 50,
    "phone": 30,
    "company": 100,
    "station": 100,
    "door_aliases": 400,
}
MAX_ALIAS = 100  # BuildingAlias.name
MAX_AREA = Decimal("99999999.99")

PAYMENT_CODES = {label: code for code, label in PaymentStatus.choices} | {
    code: code for code in PaymentStatus.values
}
# Words companies use for the same three states.
PAYMENT_CODES |= {"已交": "paid", "已缴费": "paid", "未交": "unpaid", "未缴费": "unpaid", "停供": "suspended"}
PRIORITY_CODES = {label: code for code, label in PriorityGroup.choices} | {
    code: code for code in PriorityGroup.values
}
PRIORITY_ORDER = {code: i for i, code in enumerate(PriorityGroup.values)}
PRIORITY_SPLIT = re.compile(r"[、,，/／;；\s]+")
_PLAIN_AREA = re.compile(r"[0-9]{1,8}(?:\.[0-9]{1,2})?")
AREA_UNITS = re.compile(r"\s*(㎡|m²|m2|平方米|平米)$", re.IGNORECASE)

_REQUIRED = [(i, c.header) for i, c in enumerate(COLUMNS) if c.required]
_required = itemgetter(*(i for i, _ in _REQUIRED))
_LIMITED = [(i, c.header, MAX_LENGTH[c.key]) for i, c in enumerate(COLUMNS) if c.key in MAX_LENGTH]
_SHORTEST_LIMIT = min(MAX_LENGTH.values())
_I_DISTRICT = 1
_I_NAME = 10
_I_PHONE = 11
_I_AREA = 12
_I_PRIORITY = 15
_I_PAYMENT = 16
_I_ALIASES = 17
ALIAS_SPLIT = re.compile(r"[、,，;；/／|｜\n]+")


def parse_aliases(text: str) -> tuple[str, str]:
    """A cell of other door plates ("民主路3号、老干部楼") → (the plates "、"-joined, once each; reason)."""
    names = list(dict.fromkeys(n.strip() for n in ALIAS_SPLIT.split(text) if n.strip()))
    too_long = [n for n in names if len(n) > MAX_ALIAS]
    if too_long:
        return "", f"每个门牌最多{MAX_ALIAS}个字符"
    return "、".join(names), ""


def parse_area(text: str) -> tuple[Decimal | None, str]:
    """The heated area in m²: a number above 0 with at most two decimals. Returns (value, reason)."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        try:  # "88.5㎡", "88.5 平方米"
            value = Decimal(AREA_UNITS.sub("", text))
        except InvalidOperation:
            return None, "供热面积不是数字"
    if not value.is_finite():
        return None, "供热面积不是数字"
    if value <= 0:
        return None, "供热面积必须大于0"
    if value > MAX_AREA:
        return None, "供热面积过大"
    if value.as_tuple().exponent < -2:
        return None, "供热面积最多两位小数"
    return value, ""


def parse_priority(text: str) -> tuple[str, list[str]]:
    """Several groups may share one cell (独居老人、残疾人). Returns (codes joined by commas, unknown words)."""
    if not text:
        return "", []
    codes, unknown = set(), []
    for word in PRIORITY_SPLIT.split(text):
        if not word or word in ("无", "-", "—"):
            continue
        code = PRIORITY_CODES.get(word) or PRIORITY_CODES.get(word.lower())
        if code is None:
            unknown.append(word)
        else:
            codes.add(code)
    return ",".join(sorted(codes, key=PRIORITY_ORDER.__getitem__)), unknown


class RowCleaner:
    """Cleans the data rows of one file: ``RowCleaner(positions, known_districts).clean(row, cells)``.

    ``positions`` comes from ``columns.map_header``; ``known_districts`` is a container of the district
    names this import accepts (see ``importer.known_districts`` for the rule).
    """

    def __init__(self, positions: list[int | None], known_districts):
        self.positions = positions
        self.known_districts = known_districts
        # One C-level itemgetter call reorders a row; the optional columns the file lacks are put back
        # as blanks (a file without 其他门牌 must not fall to the slow path for its million rows).
        present = [p for p in positions if p is not None]
        self.getter = itemgetter(*present)
        self.gaps = [i for i, p in enumerate(positions) if p is None]
        self.last = max(present)

    def clean(self, row: int, cells: list[str]) -> tuple[tuple | None, list[RowError], list[str]]:
        """Returns the clean row as a tuple in ``LedgerRow`` order (or None), every error found in it,
        and the raw cells in ``COLUMNS`` order (for the checks across rows)."""
        if len(cells) > self.last:
            v = list(self.getter(cells))
            for i in self.gaps:
                v.insert(i, "")
        else:  # a short row, or a file without some optional columns
            n = len(cells)
            v = [cells[p] if p is not None and p < n else "" for p in self.positions]
        return _clean(row, v, self.known_districts)


def _clean(row: int, v: list[str], known_districts):
    errors: list[RowError] = []
    # Cheap tests first (a million rows pass through here); the detailed loops run only on a miss.
    if "" in _required(v):
        errors.extend(RowError(row, header, "必填项为空") for i, header in _REQUIRED if not v[i])
    if max(map(len, v)) > _SHORTEST_LIMIT:
        errors.extend(
            RowError(row, header, f"超过{limit}个字符", v[i])
            for i, header, limit in _LIMITED
            if len(v[i]) > limit
        )
    # A masked export (王*英, 139****5678) imported back would overwrite real names and phones.
    if "*" in v[_I_NAME] or "*" in v[_I_PHONE]:
        errors.extend(
            RowError(row, COLUMNS[i].header, "是脱敏后的内容，不能导入", v[i])
            for i in (_I_NAME, _I_PHONE)
            if "*" in v[i]
        )
    district = v[_I_DISTRICT]
    if district and district not in known_districts:
        errors.append(RowError(row, HEADER_OF["district"], "未知区县", district))
    area = v[_I_AREA]
    # Most cells are plain "88.50": that pattern is valid by construction unless it is zero.
    if area and not (_PLAIN_AREA.fullmatch(area) and area.strip("0.")):
        value, reason = parse_area(area)
        if value is None:
            errors.append(RowError(row, HEADER_OF["area"], reason, area))
        else:
            area = str(value)
    priority = ""
    if v[_I_PRIORITY]:
        priority, unknown = parse_priority(v[_I_PRIORITY])
        if unknown:
            errors.append(RowError(row, HEADER_OF["priority_groups"], "未知重点人群", "、".join(unknown)))
    payment = ""
    if v[_I_PAYMENT]:
        payment = PAYMENT_CODES.get(v[_I_PAYMENT]) or PAYMENT_CODES.get(v[_I_PAYMENT].lower(), "")
        if not payment:
            errors.append(RowError(row, HEADER_OF["payment_status"], "未知缴费状态", v[_I_PAYMENT]))
    aliases = v[_I_ALIASES]
    if aliases:
        aliases, reason = parse_aliases(aliases)
        if reason:
            errors.append(RowError(row, HEADER_OF["door_aliases"], reason, v[_I_ALIASES]))
    if errors:
        return None, errors, v
    clean = v.copy()
    clean[_I_ALIASES] = aliases
    clean[_I_AREA] = area
    clean[_I_PRIORITY] = priority
    clean[_I_PAYMENT] = payment
    # A plain tuple in LedgerRow's order: cheaper to build and to pass between processes than the class.
    return tuple(clean), errors, v
