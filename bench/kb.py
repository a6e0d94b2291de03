"""Knowledge-base search at a province's size: 10,000 entries, the questions residents ask.

    .venv/bin/python bench/kb.py [--entries 10000] [--queries 400] [--db postgres://postgres@127.0.0.1:5432/wennuan_kb_bench]

A fresh database (SQLite in a temporary folder by default; with ``--db`` a PostgreSQL database of that
name, created and dropped): one city, 12 districts, 20 companies, and ``--entries`` entries built from the
demo knowledge base's 43 (each copied with a company's or a district's wording and another entry's
sentences mixed in, so the vocabulary and the lengths are realistic), 90% published. Then ``--queries``
searches through ``kb.selectors.search`` (segmentation, synonyms, the engine's index, the scope filter,
the tie-break), half by a city-wide hotline agent, half by a company's dispatcher; wall-clock per query.
Wall-clock and this process's CPU time are printed (the database's own CPU is in the wall-clock only).
The last line is: entries=N p50_ms=X p99_ms=Y (wall-clock) cpu_p50_ms=Z (this process)
"""

import argparse
import os
import random
import statistics
import time

from support import bench_environment

QUESTIONS = [
    "家里暖气片不热了咋整", "停暖要去哪办", "俺家暖器片子上头热下头凉", "屋里才十五度，能给退钱不",
    "去年报停了今年想开阀咋弄", "暖气费明明交了咋还显示欠费", "低保的采暖补助到现在还没给", "电子发票上哪打",
    "暖气片咕噜咕噜响，跑风咋放", "楼上暖气管子往下滴水", "取暖费一平米多少钱", "前房主欠费不给我开暖气",
    "报修三天了没人来", "换热站晚上嗡嗡响", "什么时候开始供暖", "测温怎么测才算数",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--db", default="", help="a PostgreSQL URL (its database is created and dropped)")
    args = parser.parse_args()
    with bench_environment(args.db or "sqlite:///bench.db", owned=bool(args.db)) as home:
        if not args.db:
            os.environ["WENNUAN_DB"] = f"sqlite:///{home}/bench.db"
        import django

        django.setup()
        run(args)


def fill(n: int, rng: random.Random):
    from django.utils import timezone

    from wennuan.accounts.models import User
    from wennuan.core.roles import Role
    from wennuan.kb import services
    from wennuan.kb.demo_entries import ENTRIES
    from wennuan.kb.enums import ReviewState
    from wennuan.kb.models import Entry, EntryRevision
    from wennuan.registry.models import City, Company, District

    city = City.objects.create(name="演示市")
    districts = District.objects.bulk_create(District(city=city, name=f"第{i}区") for i in range(12))
    companies = Company.objects.bulk_create(Company(city=city, name=f"热力{i}公司") for i in range(20))
    sup = User.objects.create(username="sup", role=Role.SUPERVISOR)
    hotline = User.objects.create(username="agent", role=Role.HOTLINE_AGENT)
    dispatcher = User.objects.create(username="disp", role=Role.DISPATCHER, company=companies[0])
    sentences = [s for _, _, _, answer in ENTRIES for s in answer.split("。") if s]
    now = timezone.now()
    made = []
    for i in range(n):
        category, question, keywords, answer = ENTRIES[i % len(ENTRIES)]
        company = rng.choice(companies) if rng.random() < 0.5 else None
        district = rng.choice(districts) if rng.random() < 0.3 else None
        where = company.name if company else (district.name if district else "全市")
        entry = Entry(
            author=sup, created_at=now, updated_at=now, city=city, company=company, district=district,
            state=ReviewState.PUBLISHED if rng.random() < 0.9 else ReviewState.DRAFT,
        )  # fmt: skip
        fields = services.EntryFields(
            question=f"{question}（{where}）" if i >= len(ENTRIES) else question,
            answer="。".join([answer, *rng.sample(sentences, 2)]),
            category=category, keywords=keywords, city=city, company=company, district=district,
        )  # fmt: skip
        services._apply(entry, fields)
        made.append(entry)
    Entry.objects.bulk_create(made, batch_size=1000)
    EntryRevision.objects.bulk_create(
        [EntryRevision(entry=e, at=now, by=sup, company=e.company, kind="imported") for e in made],
        batch_size=1000,
    )
    return hotline, dispatcher


def run(args) -> None:
    from django.core.management import call_command
    from django.db import connection

    from wennuan.kb import selectors

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    started = time.perf_counter()
    hotline, dispatcher = fill(args.entries, rng)
    print(
        f"engine={connection.vendor} filled {args.entries} entries in {time.perf_counter() - started:.1f} s"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE kb_entry")
    print("warming up", flush=True)
    for q in QUESTIONS:  # warm up: jieba's dictionary, the database's cache
        selectors.search(user=hotline, q=q)
    times, cpu, first_right = [], [], 0
    for i in range(args.queries):
        q = QUESTIONS[i % len(QUESTIONS)]
        user = hotline if i % 2 == 0 else dispatcher
        t0, c0 = time.perf_counter(), time.process_time()
        hits = selectors.search(user=user, q=q, limit=5)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        first_right += bool(hits)
    times.sort()
    p50 = statistics.median(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(
        f"queries={len(times)} answered={first_right} mean_ms={statistics.fmean(times):.1f} max_ms={times[-1]:.1f}"
    )
    print(f"entries={args.entries} p50_ms={p50:.1f} p99_ms={p99:.1f} cpu_p50_ms={statistics.median(cpu):.1f}")


if __name__ == "__main__":
    main()
