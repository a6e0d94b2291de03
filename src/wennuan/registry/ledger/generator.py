"""Ledger rows for a demo city: realistic enough to exercise every part of the platform.

``demo_rows(households=N, seed=S)`` yields N rows in ``columns.HEADERS`` order, the same for the same
seed. What it makes, and why:
- real county-level district names (the importer accepts only those for a city without districts);
  streets, communities and grids under them, named the way cities name them (春晖街道, 春晖第1网格);
- several heating companies with their exchange stations; about one estate in six is split between two
  stations (old networks grew that way) and every estate's buildings may sit in different grids;
- estate names that repeat in two districts (幸福小区 exists everywhere), buildings with door addresses
  (建设路12号, 小沟头33号), 1–6 units, 5- to 18-storey buildings with rooms like 502 and 1401;
- a few key-site buildings (幼儿园, 养老院); about 5 % priority households, some in two groups;
  payment: about 86 % paid, 9 % unpaid, 5 % suspended.
"""

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from .columns import HEADERS

DISTRICTS = ["城关区", "七里河区", "安宁区", "西固区", "河东区", "河西区", "新华区", "和平区"]
_FIRST = "东西南北新兴安和永长金银福康瑞祥华明光民春秋晨建胜团丰盛"
_SECOND = "华安平兴盛丰宁昌和泰康乐庆源园林湖桥岗坪晖苑青山河泉"
ROADS = ["路", "街", "巷", "南路", "北路", "西街", "东路"]
OLD_LANES = ["小沟头", "大沟头", "下西园", "上西园", "草场街", "畅家巷", "颜家沟", "麦积山路"]
ESTATE_SUFFIX = ["小区", "家园", "花园", "新村", "苑", "家属院", "嘉园", "公寓"]
COMMON_ESTATES = ["幸福小区", "阳光小区", "电力家属院", "建工小区", "铁路新村"]
COMPANIES = [
    "金城热力有限公司",
    "城投供热有限公司",
    "河西供热有限公司",
    "西固热电有限公司",
    "华能集中供热公司",
]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍毅浩宇鑫俊峰建华红梅海燕志强晓东文博子涵欣怡国庆淑珍凤英德福"
PHONE_PREFIXES = [
    "130",
    "131",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "153",
    "155",
    "158",
    "159",
    "177",
    "180",
    "181",
    "186",
    "187",
    "189",
    "191",
    "193",
    "199",
]
PRIORITY = ["独居老人", "孤寡老人", "残疾人", "低保户", "特困户"]
PAYMENT = (("已缴", 0.86), ("未缴", 0.95), ("报停", 1.0))


class _Names:
    """Unique two-character place names drawn from a seeded shuffle (400 before numbers are needed)."""

    def __init__(self, rng: random.Random):
        self.pool = [a + b for a in _FIRST for b in _SECOND if a != b]
        rng.shuffle(self.pool)
        self.i = 0

    def next(self) -> str:
        name = self.pool[self.i % len(self.pool)]
        lap = self.i // len(self.pool)
        self.i += 1
        return name if lap == 0 else f"{name}{lap + 1}"


def person_name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def mobile_phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def _priority(rng: random.Random) -> str:
    if rng.random() >= 0.05:
        return ""
    if rng.random() < 0.15:
        return "、".join(rng.sample(PRIORITY, 2))
    return rng.choice(PRIORITY)


def _payment(rng: random.Random) -> str:
    x = rng.random()
    return next(label for label, upto in PAYMENT if x < upto)


def _city(rng: random.Random, households: int):
    """Districts → streets → communities → grid names, and companies → station names, sized for N."""
    names = _Names(rng)
    communities_total = max(6, households // 2500)
    n_districts = min(len(DISTRICTS), max(2, communities_total // 12))
    communities = []  # (district, street, community, [grids])
    for d in range(n_districts):
        district = DISTRICTS[d]
        for _ in range(max(2, communities_total // n_districts // 3)):
            street = names.next() + "街道"
            for _ in range(rng.randint(2, 4)):
                base = names.next()
                grids = [f"{base}第{g}网格" for g in range(1, rng.randint(2, 6) + 1)]
                communities.append((district, street, base + "社区", grids))
    n_companies = min(len(COMPANIES), max(2, households // 150_000 + 2))
    stations = {
        c: [names.next() + "换热站" for _ in range(max(3, households // (4000 * n_companies)))]
        for c in COMPANIES[:n_companies]
    }
    return communities, stations, names


def _estate_name(rng, names, district, estate_names, estate_no) -> str:
    used = estate_names.setdefault(district, set())
    # Same-named estates in two districts: the second estate always, then about one in twenty.
    others = sorted({n for d, ns in estate_names.items() if d != district for n in ns} - used)
    if others and (estate_no == 1 or rng.random() < 0.05):
        name = rng.choice(others)
    elif rng.random() < 0.05 and (common := [n for n in COMMON_ESTATES if n not in used]):
        name = common[0]
    else:
        base = names.next()
        name = base + rng.choice([s for s in ESTATE_SUFFIX if s[0] != base[-1]])
    used.add(name)
    return name


def _homes(rng, size: int, old: bool) -> Iterator[tuple[int, str, str]]:
    """(building index, unit, room) for ``size`` homes spread over 2–12 buildings.

    When a building has more homes than its share, an even sample of them is taken, so small demo
    cities still have top floors (1401) and every unit.
    """
    n_buildings = rng.randint(2, 12)
    share = -(-size // n_buildings)
    for b in range(n_buildings):
        floors = rng.randint(5, 7) if old else rng.randint(6, 18)
        per_floor = rng.randint(2, 4)
        units = rng.randint(1, 6)
        homes = [
            (f"{u}单元", f"{floor}{r:02d}")
            for u in range(1, units + 1)
            for floor in range(1, floors + 1)
            for r in range(1, per_floor + 1)
        ]
        take = min(share, size, len(homes))
        size -= take
        step = len(homes) / take if take else 1
        for i in range(take):
            yield (b, *homes[int(i * step)])


def demo_rows(*, households: int, seed: int = 2026) -> Iterator[list[str]]:
    """Yield ``households`` ledger rows (lists of strings in HEADERS order), deterministic for ``seed``."""
    rng = random.Random(seed)
    communities, stations, names = _city(rng, households)
    companies = list(stations)
    # Small demo cities still get a dozen estates; a big city's estates hold a few hundred homes.
    typical = min(400, max(30, households // 15))
    estate_names: dict[str, set[str]] = {}
    made, estate_no = 0, 0
    while made < households:
        district, street, community, grids = rng.choice(communities)
        estate = _estate_name(rng, names, district, estate_names, estate_no)
        company = rng.choice(companies)
        own = stations[company]
        split = estate_no == 0 or rng.random() < 0.17
        served_by = rng.sample(own, 2) if split and len(own) > 1 else [rng.choice(own)]
        old = rng.random() < 0.35
        road = rng.choice(OLD_LANES) if old else names.next() + rng.choice(ROADS)
        number = rng.randint(1, 40)
        labels = {}
        last = 0
        for b, unit, room in _homes(rng, rng.randint(typical // 2, typical * 3 // 2), old):
            if made >= households:
                break
            if b not in labels:
                labels[b] = (
                    f"{b + 1}号楼" if not old or rng.random() < 0.7 else f"{rng.choice('ABCD')}{b + 1}"
                )
            last = b
            made += 1
            yield [
                f"WN{made:08d}", district, street, community, grids[b % len(grids)], estate,
                f"{road}{number + 2 * b}号", labels[b], unit, room, person_name(rng), mobile_phone(rng),
                f"{max(28.0, rng.gauss(86, 22)):.2f}", company, served_by[b % len(served_by)],
                _priority(rng), _payment(rng), "",
            ]  # fmt: skip
        key_site = {2: "幼儿园", 3: "养老院"}.get(estate_no) or (
            rng.choice(["幼儿园", "养老院"]) if rng.random() < 0.03 else ""
        )
        if key_site and made < households:  # a key site is one account for the whole building
            made += 1
            b = last + 1
            yield [
                f"WN{made:08d}", district, street, community, grids[b % len(grids)], estate,
                f"{road}{number + 2 * b}号", key_site, "", "", names.next() + key_site, mobile_phone(rng),
                f"{rng.randint(600, 2400)}.00", company, served_by[0], "", "已缴", "",
            ]  # fmt: skip
        estate_no += 1


def write_demo_csv(path, *, households: int, seed: int = 2026) -> Path:
    """Write a demo ledger as UTF-8 CSV (with BOM, as Excel saves it) and return its path."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADERS)
        writer.writerows(demo_rows(households=households, seed=seed))
    return path
