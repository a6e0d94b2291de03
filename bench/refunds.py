"""The refund engine in bulk, as a city checks a season's disputes: ``wennuan refund compute`` lines per second.

    .venv/bin/python bench/refunds.py [--lines 20000] [--seed 7]

Each line is one household of a random preset city: a season of 151 days, an area of 40–200 m², a price of
18–35 元/㎡, two to six signed readings (some resident-caused, some unsigned), a complaint measured late
now and then, and a company outage on one line in five. Every line goes through the same function as the
command (JSON parse, checks, engine, explanation). The rate is per CPU second of this process (the
wall-clock rate is printed too; it is lower when the machine is shared).
The last line is: lines=N cpu_s=S lines_per_s=X errors=E
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def lines(n: int, rng: random.Random):
    from wennuan.billing.refunds.presets import PRESETS

    opens = datetime.fromisoformat("2025-11-01T00:00+08:00")
    for i in range(n):
        at = opens + timedelta(hours=rng.randint(0, 140 * 24))
        readings = []
        for _ in range(rng.randint(2, 6)):
            reading = {
                "at": at.isoformat(),
                "celsius": round(rng.uniform(11, 21), 1),
                "signed": rng.random() > 0.1,
            }
            if rng.random() < 0.05:
                reading |= {"cause": "resident", "cause_note": "私改暖气片"}
            readings.append(reading)
            at += timedelta(hours=rng.randint(6, 240))
        line = {
            "id": f"H{i:07d}", "city": rng.choice(list(PRESETS)), "season": ["2025-11-01", "2026-03-31"],
            "area_m2": rng.randint(40, 200), "price_per_m2": rng.randint(18, 35), "readings": readings,
        }  # fmt: skip
        if rng.random() < 0.2:
            start = opens + timedelta(hours=rng.randint(0, 140 * 24))
            line["outages"] = [
                {"start": start.isoformat(), "end": (start + timedelta(hours=rng.randint(4, 80))).isoformat()}
            ]
        if rng.random() < 0.2:
            first = datetime.fromisoformat(readings[0]["at"])
            line |= {
                "complaint_at": (first - timedelta(hours=rng.randint(1, 72))).isoformat(),
                "measurement_deadline_hours": 24,
            }
        yield json.dumps(line, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wennuan.settings")
    import django

    django.setup()
    from wennuan.billing.refunds.jsonl import compute_line

    text = list(lines(args.lines, random.Random(args.seed)))
    cpu, wall = time.process_time(), time.perf_counter()
    out = [compute_line(t, n) for n, t in enumerate(text, 1)]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    errors = sum("error" in o for o in out)
    refunded = sum(1 for o in out if o.get("refund_yuan"))
    print(
        f"{args.lines} lines: {refunded} with a refund, {errors} errors; {cpu:.2f} CPU s, {wall:.2f} s wall-clock"
    )
    print(f"wall-clock rate: {args.lines / wall:.0f} lines/s")
    print(f"lines={args.lines} cpu_s={cpu:.2f} lines_per_s={args.lines / cpu:.0f} errors={errors}")


if __name__ == "__main__":
    main()
