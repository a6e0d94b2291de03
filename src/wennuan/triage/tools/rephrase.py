"""Re-phrase labelled cases and check the engine on them: a robustness check beyond one data set's wording.

    WENNUAN_DB=URL .venv/bin/python -m wennuan.triage.tools.rephrase CASES.jsonl

Each case is rewritten five ways — full-width digits; Chinese numerals for 号楼/单元; 栋/门 for
号楼/单元; "单元502" → "单元5楼2号"; one character of the estate name swapped for a homophone that is
not itself an estate — and scored like score_triage.py (building-level right, undispatched when the label
says so, wrong dispatches). The registry in the database must be the one the cases were labelled on.
"""

import json
import os
import re
import sys
from collections import Counter, defaultdict


def variants(case: dict, names: set[str]):
    from wennuan.triage.numerals import int_to_cn

    text, estate = case["text"], case["expect"].get("estate") or ""
    swaps = dict(
        zip(
            "园源华花青桥苑新春永安金北柳纺机医建桃居",
            "源园花华清乔院欣纯涌岸锦贝刘仿积衣健陶局",
            strict=True,
        )
    )
    yield "fullwidth", "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)
    yield "numerals", re.sub(r"(\d+)(号楼|单元)", lambda m: int_to_cn(int(m.group(1))) + m.group(2), text)
    yield "dong_men", text.replace("号楼", "栋").replace("单元", "门")
    yield (
        "floor_door",
        re.sub(r"单元(\d{1,2})(\d{2})(?!\d)", lambda m: f"单元{int(m.group(1))}楼{int(m.group(2))}号", text),
    )
    for i, ch in enumerate(estate):
        new = estate[:i] + swaps.get(ch, ch) + estate[i + 1 :]
        if new != estate and new not in names:
            yield "homophone", text.replace(estate, new, 1)
            break


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
    import django

    django.setup()
    from wennuan.triage.index import get_index
    from wennuan.triage.service import triage_many

    names = set(get_index().estate_name.values())
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    rows = [
        (style, text, c["expect"]) for c in cases for style, text in variants(c, names) if text != c["text"]
    ]
    stats: dict[str, Counter] = defaultdict(Counter)
    for (style, _text, e), r in zip(rows, triage_many(t for _, t, _ in rows), strict=True):
        s = stats[style]
        s["n"] += 1
        dispatched = r.status == "matched"
        if e["status"] == "matched":
            same = (r.estate, r.building, r.station, r.company) == (
                e["estate"],
                e["building"],
                e["station"],
                e["company"],
            )
            s["matched"] += 1
            s["building_ok"] += dispatched and same
            s["wrong"] += dispatched and not same
        else:
            s["abstain"] += 1
            s["abstain_ok"] += not dispatched
            s["wrong"] += dispatched
    total = Counter()
    for style, s in sorted(stats.items()):
        total.update(s)
        print(f"{style:11s} {dict(s)}")
    print(
        f"variants={total['n']} building={total['building_ok']}/{total['matched']} "
        f"abstain={total['abstain_ok']}/{total['abstain']} wrong={total['wrong']}"
    )


if __name__ == "__main__":
    main()
