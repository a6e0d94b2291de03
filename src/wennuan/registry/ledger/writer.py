"""The database side of an import: resolve each row's registry entries and upsert its household.

Set-based on purpose (a city has a million households): every existing entry of the city is loaded once
into dicts, missing ones are created with one ``bulk_create`` per level and chunk, households are compared
with what the database holds only when the table was not empty, new households go in with COPY on
PostgreSQL (``executemany`` on SQLite) and only rows that really changed are updated.
"""

from collections import Counter
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from wennuan.core.scope import ScopeKind

from ..enums import KeySite
from ..models import (
    Building,
    BuildingAlias,
    Community,
    Company,
    District,
    Estate,
    Grid,
    Household,
    Station,
    Street,
    Unit,
)
from ..regions import region
from .bulkload import DeferredIndexes

# The household columns the ledger owns, in the order of ``_household_tuple``; ``id`` is looked up.
HOUSEHOLD_FIELDS = (
    "account",
    "unit_id",
    "room",
    "grid_id",
    "station_id",
    "area",
    "payment_status",
    "priority_groups",
    "resident_name",
    "phone",
)
LOOKUP_BATCH = 5000  # below SQLite's bound-variable limit
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
KEY_SITE_WORDS = [(label, code) for code, label in KeySite.choices if code]


def key_site_of(building_label: str) -> str:
    """A building whose label names a key site (楼号 "幼儿园", "养老院2号楼") is marked as one when created."""
    for label, code in KEY_SITE_WORDS:
        if label in building_label:
            return code
    return ""


class LedgerWriter:
    def __init__(self, city):
        self.city = city
        self.created = Counter()
        self.buildings_updated = 0
        self.now = timezone.now()
        self.vendor = connection.vendor
        # What a raw query binds for a datetime column (SQLite wants Django's UTC text form).
        self.now_db = connection.ops.adapt_datetimefield_value(self.now)
        self.table = Household._meta.db_table
        self.columns = [Household._meta.get_field(f.removesuffix("_id")).column for f in HOUSEHOLD_FIELDS]
        self._load()
        # With no households at the start, every household of the file is new: no lookups needed.
        self.households_empty = not Household.objects.exists()
        self.deferred = None

    def _load(self):
        city = self.city
        self.districts = dict(District.objects.filter(city=city).values_list("name", "id"))
        self.streets = {
            (d, n): i
            for d, n, i in Street.objects.filter(district__city=city).values_list("district_id", "name", "id")
        }
        self.communities = {
            (s, n): i
            for s, n, i in Community.objects.filter(street__district__city=city).values_list(
                "street_id", "name", "id"
            )
        }
        self.grids = {
            (c, n): i
            for c, n, i in Grid.objects.filter(**{region(ScopeKind.CITY, via=""): city}).values_list(
                "community_id", "name", "id"
            )
        }
        self.companies = dict(Company.objects.filter(city=city).values_list("name", "id"))
        self.stations = {
            (c, n): i
            for c, n, i in Station.objects.filter(company__city=city).values_list("company_id", "name", "id")
        }
        self.estates = {
            (d, n): i
            for d, n, i in Estate.objects.filter(district__city=city).values_list("district_id", "name", "id")
        }
        self.buildings = {
            (e, label): [i, door]
            for e, label, i, door in Building.objects.filter(estate__district__city=city).values_list(
                "estate_id", "label", "id", "door_address"
            )
        }
        self.aliases = set(
            BuildingAlias.objects.filter(building__estate__district__city=city).values_list(
                "building_id", "name"
            )
        )
        self.units = {
            (b, label): i
            for b, label, i in Unit.objects.filter(building__estate__district__city=city).values_list(
                "building_id", "label", "id"
            )
        }

    # -- registry entries ---------------------------------------------------------------------------

    def _level(self, kind, cache, model, keys, make) -> list[int]:
        """Ids for ``keys``; the ones missing from ``cache`` are created first, in one bulk insert."""
        missing = [k for k in dict.fromkeys(keys) if k not in cache]
        if missing:
            objs = model.objects.bulk_create([make(k) for k in missing], batch_size=2000)
            for key, obj in zip(missing, objs, strict=True):
                cache[key] = obj.pk
            self.created[kind] += len(missing)
        return [cache[k] for k in keys]

    def _resolve(self, rows: list[tuple]) -> list[tuple]:
        """Each row's household tuple (``HOUSEHOLD_FIELDS``), creating the registry entries it needs.

        ``rows`` are tuples in ``LedgerRow`` order. Rows of one stairwell share everything but the room,
        so the levels are resolved once per distinct place (a few thousand per chunk), not once per row.
        """
        city = self.city
        # A place: district, street, community, grid, estate, door, building, unit, company, station.
        keys = [r[1:9] + r[13:15] for r in rows]
        places = list(dict.fromkeys(keys))

        def under(parent_ids, i):
            return [(parent, place[i]) for parent, place in zip(parent_ids, places, strict=True)]

        d = self._level(
            "district",
            self.districts,
            District,
            [p[0] for p in places],
            lambda n: District(city=city, name=n),
        )
        s = self._level(
            "street", self.streets, Street, under(d, 1), lambda k: Street(district_id=k[0], name=k[1])
        )
        c = self._level(
            "community",
            self.communities,
            Community,
            under(s, 2),
            lambda k: Community(street_id=k[0], name=k[1]),
        )
        g = self._level("grid", self.grids, Grid, under(c, 3), lambda k: Grid(community_id=k[0], name=k[1]))
        co = self._level(
            "company", self.companies, Company, [p[8] for p in places], lambda n: Company(city=city, name=n)
        )
        st = self._level(
            "station", self.stations, Station, under(co, 9), lambda k: Station(company_id=k[0], name=k[1])
        )
        e = self._level(
            "estate", self.estates, Estate, under(d, 4), lambda k: Estate(district_id=k[0], name=k[1])
        )
        b = self._buildings(under(e, 6), [p[5] for p in places])
        u = self._level("unit", self.units, Unit, under(b, 7), lambda k: Unit(building_id=k[0], label=k[1]))
        resolved = dict(zip(places, zip(u, g, st, strict=True), strict=True))
        building_of = dict(zip(places, b, strict=True))
        self._add_aliases((building_of[k], r[17]) for r, k in zip(rows, keys, strict=True) if r[17])
        # account, unit, room, grid, station, area, payment, priority, name, phone
        return [
            (r[0], ids[0], r[9], ids[1], ids[2], r[12], r[16], r[15], r[10], r[11])
            for r, ids in zip(rows, map(resolved.__getitem__, keys), strict=True)
        ]

    def _buildings(self, keys: list[tuple], door_of: list[str]) -> list[int]:
        doors = {}
        for key, door in zip(keys, door_of, strict=True):
            if door or key not in doors:
                doors[key] = door
        missing = [k for k in doors if k not in self.buildings]
        if missing:
            objs = Building.objects.bulk_create(
                [
                    Building(estate_id=k[0], label=k[1], door_address=doors[k], key_site=key_site_of(k[1]))
                    for k in missing
                ],
                batch_size=2000,
            )
            for key, obj in zip(missing, objs, strict=True):
                self.buildings[key] = [obj.pk, obj.door_address]
            self.created["building"] += len(missing)
        self._update_doors(doors)
        return [self.buildings[k][0] for k in keys]

    def _update_doors(self, doors: dict):
        # A blank door address in the file means "not given", never "erase it".
        changed = []
        for key, door in doors.items():
            entry = self.buildings[key]
            if door and entry[1] != door:
                entry[1] = door
                changed.append(Building(pk=entry[0], door_address=door))
        if changed:
            Building.objects.bulk_update(changed, ["door_address"], batch_size=2000)
            self.buildings_updated += len(changed)

    def _add_aliases(self, cells):
        """Add the other door plates the file names. One the file does not name is kept: a ledger lists
        what its company knows, and a blank cell means "not given", as for the door address."""
        wanted = {(bid, name) for bid, cell in cells for name in cell.split("、") if name}
        missing = sorted(wanted - self.aliases)
        if missing:
            BuildingAlias.objects.bulk_create(
                [BuildingAlias(building_id=bid, name=name) for bid, name in missing], batch_size=2000
            )
            self.aliases.update(missing)
            self.created["alias"] += len(missing)

    # -- households ---------------------------------------------------------------------------------

    def start_bulk_load(self):
        """Before the first rows of a large load into an empty household table (see ``bulkload``)."""
        if self.households_empty and self.deferred is None:
            self.deferred = DeferredIndexes(self.table)
            self.deferred.drop()

    def finish(self):
        """Rebuild whatever ``start_bulk_load`` set aside. Call once, after the last ``write``."""
        if self.deferred is not None:
            self.deferred.rebuild()
            self.deferred = None

    def write(self, rows: list[tuple]) -> tuple[int, int, int]:
        """Upsert one chunk of valid rows; returns (created, updated, unchanged)."""
        incoming = self._resolve(rows)
        existing = {} if self.households_empty else self._existing([t[0] for t in incoming])
        new, changed, same = [], [], 0
        for t in incoming:
            old = existing.get(t[0])
            if old is not None:
                t = (*t[:5], Decimal(t[5]), *t[6:])  # compare areas as numbers: "88.5" == "88.50"
            if old is None:
                new.append(t)
            elif old[1:] == t[1:]:
                same += 1
            else:
                changed.append(t)
        self._insert(new)
        self._update(changed)
        return len(new), len(changed), same

    def _existing(self, accounts: list[str]) -> dict[str, tuple]:
        cols = ", ".join(self.columns)
        found = {}
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"SELECT {cols} FROM {self.table} WHERE {self.columns[0]} = ANY(%s)", [accounts]
                )
                rows = cursor.fetchall()
            else:
                rows = []
                for i in range(0, len(accounts), LOOKUP_BATCH):
                    part = accounts[i : i + LOOKUP_BATCH]
                    marks = ", ".join(["%s"] * len(part))
                    cursor.execute(
                        f"SELECT {cols} FROM {self.table} WHERE {self.columns[0]} IN ({marks})", part
                    )
                    rows.extend(cursor.fetchall())
        for row in rows:
            row = list(row)
            row[5] = Decimal(str(row[5]))  # SQLite hands the decimal back as a float
            found[row[0]] = tuple(row)
        return found

    def _insert(self, rows: list[tuple]):
        if not rows:
            return
        cols = [*self.columns, "updated_at"]
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # One text block per chunk: formatting rows ourselves is several times faster than
                # write_row, and only the free-text cells can hold COPY's special characters.
                now = self.now.isoformat()
                free_text = "".join(t[0] + t[2] + t[8] + t[9] for t in rows)
                if any(ch in free_text for ch in "\\\t\n\r"):
                    esc = _COPY_ESCAPES
                    rows = [
                        (
                            t[0].translate(esc),
                            t[1],
                            t[2].translate(esc),
                            *t[3:8],
                            t[8].translate(esc),
                            t[9].translate(esc),
                        )
                        for t in rows
                    ]
                data = "".join(
                    f"{a}\t{u}\t{room}\t{g}\t{st}\t{area}\t{pay}\t{prio}\t{name}\t{phone}\t{now}\n"
                    for a, u, room, g, st, area, pay, prio, name, phone in rows
                )
                with cursor.copy(f"COPY {self.table} ({', '.join(cols)}) FROM STDIN") as copy:
                    copy.write(data)
            else:
                marks = ", ".join(["%s"] * len(cols))
                sql = f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({marks})"
                now = self.now_db
                cursor.executemany(sql, [(*t, now) for t in rows])

    def _update(self, rows: list[tuple]):
        if not rows:
            return
        sets = ", ".join(f"{c} = %s" for c in [*self.columns[1:], "updated_at"])
        sql = f"UPDATE {self.table} SET {sets} WHERE {self.columns[0]} = %s"
        with connection.cursor() as cursor:
            cursor.executemany(sql, [(*t[1:], self.now_db, t[0]) for t in rows])
