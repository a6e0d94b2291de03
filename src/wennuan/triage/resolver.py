"""Address resolution: complaint text → the registry's household, unit or building, or an honest "don't know".

Steps: normalise the text; find anchors (estate names, their short forms and homophones, door
addresses by road and number, 户号); read the building/unit/room after each anchor; keep the
candidates the registry confirms (the building must exist); decide. It never chooses between real
candidates: two buildings that both fit make the case ``ambiguous``, and a weaker reading (short name,
homophone, near-miss) never overrides a stronger one that disagrees.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .address import Spec, parse_spec
from .enums import TriageStatus
from .index import ALIAS, EXACT, SOUND, AddressIndex
from .normalize import building_key, estate_aliases, normalize, room_key, sound_key

FUZZY = 3
MATCHED, AMBIGUOUS, UNMATCHED = TriageStatus.MATCHED, TriageStatus.AMBIGUOUS, TriageStatus.UNMATCHED
_TIER_SCORE = {EXACT: 1.0, ALIAS: 0.92, SOUND: 0.85, FUZZY: 0.75}
_NUMBER = re.compile(r"(\d+)号?")
_ACCOUNT = re.compile(r"(?<![A-Z0-9])[A-Z0-9]*\d[A-Z0-9]*")
# A building reference in the text, for the near-miss search of the estate name before it.
_BUILDING_REF = re.compile(r"(?:[A-Z]?\d+[A-Z]?)(?:号楼|栋|幢|号院|-\d)")
_FUZZY_CUTOFF = 80.0


@dataclass
class Candidate:
    """One place the text may mean. ``row`` is the household's row in the index (or None)."""

    estate_id: int
    building_id: int | None = None
    unit_id: int | None = None
    row: int | None = None
    tier: int = EXACT
    score: float = 1.0
    spec: Spec = field(default_factory=Spec)
    diff: int = 0  # characters of the name that differ from the text (homophone readings)

    @property
    def level(self) -> str | None:
        if self.row is not None:
            return "household"
        if self.unit_id is not None:
            return "unit"
        if self.building_id is not None:
            return "building"
        return None


@dataclass
class Resolution:
    status: str
    chosen: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class _Hit:
    start: int
    end: int
    tier: int
    estates: list[int] = field(default_factory=list)
    buildings: list[int] = field(default_factory=list)  # from a door address
    diff: dict[int, int] = field(default_factory=dict)  # homophone hits: estate/building → chars differing

    @property
    def length(self) -> int:
        return self.end - self.start


def _scan(ix: AddressIndex, s: str, ss: str | None) -> list[_Hit]:
    """Every estate / door-address mention in the normalised text ``s``; with ``ss`` (its sound keys)
    also the homophone mentions."""
    hits: list[_Hit] = []
    n = len(s)
    empty = ()
    for i in range(n):
        c, sc = s[i], (ss[i] if ss is not None else None)
        for length in ix.estate_lengths.get(c, empty):
            found = ix.estate_keys.get(s[i : i + length]) if i + length <= n else None
            if found:
                for tier in {t for t, _ in found}:
                    hits.append(_Hit(i, i + length, tier, [e for t, e in found if t == tier]))
        for length in ix.sound_lengths.get(sc, empty):
            found = ix.estate_sound.get(ss[i : i + length]) if i + length <= n else None
            if found:
                hits.append(_Hit(i, i + length, SOUND, list(found)))
        for roads, text, tier, lengths in (
            (ix.roads, s, EXACT, ix.road_lengths.get(c, empty)),
            (ix.road_sound, ss, SOUND, ix.road_sound_lengths.get(sc, empty)),
        ):
            for length in lengths:
                numbers = roads.get(text[i : i + length]) if i + length < n else None
                if numbers is None:
                    continue
                m = _NUMBER.match(s, i + length)
                num = m and (m.group(1).lstrip("0") or "0")
                if num in numbers:
                    hits.append(_Hit(i, m.end(), tier, buildings=list(numbers[num])))
        for length in ix.door_lengths.get(c, empty):
            found = ix.doors.get(s[i : i + length])
            if found:
                hits.append(_Hit(i, i + length, EXACT, buildings=list(found)))
    # a sound hit on the very span of an exact hit for the same estates adds nothing
    exact_spans = {(h.start, h.end, e) for h in hits if h.tier != SOUND for e in h.estates}
    for h in hits:
        if h.tier == SOUND and h.estates:
            h.estates = [e for e in h.estates if (h.start, h.end, e) not in exact_spans]
    hits = [h for h in hits if h.estates or h.buildings]
    for h in hits:
        if h.tier == SOUND:
            _count_diffs(ix, s, h)
    # a mention inside a longer mention is part of it (春晖 inside 春晖家园, inside 春晖北路48号)
    return [
        h
        for h in hits
        if not any(o.start <= h.start and h.end <= o.end and o.length > h.length for o in hits)
    ]


def _hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True)) if len(a) == len(b) else len(a)


def _count_diffs(ix: AddressIndex, s: str, h: _Hit) -> None:
    """How many characters each homophone reading changes: 陶源居 is one change from 桃源居, two from
    桃园居, so the closer name may stand where a farther one also sounds alike."""
    said = s[h.start : h.end]
    for e in h.estates:
        name = normalize(ix.estate_name[e])
        keys = [name, *estate_aliases(name)]
        h.diff[e] = min((_hamming(said, k) for k in keys if len(k) == len(said)), default=len(said))
    road = said.rstrip("0123456789号")
    for b in h.buildings:
        h.diff[b] = _hamming(road, normalize(ix.building[b][2])[: len(road)])


def _fuzzy_names(ix: AddressIndex) -> dict[str, list[str]]:
    """Sound keys of estate names grouped by their last character (kept on the index).

    A near miss keeps its generic ending (小区, 家园, 院): comparing only names that end alike keeps the
    search small on a city of thousands of estates."""
    cached = ix.__dict__.get("_fuzzy_names")
    if cached is None:
        cached = {}
        for key in ix.estate_sound:
            cached.setdefault(key[-1], []).append(key)
        ix.__dict__["_fuzzy_names"] = cached
    return cached


def _fuzzy_hits(ix: AddressIndex, s: str) -> list[_Hit]:
    """Near-miss estate names just before a building reference ("金侨小区3号楼" → 金桥小区).

    Every name at the best score is kept, so two equally near names make the case ambiguous."""
    by_last = _fuzzy_names(ix)
    hits = []
    for m in _BUILDING_REF.finditer(s):
        end = m.start()
        start0 = max(s.rfind(",", 0, end) + 1, end - 10)
        best_score, best_start, best_names = 0.0, 0, set()
        for start in range(start0, end - 1):
            frag = sound_key(s[start:end])
            names = by_last.get(frag[-1])
            if not names:
                continue
            for name, score, _ in process.extract(
                frag, names, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=5
            ):
                if score > best_score:
                    best_score, best_start, best_names = score, start, {name}
                elif score == best_score and start == best_start:
                    best_names.add(name)
        if best_names:
            estates = sorted({e for name in best_names for e in ix.estate_sound[name]})
            hit = _Hit(best_start, end, FUZZY, estates)
            hit.__dict__["ratio"] = best_score
            hits.append(hit)
    return hits


def _districts(ix: AddressIndex, s: str) -> set[int]:
    return {d for name, ids in ix.district_ids.items() if name in s for d in ids}


def _places_said(ix: AddressIndex, s: str, hits: list[_Hit], estates: set[int]) -> set[int]:
    """The estates among ``estates`` whose street, community or door road the text names.

    Their own names are blanked first: a community called like its estate is no evidence."""
    chars = list(s)
    for h in hits:
        if estates.intersection(h.estates):
            chars[h.start : h.end] = "|" * h.length
    text = "".join(chars)
    return {e for e in estates if any(len(p) >= 2 and p in text for p in ix.estate_places.get(e, ()))}


def _deepen(ix: AddressIndex, c: Candidate) -> Candidate:
    """Take a building-level candidate down to its unit and household where the text says which."""
    units = ix.building_units.get(c.building_id, {})
    spec = c.spec
    if spec.unit is not None:
        c.unit_id = units.get(spec.unit)
    elif len(units) == 1:
        c.unit_id = next(iter(units.values()))
    if spec.room is not None:
        keys = [room_key(spec.room), *spec.other_rooms]
        if c.unit_id is not None:
            # 6楼2号 is 602 or, in a ledger that writes 6-2, 62: the one the unit has; both → neither
            found = {r for k in keys if (r := ix.unit_rooms.get(c.unit_id, {}).get(k, -1)) >= 0}
            c.row = found.pop() if len(found) == 1 else None
        elif spec.unit is None:
            # no unit said: the room decides only when exactly one unit of the building has it
            rows = {
                (u, r)
                for u in units.values()
                for k in keys
                if (r := ix.unit_rooms.get(u, {}).get(k, -1)) >= 0
            }
            if len(rows) == 1:
                c.unit_id, c.row = rows.pop()
    elif c.unit_id is not None and spec.unit is None and spec.room is None:
        # a courtyard or bungalow: one unit with one household is that household
        rooms = ix.unit_rooms.get(c.unit_id, {})
        if len(rooms) == 1:
            row = next(iter(rooms.values()))
            c.row = row if row >= 0 else None
        if c.row is None and not units.get(""):
            c.unit_id = None
    return c


def _candidates(ix: AddressIndex, s: str, hits: list[_Hit]) -> tuple[list[Candidate], list[Candidate]]:
    """(building-level candidates, estate-only candidates) from the hits."""
    found: list[Candidate] = []
    estate_only: list[Candidate] = []
    for h in hits:
        score = _TIER_SCORE[h.tier]
        if h.tier == FUZZY:
            score = round(_TIER_SCORE[FUZZY] * h.__dict__.get("ratio", 80) / 100, 3)
        rest = s[h.end :]
        if h.buildings:
            specs = parse_spec(rest, building_known=len(h.buildings) == 1) or [Spec()]
            for spec in specs:
                for bid in h.buildings:
                    named = spec.building is not None and len(h.buildings) > 1
                    if named and building_key(ix.building[bid][1]) != spec.building:
                        continue
                    found.append(
                        Candidate(
                            ix.building[bid][0],
                            bid,
                            tier=h.tier,
                            score=score,
                            spec=spec,
                            diff=h.diff.get(bid, 0),
                        )
                    )
            continue
        specs = parse_spec(rest)
        with_building = [sp for sp in specs if sp.building is not None]
        if not with_building:
            if h.tier == EXACT:
                estate_only += [Candidate(e, tier=h.tier, score=score) for e in h.estates]
            continue
        for spec in with_building:
            for e in h.estates:
                bid = ix.estate_buildings.get(e, {}).get(spec.building)
                if bid is not None:
                    found.append(
                        Candidate(e, bid, tier=h.tier, score=score, spec=spec, diff=h.diff.get(e, 0))
                    )
                elif h.tier == EXACT:
                    estate_only.append(Candidate(e, tier=h.tier, score=score * 0.5, spec=spec))
    return found, estate_only


def _by_account(ix: AddressIndex, s: str) -> Candidate | None:
    for m in _ACCOUNT.finditer(s):
        if len(m.group(0)) < 5:
            continue
        row = ix.account_row.get(m.group(0))
        if row is not None:
            return _household_candidate(ix, row)
    return None


def _household_candidate(ix: AddressIndex, row: int) -> Candidate:
    uid = ix.hh_unit[row]
    bid = ix.unit[uid][0]
    return Candidate(ix.building[bid][0], bid, uid, row, EXACT, 1.0)


def resolve(ix: AddressIndex, text: str, norm: str | None = None) -> Resolution:
    """Resolve one complaint's address. Never raises on odd text; returns ``unmatched`` instead.

    ``norm``: ``normalize(text)`` when the caller already has it.
    """
    s = normalize(text) if norm is None else norm
    hits = _scan(ix, s, None)
    found, estate_only = _candidates(ix, s, hits)
    if not any(c.tier == EXACT for c in found):
        # homophones matter only when the exact names found no building (they never outrank one)
        hits = _scan(ix, s, sound_key(s))
        found, estate_only = _candidates(ix, s, hits)
    if not found and not estate_only:
        found, estate_only = _candidates(ix, s, _fuzzy_hits(ix, s))
    districts = _districts(ix, s)
    if districts:
        inside = [c for c in found if ix.estate_district[c.estate_id] in districts]
        if found and not inside:
            # the district said contradicts every building found: a person must look
            return Resolution(AMBIGUOUS, None, [_deepen(ix, c) for c in found[:3]])
        found = inside
        estate_only = [c for c in estate_only if ix.estate_district[c.estate_id] in districts]
    estates = {c.estate_id for c in found} | {c.estate_id for c in estate_only}
    said = _places_said(ix, s, hits, estates) if len(estates) > 1 else set()
    if said and said != estates:
        # the text names the street, community or road of some of them (金桥小区 of 长青南路, not the
        # one of 春晖北路): the others are out, and if that leaves no building a person must look
        inside = [c for c in found if c.estate_id in said]
        if found and not inside:
            return Resolution(AMBIGUOUS, None, [_deepen(ix, c) for c in found[:3]])
        found = inside
        estate_only = [c for c in estate_only if c.estate_id in said]

    # one candidate per building, keeping its strongest reading; readings whose unit exists first
    best: dict[int, Candidate] = {}
    for c in found:
        units = ix.building_units.get(c.building_id, {})
        rank = (c.tier, c.diff, c.spec.unit is not None and c.spec.unit not in units)
        old = best.get(c.building_id)
        if old is None or rank < (
            old.tier,
            old.diff,
            old.spec.unit is not None and old.spec.unit not in units,
        ):
            best[c.building_id] = c
    buildings = sorted(best.values(), key=lambda c: (c.tier, c.diff, -c.score))

    account = _by_account(ix, s) if ix.account_row and _ACCOUNT.search(s) else None
    if account is not None:
        if not buildings or all(c.building_id == account.building_id for c in buildings):
            return Resolution(MATCHED, account, [account])
        return Resolution(AMBIGUOUS, None, [account, *buildings][:3])

    if not buildings:
        if len(estate_only) == 1 and len(ix.estate_buildings.get(estate_only[0].estate_id, {})) == 1:
            c = estate_only[0]
            c.building_id = next(iter(ix.estate_buildings[c.estate_id].values()))
            buildings = [c]
        else:
            uniq = {c.estate_id: c for c in estate_only}
            status = (
                AMBIGUOUS
                if len(uniq) > 1 or any(c.spec.building is None for c in uniq.values())
                else UNMATCHED
            )
            return Resolution(status if uniq else UNMATCHED, None, list(uniq.values())[:3])

    top_tier = buildings[0].tier
    # an exact name whose building does not exist still speaks: it outranks a homophone that has one
    said = [c.tier for c in estate_only if c.spec.building is not None]
    strongest = min([top_tier, *said])
    # the strongest readings: same tier and, for homophones, as few changed characters as the best
    top = [c for c in buildings if (c.tier, c.diff) == (top_tier, buildings[0].diff)]
    top = [_deepen(ix, c) for c in top]
    # a near miss (rapidfuzz) names a candidate for a person, never a dispatch: at a city's scale too
    # many different estates are one character apart
    if len(top) == 1 and strongest >= top_tier and top_tier != FUZZY:
        chosen = top[0]
        return Resolution(MATCHED, chosen, [chosen, *[_deepen(ix, c) for c in buildings[1:3]]])
    return Resolution(AMBIGUOUS, None, [*top, *buildings[len(top) :]][:3])
