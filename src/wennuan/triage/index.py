"""The address index: everything the resolver needs from the registry, in memory, in compact structures.

Built from ``values_list`` queries (never model instances). Rebuilt lazily when the registry changes:
a registry save/delete signal marks it stale at once in this process, and a cheap version query
(counts and max ids/updated_at) catches changes made by other processes, at most every few seconds.
"""

import gc
import re
import threading
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from wennuan.core.scope import ScopeKind
from wennuan.registry import models as reg
from wennuan.registry.regions import region_name

from .normalize import building_key, estate_aliases, normalize, room_key, sound_key, unit_key

_DOOR = re.compile(r"^(?P<road>.*?\D)(?P<num>\d+)号(?P<rest>.*)$")

# Tiers of evidence for a name found in the text; lower is stronger.
EXACT, ALIAS, SOUND = 0, 1, 2


@dataclass
class AddressIndex:
    version: tuple = ()
    # names
    district_name: dict[int, str] = field(default_factory=dict)
    district_ids: dict[str, list[int]] = field(default_factory=dict)  # normalised name → ids
    estate_name: dict[int, str] = field(default_factory=dict)
    estate_district: dict[int, int] = field(default_factory=dict)
    # normalised key → [(tier, estate_id)]; the sound keys live in a separate map
    estate_keys: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    estate_sound: dict[str, list[int]] = field(default_factory=dict)
    # roads from door addresses: road → {number → [building ids]}; and by sound
    roads: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    road_sound: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    doors: dict[str, list[int]] = field(default_factory=dict)  # whole door addresses without a number
    # estate → the normalised names of the places it is in: its streets, communities and door roads
    # (they tell apart two estates of one name when the text says one of them)
    estate_places: dict[int, set[str]] = field(default_factory=dict)
    # for scanning: first character → the key lengths that start with it, in each map
    estate_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    sound_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    road_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    road_sound_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    door_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # housing tree
    building: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # id → (estate, label, door)
    estate_buildings: dict[int, dict[str, int]] = field(default_factory=dict)  # estate → {key: id}
    unit: dict[int, tuple[int, str]] = field(default_factory=dict)  # id → (building, label)
    building_units: dict[int, dict[str, int]] = field(default_factory=dict)
    unit_rooms: dict[int, dict[str, int]] = field(default_factory=dict)  # unit → {room key: row}
    unit_station: dict[int, int] = field(default_factory=dict)  # 0 when split between stations
    # households as parallel arrays (row → id, account, room, station, unit)
    hh_id: array = field(default_factory=lambda: array("q"))
    hh_station: array = field(default_factory=lambda: array("q"))
    hh_unit: array = field(default_factory=lambda: array("q"))
    hh_account: list[str] = field(default_factory=list)
    hh_room: list[str] = field(default_factory=list)
    account_row: dict[str, int] = field(default_factory=dict)
    station: dict[int, tuple[str, int]] = field(default_factory=dict)  # id → (name, company)
    company: dict[int, str] = field(default_factory=dict)
    households: int = 0

    def building_station(self, building_id: int) -> int:
        """The one station heating every unit of the building, or 0 when split or unknown."""
        stations = {self.unit_station.get(u, 0) for u in self.building_units.get(building_id, {}).values()}
        return stations.pop() if len(stations) == 1 else 0


def registry_version() -> tuple:
    """A cheap fingerprint of the registry; it changes whenever rows are added, removed or edited."""
    parts = []
    for model in (reg.Estate, reg.Building, reg.Unit, reg.Station):
        agg = model.objects.aggregate(n=Count("id"), m=Max("id"))
        parts += [agg["n"], agg["m"]]
    for model in (reg.Household, reg.BuildingAlias):
        agg = model.objects.aggregate(n=Count("id"), m=Max("id"), u=Max("updated_at"))
        parts += [agg["n"], agg["m"], agg["u"]]
    return tuple(parts)


def _add(mapping: dict, key: str, value) -> None:
    bucket = mapping.get(key)
    if bucket is None:
        mapping[key] = [value]
    elif value not in bucket:
        bucket.append(value)


def _lengths(mapping: dict) -> dict[str, tuple[int, ...]]:
    by_first: dict[str, set] = defaultdict(set)
    for key in mapping:
        if key:
            by_first[key[0]].add(len(key))
    return {c: tuple(sorted(v, reverse=True)) for c, v in by_first.items()}


def _add_door(ix: AddressIndex, bid: int, door: str) -> None:
    """Index a door address or alias: road + number (建设路12号) by road, anything else whole."""
    ndoor = normalize(door)
    m = _DOOR.match(ndoor)
    if m and not m.group("rest"):
        road, num = m.group("road"), m.group("num").lstrip("0") or "0"
        _add(ix.roads.setdefault(road, {}), num, bid)
        _add(ix.road_sound.setdefault(sound_key(road), {}), num, bid)
        ix.estate_places.setdefault(ix.building[bid][0], set()).add(road)
    else:
        _add(ix.doors, ndoor, bid)


def _add_regions(ix: AddressIndex, unit_grids: set[tuple[int, int]]) -> None:
    """The street and community names of each estate, through its households' grids."""
    grid_places = {
        gid: (normalize(street), normalize(community))
        for gid, street, community in reg.Grid.objects.values_list(
            "id", region_name(ScopeKind.STREET, via=""), region_name(ScopeKind.COMMUNITY, via="")
        )
    }
    for uid, gid in unit_grids:
        unit = ix.unit.get(uid)
        names = grid_places.get(gid)
        if unit is None or names is None:
            continue
        ix.estate_places.setdefault(ix.building[unit[0]][0], set()).update(names)


def build_index() -> AddressIndex:
    """Read the registry into a fresh ``AddressIndex`` (a handful of ``values_list`` queries)."""
    ix = AddressIndex(version=registry_version())
    for did, name in reg.District.objects.values_list("id", "name"):
        ix.district_name[did] = name
        _add(ix.district_ids, normalize(name), did)
    for cid, name in reg.Company.objects.values_list("id", "name"):
        ix.company[cid] = name
    for sid, name, cid in reg.Station.objects.values_list("id", "name", "company_id"):
        ix.station[sid] = (name, cid)

    for eid, name, did in reg.Estate.objects.values_list("id", "name", "district_id"):
        ix.estate_name[eid] = name
        ix.estate_district[eid] = did
        norm = normalize(name)
        _add(ix.estate_keys, norm, (EXACT, eid))
        _add(ix.estate_sound, sound_key(norm), eid)
        for alias in estate_aliases(norm):
            _add(ix.estate_keys, alias, (ALIAS, eid))
            _add(ix.estate_sound, sound_key(alias), eid)

    for bid, eid, label, door in reg.Building.objects.values_list("id", "estate_id", "label", "door_address"):
        ix.building[bid] = (eid, label, door)
        ix.estate_buildings.setdefault(eid, {})[building_key(label)] = bid
        if door:
            _add_door(ix, bid, door)
    # other door plates (a corner building's second one, a road's old name): read like the door address
    for bid, name in reg.BuildingAlias.objects.values_list("building_id", "name"):
        if bid in ix.building and name:
            _add_door(ix, bid, name)

    for uid, bid, label in reg.Unit.objects.values_list("id", "building_id", "label"):
        ix.unit[uid] = (bid, label)
        ix.building_units.setdefault(bid, {})[unit_key(label)] = uid

    stations: dict[int, set] = defaultdict(set)
    # a city has a few hundred distinct room strings: intern them and compute each key once
    rooms_seen: dict[str, str] = {}
    room_keys: dict[str, str] = {}
    unit_grids: set[tuple[int, int]] = set()
    qs = reg.Household.objects.order_by().values_list(
        "id", "unit_id", "room", "account", "station_id", "grid_id"
    )
    for row, (hid, uid, room, account, sid, gid) in enumerate(qs.iterator(chunk_size=20000)):
        unit_grids.add((uid, gid))
        room = rooms_seen.setdefault(room, room)
        ix.hh_id.append(hid)
        ix.hh_station.append(sid)
        ix.hh_unit.append(uid)
        ix.hh_account.append(account)
        ix.hh_room.append(room)
        # accounts are ASCII codes; NFKC + upper case is all the normalising they need, and cheap
        ix.account_row[account.upper() if account.isascii() else normalize(account)] = row
        rooms = ix.unit_rooms.get(uid)
        if rooms is None:
            rooms = ix.unit_rooms[uid] = {}
        key = room_keys.get(room)
        if key is None:
            key = room_keys[room] = room_key(room) if room else ""  # "" for a courtyard without rooms
        # two households on one room key (a ledger error): the room no longer identifies one
        rooms[key] = -1 if key in rooms else row
        sset = stations[uid]
        if len(sset) < 2:
            sset.add(sid)
    ix.households = len(ix.hh_id)
    _add_regions(ix, unit_grids)
    ix.unit_station = {uid: (next(iter(s)) if len(s) == 1 else 0) for uid, s in stations.items()}

    ix.estate_lengths = _lengths(ix.estate_keys)
    ix.sound_lengths = _lengths(ix.estate_sound)
    ix.road_lengths = _lengths(ix.roads)
    ix.road_sound_lengths = _lengths(ix.road_sound)
    ix.door_lengths = _lengths(ix.doors)
    return ix


class _Holder:
    """The process-wide index, rebuilt lazily when stale."""

    check_every = 5.0  # seconds between version queries; signals cover this process's own writes

    def __init__(self):
        self.index: AddressIndex | None = None
        self.dirty = True
        self.checked = 0.0
        self.lock = threading.Lock()

    def get(self) -> AddressIndex:
        now = time.monotonic()
        if self.index is not None and not self.dirty and now - self.checked < self.check_every:
            return self.index
        with self.lock:
            version = registry_version()
            self.checked = time.monotonic()
            if self.index is None or self.dirty or version != self.index.version:
                self.dirty = False
                self.index = None  # let the old index go before the new one is built
                gc.unfreeze()
                gc.collect()
                self.index = build_index()
                # the index is a few million long-lived objects: keep the cyclic collector from
                # walking them again and again while cases are resolved
                gc.freeze()
            return self.index

    def invalidate(self, **kwargs) -> None:
        self.dirty = True


_holder = _Holder()


def get_index() -> AddressIndex:
    """The current index, rebuilt first when the registry has changed since it was built."""
    return _holder.get()


def invalidate_index(**kwargs) -> None:
    """Mark the index stale (connected to the registry models' save/delete signals)."""
    _holder.invalidate()


for _model in (
    reg.District,
    reg.Street,
    reg.Community,
    reg.Estate,
    reg.Building,
    reg.BuildingAlias,
    reg.Unit,
    reg.Household,
    reg.Station,
    reg.Company,
):
    post_save.connect(invalidate_index, sender=_model, dispatch_uid=f"triage-index-save-{_model.__name__}")
    post_delete.connect(invalidate_index, sender=_model, dispatch_uid=f"triage-index-del-{_model.__name__}")
