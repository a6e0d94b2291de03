"""A labelled set for the address forms people say, in the shape of ../shared/data/dev (registry.csv + cases.jsonl).

    .venv/bin/python -m wennuan.triage.tools.forms_set OUT_DIR            # writes dev/ and heldback/
    .venv/bin/python -m wennuan.triage.tools.forms_set --score CASES.jsonl OUTPUT.jsonl

Two generated cities, each with its own names, so the held-back set shares no estate, road or sentence with
the part the engine was tuned on:
  dev/       registry.csv + cases.jsonl, sentence bank A: tuned on
  heldback/  registry.csv + cases.jsonl, sentence bank B (other wrappers, complaint words and surface
             forms of the same kinds of address): run once the engine was done, never tuned on
Each city has one estate name in two districts on different roads, buildings with a second door plate
(其他门牌), one estate whose ledger writes rooms as 6-2, and high-rises with 18 floors.

The labels follow the rules of triage/README.md, decided here from the generated truth, not by the
engine: a same-name estate with nothing that tells it apart is ``ambiguous``; floor + door without a unit
is a household only when one unit has that room; an estate not in the registry is ``unmatched``.
"""

import csv
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

from wennuan.triage.numerals import int_to_cn

HEADER = [
    "户号", "区县", "街道", "社区", "网格", "小区", "门牌地址", "楼号", "单元", "房号", "户主", "联系电话",
    "供热面积", "供热企业", "换热站", "重点人群", "缴费状态", "其他门牌",
]  # fmt: skip

# Names of each city: (districts with their streets and communities, estates, roads, companies).
CITIES = {
    "dev": {
        "prefix": "HW",
        "districts": [
            (
                "西固区",
                [("东岗街道", ["雁园社区", "拱星墩社区"]), ("焦家湾街道", ["东郊社区", "大洼山社区"])],
            ),
            ("安宁区", [("十里店街道", ["培黎社区", "桃林社区"]), ("孔家崖街道", ["银滩社区", "北滨社区"])]),
        ],
        "twin": "和平小区",
        "estates": ["兰飞小区", "电力家属院", "建工新村", "翠英园", "石化新村", "阳光花园", "万新小区"],
        "dash_estate": "铁路新村",
        "roads": [
            "天水北路",
            "雁滩路",
            "安宁西路",
            "庆阳路",
            "酒泉路",
            "白银路",
            "南昌路",
            "盘旋路",
            "靖远路",
            "民勤街",
        ],
        "companies": ["东岗热力公司", "安宁供热公司"],
        "unknown": ["红旗小区", "光辉新村", "向阳家属院"],
    },
    "heldback": {
        "prefix": "QS",
        "districts": [
            ("榆中县", [("福利路街道", ["清水社区", "西站社区"]), ("陈坪街道", ["新滩社区", "柳泉社区"])]),
            ("红古区", [("海石湾镇", ["红山社区", "下海石社区"]), ("窑街街道", ["上窑社区", "下窑社区"])]),
        ],
        "twin": "团结新村",
        "estates": ["钢城小区", "化工家属院", "合水苑", "河口新区", "兰炼小区", "金轮花园", "平安佳苑"],
        "dash_estate": "供电局家属院",
        "roads": [
            "玉门街",
            "合水路",
            "古浪路",
            "山丹街",
            "临洮街",
            "寺儿沟路",
            "环行东路",
            "达川路",
            "平安路",
            "陈官营路",
        ],
        "companies": ["西固热电公司", "红古供热公司"],
        "unknown": ["胜利小区", "东方红家属院", "友谊新村"],
    },
}


@dataclass
class Building:
    district: str
    street: str
    community: str
    estate: str
    label: str
    door: str
    road: str
    aliases: list[str]
    units: list[str]
    floors: int
    doors: int
    dash: bool
    company: str
    station: str
    accounts: dict = field(default_factory=dict)  # (unit, room) → account

    def room(self, floor: int, door: int) -> str:
        return f"{floor}-{door}" if self.dash else f"{floor}{door:02d}"


def make_city(name: str, seed: int) -> list[Building]:
    spec = CITIES[name]
    rng = random.Random(seed)
    roads = list(spec["roads"])
    rng.shuffle(roads)
    places = [
        (d, st, c) for d, streets in spec["districts"] for st, comms in streets for c in comms
    ]  # fmt: skip
    estates = [(spec["twin"], 0), (spec["twin"], 1), (spec["dash_estate"], None)]
    estates += [(e, None) for e in spec["estates"]]
    buildings, n = [], 0
    for i, (estate, twin) in enumerate(estates):
        if twin is not None:  # one name, one estate in each district
            d, st, c = [p for p in places if p[0] == spec["districts"][twin][0]][twin]
        else:
            d, st, c = rng.choice(places)
        di = [x[0] for x in spec["districts"]].index(d)
        company = spec["companies"][di]
        road = roads[i % len(roads)]
        number = rng.randint(1, 30) * 2 + 1
        for b in range(rng.randint(3, 5) if twin is None else 3):
            label = f"{b + 1}号楼" if rng.random() < 0.8 or twin is not None else f"{'ABC'[b % 3]}{b + 1}"
            if twin == 1 and b == 2:
                label = "5号楼"  # the twins share 1号楼 and 2号楼; each has one building of its own
            aliases = []
            if rng.random() < 0.3 or (twin == 0 and b == 0):
                other = roads[(i + 5) % len(roads)]
                aliases.append(f"{other}{rng.randint(100, 300)}号")
            tall = rng.random() < 0.4
            bd = Building(
                district=d, street=st, community=c, estate=estate, label=label,
                door=f"{road}{number + 2 * b}号", road=road, aliases=aliases,
                units=[f"{u}单元" for u in range(1, rng.randint(1, 3) + 1)],
                floors=18 if tall else rng.randint(5, 7), doors=rng.choice([2, 2, 3]),
                dash=estate == spec["dash_estate"], company=company,
                station=f"{c.removesuffix('社区')}换热站",
            )  # fmt: skip
            for unit in bd.units:
                for floor in range(1, bd.floors + 1):
                    for door in range(1, bd.doors + 1):
                        n += 1
                        bd.accounts[(unit, bd.room(floor, door))] = f"{spec['prefix']}{n:05d}"
            buildings.append(bd)
    return buildings


def write_registry(buildings: list[Building], path: Path, seed: int) -> None:
    rng = random.Random(seed)
    surnames, given = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗", "秀英桂兰建国志强海燕玉梅德明红霞立新"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for b in buildings:
            for (unit, room), account in b.accounts.items():
                name = rng.choice(surnames) + "".join(rng.sample(given, 2))
                out.writerow([
                    account, b.district, b.street, b.community, f"{b.community}第1网格", b.estate, b.door,
                    b.label, unit, room, name, f"139{rng.randint(10000000, 99999999)}",
                    f"{rng.uniform(50, 130):.2f}", b.company, b.station, "", "已缴", "、".join(b.aliases),
                ])  # fmt: skip


# -- sentences --------------------------------------------------------------------------------------

COMPLAINTS = {
    "A": {
        "not_warm": ["暖气不热，屋里只有十几度", "家里暖气摸着是凉的"],
        "leak": ["暖气管子漏水了，地上全是水", "阀门那里一直在滴水"],
        "burst": ["楼下主管道爆了，整栋楼都停暖了"],
        "billing": ["取暖费收多了，要求核实"],
        "invoice": ["交了取暖费想开发票"],
    },
    "B": {
        "not_warm": ["屋里冷得待不住，暖气片温度很低", "暖气温度不够，老人孩子都冻感冒了"],
        "leak": ["暖气片接口渗水，楼下邻居都找上门了"],
        "burst": ["小区供热管道爆管，大面积停暖"],
        "intermittent": ["暖气一到晚上就停，白天才有点热"],
        "subsidy": ["低保户的采暖补贴一直没发下来"],
    },
}
WRAPPERS = {
    "A": ["{addr}{c}", "市民来电：{addr}，{c}。", "{addr}住户反映{c}，请尽快处理"],
    "B": [
        "您好，我家住{addr}，{c}，麻烦派人来看看",
        "{c}！地址：{addr}",
        "反映人住{addr}，{c}，已经好几天了",
    ],
}


def cn(n: int) -> str:
    return int_to_cn(n)


def floor_door(bank: str, rng, floor: int, door: int, unit_said: bool = True) -> str:
    """Floor and door said the ways each bank says them (5-1 only after a unit: 2号楼5-1 is unit 5)."""
    forms = {
        "A": [f"{floor}楼{door}号", f"{cn(floor)}楼{cn(door)}号", f"{floor}层{door}户", f"{floor}-{door}"],
        "B": [
            f"{floor}楼{door:02d}室",
            f"{cn(floor)}层{cn(door)}号",
            f"{floor}楼{door}户",
            f"{floor}楼{door}号房",
        ],
    }[bank]
    return rng.choice(forms if unit_said else [x for x in forms if "-" not in x])


def place_words(bank: str, rng, b: Building) -> tuple[str, str]:
    """(before the estate, after it) that tell a twin estate apart, in the bank's words."""
    kind = rng.choice(["district", "street", "community", "road"])
    name = {"district": b.district, "street": b.street, "community": b.community, "road": b.road}[kind]
    if bank == "A":
        return rng.choice([(name, ""), (f"{name}的", "")]), kind
    return rng.choice([(f"{name}那边的", ""), (f"住在{name}", "")]), kind


def said_label(rng, label: str) -> str:
    """A label such as C3 is said with a word after it (C3栋, C3号楼), or its digits run into the floor."""
    return label if label.endswith("楼") else label + rng.choice(["栋", "号楼"])


def make_case(bank: str, rng, city: list[Building], unknown: list[str], twin: str) -> tuple[str, dict]:
    """One complaint and its label."""
    b = rng.choice(city)
    unit = rng.choice(b.units)
    floor, door = rng.randint(1, b.floors), rng.randint(1, b.doors)
    room = b.room(floor, door)
    account = b.accounts[(unit, room)]
    cat = rng.choice(list(COMPLAINTS[bank]))
    complaint = rng.choice(COMPLAINTS[bank][cat])
    form = rng.choice(
        ["estate", "estate", "plate", "alias", "no_unit", "building_only", "twin_bare", "unknown"]
    )
    expect = {
        "status": "matched", "level": "household", "estate": b.estate, "building": b.label,
        "station": b.station, "company": b.company, "category": cat, "unit": unit, "room": room,
        "account": account,
    }  # fmt: skip
    lead = ""
    if b.estate == twin and form in ("estate", "no_unit", "building_only"):
        (lead, _), _kind = place_words(bank, rng, b)
    fd = floor_door(bank, rng, floor, door, unit_said=form != "no_unit")
    if form == "plate" or (form == "alias" and not b.aliases):
        addr = f"{b.door}{unit}{fd}"
    elif form == "alias":
        addr = f"{rng.choice(b.aliases)}{unit}{fd}"
    elif form == "no_unit":
        addr = f"{lead}{b.estate}{said_label(rng, b.label)}{fd}"
        if len(b.units) > 1:  # every unit has that room: the building, not a guess of the unit
            expect.update(level="building", unit=None, room=None, account=None)
    elif form == "building_only":
        addr = f"{lead}{b.estate}{b.label}"
        expect.update(level="building", unit=None, room=None, account=None)
    elif form == "twin_bare":
        shared = [x for x in city if x.estate == twin and x.label in ("1号楼", "2号楼")]
        b = rng.choice(shared)
        unit = b.units[0]
        addr = f"{twin}{b.label}{unit}{fd}"
        # both twins have this building; nothing says which: a person decides
        expect = {"status": "ambiguous", "category": cat}
    elif form == "unknown":
        addr = f"{rng.choice(unknown)}{rng.randint(1, 9)}号楼{rng.randint(1, 3)}单元{fd}"
        expect = {"status": "unmatched", "category": cat}
    else:
        u = rng.choice([unit, f"{cn(int(unit[0]))}单元"])
        addr = f"{lead}{b.estate}{said_label(rng, b.label)}{u}{fd}"
    text = rng.choice(WRAPPERS[bank]).format(addr=addr, c=complaint)
    return text, expect


def write_cases(bank: str, name: str, city: list[Building], path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    spec = CITIES[name]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text, expect = make_case(bank, rng, city, spec["unknown"], spec["twin"])
            f.write(
                json.dumps({"id": f"{bank}{i:04d}", "text": text, "expect": expect}, ensure_ascii=False)
                + "\n"
            )


def score(cases: list[dict], outputs: list[dict]) -> dict:
    """The figures of ../shared/tools/score_triage.py (building, household, abstain, wrong)."""
    out = {o.get("id"): o for o in outputs}
    n = {"match": 0, "house": 0, "abst": 0, "disp": 0}
    ok = {"match": 0, "house": 0, "abst": 0, "wrong": 0}
    for c in cases:
        e, o = c["expect"], out.get(c["id"], {})
        dispatched = o.get("status") == "matched"
        n["disp"] += dispatched
        if e["status"] == "matched":
            n["match"] += 1
            same = all(o.get(k) == e[k] for k in ("estate", "building", "station", "company"))
            ok["match"] += dispatched and same
            ok["wrong"] += dispatched and not same
            if e.get("level") == "household":
                n["house"] += 1
                ok["house"] += dispatched and o.get("account") == e.get("account")
        else:
            n["abst"] += 1
            ok["abst"] += not dispatched
            ok["wrong"] += dispatched

    def pct(a: int, b: int) -> float:
        return round(100.0 * a / b, 1) if b else 0.0

    return {
        "building": pct(ok["match"], n["match"]),
        "household": pct(ok["house"], n["house"]),
        "abstain": pct(ok["abst"], n["abst"]),
        "wrong": pct(ok["wrong"], n["disp"]),
    }


SETS = {"dev": ("A", 11, 400), "heldback": ("B", 29, 400)}  # bank, seed, cases


def main() -> None:
    if sys.argv[1] == "--score":

        def load(p):
            return [json.loads(x) for x in Path(p).read_text(encoding="utf-8").splitlines() if x.strip()]

        s = score(load(sys.argv[2]), load(sys.argv[3]))
        print(" ".join(f"{k}={v:.1f}%" for k, v in s.items()))
        return
    root = Path(sys.argv[1])
    for name, (bank, seed, n) in SETS.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        city = make_city(name, seed)
        write_registry(city, root / name / "registry.csv", seed)
        write_cases(bank, name, city, root / name / "cases.jsonl", n, seed + 1)


if __name__ == "__main__":
    main()
