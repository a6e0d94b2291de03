"""What other apps call: ``triage_text`` (a typed ``TriageResult``), ``classify_text``, ``suggest`` and
``detect_mass_complaints``. The cases app imports these plainly (it sits above triage)."""

from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process

from .classifier import get_classifier
from .enums import TriageStatus
from .index import AddressIndex, get_index
from .normalize import normalize
from .outage import MassComplaint, detect_mass_complaints  # noqa: F401  (re-exported service)
from .resolver import AMBIGUOUS, MATCHED, Candidate, resolve


@dataclass
class TriageResult:
    status: TriageStatus
    level: str | None = None  # household / unit / building when matched
    household_id: int | None = None
    unit_id: int | None = None
    building_id: int | None = None
    estate_id: int | None = None
    station_id: int | None = None
    company_id: int | None = None
    account: str | None = None
    estate: str | None = None
    building: str | None = None
    unit: str | None = None
    room: str | None = None
    station: str | None = None
    company: str | None = None
    category: str = "other"
    confidence: float = 0.0
    candidates: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def as_output(self) -> dict:
        """The batch contract's fields (names, not ids)."""
        keys = ("status", "level", "account", "estate", "building", "unit", "room", "station", "company")
        out = {k: getattr(self, k) for k in keys}
        out.update(category=self.category, confidence=self.confidence, candidates=self.candidates)
        return out


def _station_of(ix: AddressIndex, c: Candidate) -> int:
    if c.row is not None:
        return ix.hh_station[c.row]
    if c.unit_id is not None:
        return ix.unit_station.get(c.unit_id, 0)
    if c.building_id is not None:
        return ix.building_station(c.building_id)
    return 0


def describe(ix: AddressIndex, c: Candidate) -> dict:
    """A candidate in the registry's own names, for people and for the output's ``candidates``."""
    return {
        "estate": ix.estate_name.get(c.estate_id),
        "district": ix.district_name.get(ix.estate_district.get(c.estate_id)),
        "building": ix.building[c.building_id][1] if c.building_id else None,
        "unit": ix.unit[c.unit_id][1] if c.unit_id is not None else None,
        "room": ix.hh_room[c.row] if c.row is not None else None,
        "account": ix.hh_account[c.row] if c.row is not None else None,
        "score": c.score,
    }


def _result(ix: AddressIndex, text: str, norm: str | None = None) -> TriageResult:
    r = resolve(ix, text, norm)
    cands = [describe(ix, c) for c in r.candidates[:3]]
    c = r.chosen
    if c is None:
        return TriageResult(status=r.status, candidates=cands)
    station_id = _station_of(ix, c)
    if not station_id:
        # the building is split between stations and the text does not say which part: a person decides
        return TriageResult(status=AMBIGUOUS, candidates=cands)
    station, company_id = ix.station[station_id]
    d = describe(ix, c)
    return TriageResult(
        status=MATCHED,
        level=c.level,
        household_id=ix.hh_id[c.row] if c.row is not None else None,
        unit_id=c.unit_id,
        building_id=c.building_id,
        estate_id=c.estate_id,
        station_id=station_id,
        company_id=company_id,
        account=d["account"],
        estate=d["estate"],
        building=d["building"],
        unit=d["unit"],
        room=d["room"],
        station=station,
        company=ix.company.get(company_id),
        candidates=cands,
    )


def triage_text(text: str) -> TriageResult:
    """Resolve the address in ``text`` and classify it. Never raises for odd text."""
    ix, text = get_index(), text or ""
    norm = normalize(text)
    result = _result(ix, text, norm)
    result.category, result.confidence = get_classifier().classify(text, norm)
    return result


def classify_text(text: str) -> str:
    """The category of ``text`` alone: for a complaint whose household is already known (intake by
    household or 户号), classified exactly as ``triage_text`` would classify it."""
    text = text or ""
    return get_classifier().classify(text, normalize(text))[0]


def triage_many(texts):
    """``triage_text`` over many texts with one index and one classifier (for batches)."""
    ix, clf = get_index(), get_classifier()
    for text in texts:
        text = text or ""
        norm = normalize(text)
        result = _result(ix, text, norm)
        result.category, result.confidence = clf.classify(text, norm)
        yield result


def _suggest_lists(ix: AddressIndex) -> tuple[list, list]:
    """Normalised estate names and door addresses, made once per index (kept on the index)."""
    cached = ix.__dict__.get("_suggest")
    if cached is None:
        estates = [(eid, normalize(name)) for eid, name in ix.estate_name.items()]
        doors = [(bid, normalize(door)) for bid, (_, _, door) in ix.building.items() if door]
        cached = ix.__dict__["_suggest"] = (estates, doors)
    return cached


def suggest(text: str, limit: int = 8) -> list[dict]:
    """As-you-type suggestions: places in the registry that fit what has been typed so far.

    First the resolver's own candidates (a full address typed), then estates and door addresses whose
    names contain the typed text, then near misses. Each item: label, estate, district, building, unit,
    room, account, score.
    """
    ix = get_index()
    q = normalize(text)
    if not q:
        return []
    out: list[dict] = []
    seen = set()

    def add(item: dict) -> None:
        key = (item["estate"], item["district"], item["building"], item["unit"], item["room"])
        if key not in seen and len(out) < limit:
            seen.add(key)
            parts = [item["district"], item["estate"], item["building"], item["unit"], item["room"]]
            item["label"] = " ".join(p for p in parts if p)
            out.append(item)

    r = resolve(ix, text)
    for c in ([r.chosen] if r.chosen else []) + r.candidates:
        add(describe(ix, c))
    head = q.rstrip("0123456789-")
    if head:
        estates, doors = _suggest_lists(ix)
        for eid, name in estates:
            if head in name:
                add(describe(ix, Candidate(eid, score=0.6)))
        for bid, door in doors:
            if len(out) >= limit:
                break
            if head in door:
                add(describe(ix, Candidate(ix.building[bid][0], bid, score=0.6)))
    if len(out) < limit and len(head) >= 2:
        names = list(ix.estate_name.items())
        for _, score, i in process.extract(
            head, [n for _, n in names], scorer=fuzz.partial_ratio, limit=limit
        ):
            if score >= 60:
                add(describe(ix, Candidate(names[i][0], score=round(score / 200, 3))))
    return out[:limit]
