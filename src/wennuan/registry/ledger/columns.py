"""The ledger's columns: the header as the heating companies write it, and the order we keep cells in."""

from dataclasses import dataclass

from wennuan.core.errors import RowError


@dataclass(frozen=True)
class Column:
    key: str  # our name, also the accepted English alias
    header: str  # the Chinese header written on export
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("account", "户号", True, ("热用户编号", "用户编号")),
    Column("district", "区县", True, ("区", "县区")),
    Column("street", "街道", True),
    Column("community", "社区", True),
    Column("grid", "网格", True),
    Column("estate", "小区", True, ("楼院",)),
    Column("door_address", "门牌地址", False, ("门牌", "地址", "address")),
    Column("building", "楼号", True, ("楼栋",)),
    Column("unit", "单元", False),
    Column("room", "房号", False),
    Column("name", "户主", False, ("resident_name", "姓名")),
    Column("phone", "联系电话", False, ("电话",)),
    Column("area", "供热面积", True, ("面积",)),
    Column("company", "供热企业", True, ("热力公司",)),
    Column("station", "换热站", True, ("供热站",)),
    Column("priority_groups", "重点人群", False, ("priority",)),
    Column("payment_status", "缴费状态", True, ("payment",)),
    # A building's other door plates (别名门牌), "、"-separated; last so that older files keep their order.
    Column("door_aliases", "其他门牌", False, ("别名门牌", "门牌别名", "door_aliases")),
)
HEADERS = tuple(c.header for c in COLUMNS)
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}
HEADER_OF = {c.key: c.header for c in COLUMNS}


def _normalise(name: str) -> str:
    # Spreadsheets carry stray spaces, full-width spaces and a BOM into the header cells.
    return str(name or "").replace("\ufeff", "").replace("\u3000", " ").strip().lower()


_LOOKUP = {}
for _col in COLUMNS:
    for _name in (_col.header, _col.key, *_col.aliases):
        _LOOKUP[_normalise(_name)] = _col.key


def map_header(cells: list, row: int = 1) -> tuple[list[int | None], list[RowError]]:
    """Map a header row to our column order.

    Returns ``positions`` (for each of ``COLUMNS``, the index of its cell in the file's rows, or None when
    the file lacks that optional column) and the errors of the header row (``row``): a required column missing,
    or one column given twice. Columns we do not know are ignored.
    """
    positions: list[int | None] = [None] * len(COLUMNS)
    errors: list[RowError] = []
    for i, cell in enumerate(cells):
        key = _LOOKUP.get(_normalise(cell))
        if key is None:
            continue
        idx = INDEX[key]
        if positions[idx] is not None:
            errors.append(RowError(row, HEADER_OF[key], "列重复", str(cell).strip()))
            continue
        positions[idx] = i
    for col, pos in zip(COLUMNS, positions, strict=True):
        if pos is None and col.required:
            errors.append(RowError(row, col.header, "缺少必需的列"))
    return positions, errors


def looks_like_header(cells: list) -> bool:
    """A header row names the 户号 column and at least two others (ledgers often start with a title row)."""
    keys = {_LOOKUP.get(_normalise(c)) for c in cells}
    return "account" in keys and len(keys - {None}) >= 3
