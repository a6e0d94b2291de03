"""Triage speed on a large registry: index build time, peak memory, cases/s for the engine and the baseline.

    .venv/bin/python bench/triage.py [--households 1000000] [--cases 20000] [--baseline-cases 10]

The registry is the demo city (``wennuan demo --households N``: ledger rows from registry/ledger/generator.py
fed through the real importer) in a SQLite file under var/bench/, built once and reused. Cases are texts
written from randomly drawn households in several phrasings (estate + 号楼/单元/室, 7-2-501, Chinese
numerals, full-width digits, door address + 楼/号, district + 栋/门; 5 % with an estate name that is not in
the registry, which must stay undispatched), each with a complaint phrase.
The baseline is the peer in score_triage.py: rapidfuzz ``process.extractOne(text, keys,
scorer=fuzz.partial_ratio)`` over two address strings per household; it is slow at this size, so it is
timed on a sample (--baseline-cases) and said so. Rates are per CPU second of this one process (one
core; the wall-clock rate is printed as well, it is lower when the machine is shared). Peak memory is this process's ru_maxrss after the
index build and the engine run, before the baseline's strings are built.
The last line is: households=N build_s=S peak_mb=M cases_per_s=X baseline_cases_per_s=Y
"""

import argparse
import os
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

COMPLAINTS = ["暖气不热", "家里很冷，室温只有13度", "暖气管漏水", "晚上暖气就停了", "多收了取暖费", "想办理报停",
              "需要开暖气费发票", "上水不足，顶楼不热", "楼下管子爆了，全楼停暖", "维修人员态度不好"]  # fmt: skip
PREFIXES = ["", "市民反映", "来电人反映：", "住户称"]
# Estates that are not in the registry (characters the demo generator does not use): must stay undispatched.
UNKNOWN = [
    "红旗小区",
    "钢城家园",
    "石化新村",
    "铁军家属院",
    "纺机小区",
    "邮电大院",
    "粮食局家属院",
    "汽修厂小区",
]


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def phrasings(h: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(style, address text) for one household."""
    from wennuan.triage.normalize import building_key, unit_key
    from wennuan.triage.numerals import int_to_cn

    b, u, room = building_key(h["building"]), unit_key(h["unit"]), h["room"]
    out = [("plain", f"{h['estate']}{h['building']}{h['unit']}{room}")]
    if u and room:
        out.append(("dash", f"{h['estate']}{b}-{u}-{room}"))
        out.append(("district", f"{h['district']}{h['estate']}{b}栋{u}门{room}室"))
        if b.isdigit() and u.isdigit() and room.isdigit():
            out.append(("numerals", f"{h['estate']}{int_to_cn(int(b))}号楼{int_to_cn(int(u))}单元{room}室"))
        out.append(("fullwidth", _fullwidth(f"{h['estate']}{h['building']}{h['unit']}{room}")))
        if h["door"] and room.isdigit() and len(room) >= 3:
            out.append(("door", f"{h['door']}{h['unit']}{int(room[:-2])}楼{int(room[-2:])}号"))
    return out


def ensure_registry(n: int) -> None:
    from django.core.management import call_command

    from wennuan.registry.models import Household

    call_command("migrate", verbosity=0)
    have = Household.objects.count()
    if have != n:
        from wennuan.registry.demo import build_demo_city

        print(f"building the demo registry: {n} households (once; reused afterwards)", flush=True)
        t = time.perf_counter()
        build_demo_city(households=n)
        print(f"  registry built in {time.perf_counter() - t:.0f} s", flush=True)


def sample_cases(k: int, seed: int = 7) -> tuple[list[str], list[dict]]:
    """k texts and, for each, what the address says (expected under the never-guess policy)."""
    from wennuan.registry.models import Building, Household
    from wennuan.triage.normalize import building_key

    rng = random.Random(seed)
    max_id = Household.objects.order_by("-id").values_list("id", flat=True).first()
    ids = rng.sample(range(1, max_id + 1), min(k, max_id))
    rows = Household.objects.filter(id__in=ids).values_list(
        "account", "room", "unit__label", "unit__building__label", "unit__building__door_address",
        "unit__building__estate__name", "unit__building__estate__district__name",
    )  # fmt: skip
    # who else answers to the same words: same estate name + building key (and district), same door
    by_name = defaultdict(set)
    by_door = defaultdict(set)
    for bid, label, door, ename, dname in Building.objects.values_list(
        "id", "label", "door_address", "estate__name", "estate__district__name"
    ):
        by_name[ename, building_key(label)].add((bid, dname))
        if door:
            by_door[door].add((bid, dname))
    texts, expect = [], []
    for account, room, unit, building, door, estate, district in rows:
        h = dict(
            account=account,
            room=room,
            unit=unit,
            building=building,
            door=door,
            estate=estate,
            district=district,
        )
        style, addr = rng.choice(phrasings(h, rng))
        same = by_door[door] if style == "door" else by_name[estate, building_key(building)]
        if style == "district":
            same = {x for x in same if x[1] == district}
        # only where the estate name is written as is (not full-width "春泰２小区" nor a door address)
        if estate in addr and rng.random() < 0.05:
            style, addr, same = "unknown", addr.replace(estate, rng.choice(UNKNOWN), 1), ()
        texts.append(f"{rng.choice(PREFIXES)}{addr}{rng.choice(COMPLAINTS)}")
        expect.append({"style": style, "account": account, "unique": len(same) == 1})
    return texts, expect


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--households", type=int, default=1_000_000)
    p.add_argument("--cases", type=int, default=20_000)
    p.add_argument("--baseline-cases", type=int, default=10)
    p.add_argument("--db", help="database URL (default: a SQLite file under var/bench/)")
    a = p.parse_args()
    db = a.db or f"sqlite:///{ROOT / 'var' / 'bench' / f'triage_{a.households}.db'}"
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ["WENNUAN_DB"] = db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
    import django

    django.setup()
    ensure_registry(a.households)
    texts, expect = sample_cases(a.cases)

    from wennuan.triage.classifier import get_classifier
    from wennuan.triage.index import get_index

    get_classifier().classify("暖气不热")  # the classifier loads once per process, not per index
    t = time.perf_counter()
    ix = get_index()  # the service's own index: the version query, the build and gc.freeze
    build_s = time.perf_counter() - t

    from wennuan.triage.service import triage_many

    t, c = time.perf_counter(), time.process_time()
    results = list(triage_many(texts))
    run_s, cpu_s = time.perf_counter() - t, time.process_time() - c
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # one core's rate: CPU seconds of this single-threaded process, so that other work on a shared
    # machine does not count against it (the wall-clock rate is printed too)
    cases_per_s = len(texts) / cpu_s

    # accuracy on these synthetic phrasings (a sanity check of the engine at scale, not the dev score)
    by_style = defaultdict(lambda: [0, 0, 0])  # [n, right, wrong]
    for r, e in zip(results, expect, strict=True):
        s = by_style[e["style"]]
        s[0] += 1
        if e["unique"]:
            s[1] += r.status == "matched" and r.account == e["account"]
        else:
            s[1] += r.status != "matched"
        s[2] += r.status == "matched" and r.account not in (None, e["account"])
    for style, (n, right, wrong) in sorted(by_style.items()):
        print(f"  {style:10s} n={n:6d} right={100 * right / n:5.1f}% wrong_household={100 * wrong / n:4.1f}%")

    print(
        f"engine: {len(texts)} cases in {cpu_s:.2f} CPU s ({cases_per_s:.0f}/s), {run_s:.2f} wall s "
        f"({len(texts) / run_s:.0f}/s); index build {build_s:.1f} s for "
        f"{ix.households} households, {len(ix.building)} buildings, {len(ix.estate_name)} estates; "
        f"peak {peak_mb:.0f} MB",
        flush=True,
    )
    # the baseline, as in score_triage.py, over every household's two address strings
    from django.db.models import F
    from rapidfuzz import fuzz, process

    from wennuan.registry.models import Household

    keys = []
    for est, bl, ul, room, door in Household.objects.values_list(
        "unit__building__estate__name", "unit__building__label", "unit__label", "room",
        "unit__building__door_address",
    ).order_by(F("id").asc()).iterator(chunk_size=50000):  # fmt: skip
        keys.append(f"{est}{bl}{ul}{room}")
        keys.append(f"{door}{ul}{room}")
    sample = texts[: a.baseline_cases]
    c = time.process_time()
    for text in sample:
        process.extractOne(text, keys, scorer=fuzz.partial_ratio)
    baseline_cases_per_s = len(sample) / (time.process_time() - c)
    print(f"baseline: timed on a sample of {len(sample)} cases over {len(keys)} address strings (slow)")
    print(
        f"households={ix.households} build_s={build_s:.1f} peak_mb={peak_mb:.0f} "
        f"cases_per_s={cases_per_s:.0f} baseline_cases_per_s={baseline_cases_per_s:.2f}"
    )


if __name__ == "__main__":
    main()
