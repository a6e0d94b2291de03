"""Reading the building / unit / room part of an address, after the estate or door address.

"3号楼3单元502", "14栋3门", "7-2-501", "A41单元302", "2单元3楼2号", "A6号楼1单元602室".
The parser returns every reading that the words allow (``Spec`` hypotheses); the resolver keeps the
ones the registry confirms.
"""

import re
from dataclasses import dataclass, replace

from .normalize import ESTATE_SUFFIXES

_VAL = r"[A-Z]?\d+[A-Z]?|[A-Z](?![A-Z])"
# 楼 and 门 before 下/上/道/口… begin the next words (502楼下管子爆裂, 3单元门口), they mark nothing
_NOT_LOU = "(?![下上道梯顶房里内外前后])"
_MARK = rf"号楼{_NOT_LOU}|号院|栋楼|单元|栋|幢|座|楼{_NOT_LOU}|层|号|室|户|门(?![口前外卫])|#楼|#"
_TOKEN = re.compile(rf"(?P<val>{_VAL})(?P<mark>{_MARK})?")
_SKIP = re.compile(r"[,\s的第]+")
_LEAD = re.compile("|".join(sorted(ESTATE_SUFFIXES, key=len, reverse=True)))
_DOOR_MARKS = {"", "号", "室", "户"}
_BUILDING_MARKS = {"号楼", "号院", "栋楼", "栋", "幢", "座", "#楼", "#"}


@dataclass(frozen=True)
class Spec:
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    # other ways the ledger may number the room said as floor + door: 6楼2号 is 602, or 6-2 in a
    # ledger that writes it so; the registry decides, and two that both exist decide nothing
    other_rooms: tuple[str, ...] = ()


def _tokens(rest: str) -> list[tuple[str, str, bool]]:
    """(value, mark, dashed) tokens from the start of ``rest``; ``dashed`` when a "-" preceded it."""
    out, i, dashed = [], 0, False
    m = _LEAD.match(rest)  # the generic suffix the alias left behind: 六合[小区]3号楼
    if m:
        i = m.end()
    while i < len(rest):
        sk = _SKIP.match(rest, i)
        if sk:
            i = sk.end()
            continue
        if rest[i] == "-":
            dashed, i = True, i + 1
            continue
        if rest[i] == "院" and not out:  # 小沟头33号[院]2号楼
            i += 1
            continue
        t = _TOKEN.match(rest, i)
        if not t:
            break
        out.append((t.group("val"), t.group("mark") or "", dashed))
        dashed = False
        i = t.end()
        if len(out) >= 6:
            break
    return out


def _clean(v: str) -> str:
    return v.lstrip("0") or v


def _room(floor: str | None, value: str) -> str:
    """Floor + door → room: (5, 2) → 502, (12, 3) → 1203; a 3+ digit door is already a room."""
    if floor and floor.isdigit() and value.isdigit() and len(value) <= 2:
        return f"{int(floor)}{int(value):02d}"
    return _clean(value)


def _other_rooms(floor: str | None, value: str) -> tuple[str, ...]:
    """The floor + door numbering besides ``_room``'s: (6, 2) → 6-2 and 6-02 (a ledger that writes them)."""
    if floor and floor.isdigit() and value.isdigit() and len(value) <= 2:
        f, d = int(floor), int(value)
        return tuple(dict.fromkeys((f"{f}-{d}", f"{f}-{d:02d}")))
    return ()


def parse_spec(rest: str, building_known: bool = False) -> list[Spec]:
    """Readings of the building/unit/room that follow an anchor, most likely first; [] when none.

    ``building_known``: the anchor already names one building (a door address), so the first bare
    numbers are the unit and room.
    """
    toks = _tokens(rest)
    if not toks:
        return []
    b = u = r = floor = None
    alts: list[Spec] = []
    # a dash chain such as 7-2-501 / 2-501 at the start
    chain = [toks[0][0]]
    j = 1
    while j < len(toks) and toks[j][2] and not toks[j - 1][1]:
        chain.append(toks[j][0])
        j += 1
    if len(chain) >= 2 and not toks[0][1]:
        slots = ["unit", "room"] if building_known else ["building", "unit", "room"]
        if len(chain) == 2 and not building_known:
            # 7-501: building and room; 7-2: building and unit
            slots = ["building", "room" if len(chain[1]) >= 3 else "unit"]
        if len(chain) == 2 and building_known and len(chain[0]) >= 3:
            slots = ["room"]
        vals = dict(zip(slots, chain, strict=False))
        b, u, r = vals.get("building"), vals.get("unit"), vals.get("room")
        toks = toks[j:]
    others: tuple[str, ...] = ()
    for k, (val, mark, _) in enumerate(toks):
        if mark in _BUILDING_MARKS:
            if b is None and not building_known:
                b = val
            elif u is None and mark in {"号", "#"}:
                u = val
        elif mark == "单元":
            if u is None:
                u = val
                if b is None and not building_known and len(val) >= 2 and val[-1].isdigit():
                    # A41单元 / 31单元: the building number and the unit run together
                    alts.append(Spec(val[:-1], val[-1], None))
        elif mark == "门":
            if u is None:
                u = val
                if b is None and not building_known and len(val) >= 2 and val[-1].isdigit():
                    alts.append(Spec(val[:-1], val[-1], None))
        elif mark == "楼":
            if b is None and u is None and not building_known:
                b = val
            else:
                floor = val
        elif mark == "层":
            floor = val
        elif mark == "号":
            if b is None and u is None and floor is None and not building_known:
                b = val
            elif r is None:
                r, others = _room(floor, val), _other_rooms(floor, val)
        elif mark in {"室", "户"}:
            if r is None:
                r, others = _room(floor, val), _other_rooms(floor, val)
        else:  # a bare value
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if b is None and u is None and not building_known and (not val.isdigit() or len(val) <= 2):
                b = val
            elif r is None and (floor or len(val) >= 3):
                r, others = _room(floor, val), _other_rooms(floor, val)
            elif u is None and len(val) <= 2:
                u = val
            elif r is None and floor is None and len(val) <= 2 and nxt and nxt[2] and nxt[1] in _DOOR_MARKS:
                floor = val  # 2单元18-1: floor 18, door 1, after the unit is said
            else:
                break
    main = Spec(_clean(b) if b else None, _clean(u) if u else None, r, others)
    out = [main]
    for alt in alts:
        out.append(
            replace(alt, building=_clean(alt.building), unit=_clean(alt.unit), room=r, other_rooms=others)
        )
    return out
