"""Room-temperature collectors through the real broker: 10,000 collectors publish one reading every ten
minutes for a simulated 12 hours (720,000 messages, time compressed), with planted cold rooms, brief dips,
impossible jumps, duplicates, late (out-of-order) messages and garbage; `wennuan sensors listen` (a
subprocess, as in production) stores them and opens the cases.

    .venv/bin/python bench/sensors.py [--db postgres://postgres@127.0.0.1:5432/wennuan_bench_sensors | --db sqlite]
                                      [--sensors 10000] [--hours 12] [--cold 100] [--dips 300]

The database is the benchmark's own (PostgreSQL: created and dropped; SQLite: a file in a temporary folder).
Simulated time ends ten minutes ago, so every reading is in the past. The publisher keeps at most
``--backlog`` messages (default: 5% of one tick) ahead of what is stored: the simulated clock runs as fast
as the listener stores, and the broker's queue for a subscriber is bounded anyway.
Detection delay is measured in simulated minutes: from the moment the room had been cold for the span
(its first cold reading + 6 h) to the case, the case's wall-clock time mapped onto the simulated clock by
when each simulated ten minutes began to be published.
Last line: sensors=N readings_per_s=X lost=L missed_cold=M false_cases=F detect_p99_min=Y
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support import ROOT, bench_environment

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/wennuan_bench_sensors"
TICK = timedelta(minutes=10)
WARM, COLD = 21.0, 14.0


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default=DEFAULT_PG)
    p.add_argument("--sensors", type=int, default=10_000)
    p.add_argument("--hours", type=int, default=12)
    p.add_argument("--cold", type=int, default=100)
    p.add_argument("--dips", type=int, default=300)
    p.add_argument("--jumpy", type=int, default=100)
    p.add_argument("--dup-rate", type=float, default=0.02)
    p.add_argument("--late-rate", type=float, default=0.01)
    p.add_argument("--garbage-rate", type=float, default=0.005)
    p.add_argument("--backlog", type=int, default=0, help="default: 5%% of one tick's messages")
    p.add_argument("--seed", type=int, default=19)
    args = p.parse_args()
    sqlite = args.db == "sqlite"
    with bench_environment("sqlite:///x.db" if sqlite else args.db, owned=not sqlite) as home:
        if sqlite:
            os.environ["WENNUAN_DB"] = f"sqlite:///{home}/bench.db"
        os.environ["WENNUAN_LOG_LEVEL"] = "WARNING"
        import django

        django.setup()
        run(args, home)


def build_city(n: int):
    """One city, one company, 20 stations, buildings of 20 households, one collector per household."""
    from django.utils import timezone

    from wennuan.registry.models import (
        Building,
        City,
        Community,
        Company,
        District,
        Estate,
        Grid,
        Household,
        Station,
        Street,
        Unit,
    )  # fmt: skip
    from wennuan.rules.models import Season
    from wennuan.sensors.models import Device

    city = City.objects.create(name="兰州市")
    today = timezone.localdate()
    if not Season.objects.filter(city=city).covering(today - timedelta(days=1)).exists():
        Season.objects.create(city=city, name="bench", starts_on=today - timedelta(days=30),
                              ends_on=today + timedelta(days=30))  # fmt: skip
    district = District.objects.create(city=city, name="城关区")
    street = Street.objects.create(district=district, name="东岗街道")
    community = Community.objects.create(street=street, name="东岗社区")
    grid = Grid.objects.create(community=community, name="第一网格")
    company = Company.objects.create(city=city, name="热力一公司")
    stations = Station.objects.bulk_create([Station(company=company, name=f"{i}号站") for i in range(20)])
    estates = Estate.objects.bulk_create(
        [Estate(district=district, name=f"小区{i}") for i in range(n // 200 + 1)]
    )
    buildings = Building.objects.bulk_create(
        [Building(estate=estates[i // 10], label=f"{i % 10 + 1}号楼") for i in range(n // 20 + 1)]
    )
    units = Unit.objects.bulk_create([Unit(building=b, label="1单元") for b in buildings])
    households = Household.objects.bulk_create(
        [
            Household(
                account=f"B{i:06d}",
                unit=units[i // 20],
                room=f"{i % 20 + 101}",
                grid=grid,
                station=stations[(i // 20) % len(stations)],
                area=80,
            )
            for i in range(n)
        ],  # fmt: skip
        batch_size=2000,
    )
    devices = Device.objects.bulk_create(
        [
            Device(serial=f"WN{i:06d}", household=h, installed_on=today - timedelta(days=20))
            for i, h in enumerate(households)
        ],  # fmt: skip
        batch_size=2000,
    )
    return devices


def plan(args, rng: random.Random, n: int, ticks: int):
    """Which collectors are cold from which tick, which dip, which jump. Cold rooms: some alone, some
    four in one building (a suspected outage); the first cold tick leaves the span inside the 12 hours."""
    span = 36  # 6 h of ten-minute ticks
    pool = list(range(n))
    rng.shuffle(pool)
    cold: dict[int, int] = {}
    for _ in range(args.cold // 8):  # half the cold rooms: whole stairwells of four going cold together
        first = pool.pop() // 20 * 20
        start = rng.randrange(0, ticks - span - 2)
        for j in range(4):
            cold[first + j] = start
    pool = [i for i in pool if i not in cold]
    while len(cold) < args.cold:
        cold[pool.pop()] = rng.randrange(0, ticks - span - 2)
    dips = {}
    for _ in range(args.dips):  # below standard for 20 min to 5 h, then warm again
        i = pool.pop()
        start = rng.randrange(0, ticks - 31)
        dips[i] = (start, start + rng.randrange(2, 31))
    jumpy = {pool.pop(): rng.randrange(ticks) for _ in range(args.jumpy)}  # warm, one reading of 2 °C
    return cold, dips, jumpy, span


def celsius(i, k, cold, dips, jumpy, rng) -> float:
    if i in cold and k >= cold[i]:
        return round(COLD + rng.uniform(-0.5, 0.5), 1)
    if i in dips and dips[i][0] <= k < dips[i][1]:
        return round(15.5 + rng.uniform(-0.5, 0.5), 1)
    if jumpy.get(i) == k:
        return 2.0
    return round(WARM + rng.uniform(-0.6, 0.6), 1)


GARBAGE = [b"not json", b"{\"c\": 20}", b"{\"time\": \"2026-01-01T00:00:00\", \"c\": 20}", b"[]",
           b"{\"time\": 0, \"c\": \"warm\"}"]  # fmt: skip


def run(args, home) -> None:
    import paho.mqtt.client as mqtt
    from django.core.management import call_command
    from django.db import connection

    from wennuan.cases.models import Case
    from wennuan.sensors import config
    from wennuan.sensors.models import ColdAlert, DeadLetter

    call_command("migrate", verbosity=0)
    n, ticks = args.sensors, args.hours * 6
    # The simulated clock advances only as fast as readings are stored: the next ten minutes are published
    # once all but a few of the last ten minutes' readings are in (the late ones are held back on purpose).
    backlog = args.backlog or max(200, n // 20)
    rng = random.Random(args.seed)
    t0 = time.monotonic()
    devices = build_city(n)
    print(f"city: {n} households and collectors in {time.monotonic() - t0:.1f} s", flush=True)
    cold, dips, jumpy, span = plan(args, rng, n, ticks)
    serials = [d.serial for d in devices]

    broker = config.broker()
    run_id = uuid.uuid4().hex[:8]
    prefix, client_id = f"wennuan-bench-{run_id}", f"wennuan-bench-{run_id}"
    env = dict(os.environ, WENNUAN_MQTT_TOPIC_PREFIX=prefix, WENNUAN_MQTT_CLIENT_ID=client_id,
               WENNUAN_LOG_LEVEL="WARNING")  # fmt: skip
    profile = ["-m", "cProfile", "-o", os.environ["BENCH_PROFILE"]] if os.environ.get("BENCH_PROFILE") else []
    listener = subprocess.Popen([sys.executable, *profile, "-m", "wennuan", "sensors", "listen"], env=env, cwd=home,
                                stdout=subprocess.PIPE, stderr=sys.stderr, text=True)  # fmt: skip
    listener.stdout.readline()  # "订阅 …": started
    time.sleep(2)  # connected and subscribed

    pub = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"{client_id}-pub")
    pub.max_inflight_messages_set(2000)
    pub.max_queued_messages_set(0)
    pub.connect(broker.host, broker.port)
    pub.loop_start()

    def stored() -> int:
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM sensors_reading")
            return cur.fetchone()[0]

    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = now - timedelta(hours=args.hours)
    tick_wall: list[float] = []
    published = unique = 0
    late: list[tuple[str, bytes]] = []
    wall0 = time.monotonic()
    for k in range(ticks):
        tick_wall.append(time.monotonic())
        at = (start + k * TICK).isoformat()
        batch = []
        for i in range(n):
            body = json.dumps(
                {"time": at, "c": celsius(i, k, cold, dips, jumpy, rng), "battery": 90}
            ).encode()
            topic = f"{prefix}/兰州市/{serials[i]}/reading"
            if rng.random() < args.late_rate and k < ticks - 1 and i not in cold:
                late.append((topic, body))  # sent with the next tick
            else:
                batch.append((topic, body))
            if rng.random() < args.dup_rate:
                batch.append((topic, body))
            if rng.random() < args.garbage_rate:
                batch.append((topic, rng.choice(GARBAGE)))
            unique += 1
        batch += late
        late = [] if k < ticks - 1 else late
        rng.shuffle(batch)  # out of order within the ten minutes
        for topic, body in batch:
            pub.publish(topic, body, qos=1)
        published += len(batch)
        while unique - stored() > backlog:  # the broker keeps a bounded queue for the subscriber
            time.sleep(0.2)
        if k % 12 == 11:
            print(f"  simulated {(k + 1) / 6:.0f} h: published {published}, stored {stored()}, "
                  f"{time.monotonic() - wall0:.0f} s", flush=True)  # fmt: skip
    last, still = -1, time.monotonic()
    while time.monotonic() - still < 15:
        got = stored()
        if got >= unique:
            break
        if got != last:
            last, still = got, time.monotonic()
        time.sleep(0.2)
    wall = time.monotonic() - wall0
    total = stored()
    time.sleep(3)  # the last batch's cases
    cpu = _cpu_seconds(listener.pid)
    listener.terminate()
    listener.wait(timeout=60)
    pub.loop_stop()
    pub.disconnect()
    _forget_session(broker, client_id)

    alerts = {a.device.serial: a for a in ColdAlert.objects.select_related("device")}
    cold_serials = {serials[i]: i for i in cold}
    opened = Case.objects.filter(channel="sensor").count()
    false_cases = sum(1 for s, a in alerts.items() if s not in cold_serials and a.opened)
    missed = [s for s in cold_serials if s not in alerts]
    delays = []
    for s, i in cold_serials.items():
        a = alerts.get(s)
        if a is None:
            continue
        reached_tick = cold[i] + span
        w = a.detected_at.timestamp() - (time.time() - time.monotonic())  # wall clock → monotonic
        k = max(j for j in range(ticks) if tick_wall[j] <= w) if w >= tick_wall[0] else 0
        nxt = tick_wall[k + 1] if k + 1 < ticks else tick_wall[k] + 1e9
        frac = min(1.0, (w - tick_wall[k]) / max(nxt - tick_wall[k], 1e-9))
        delays.append((k + frac - reached_tick) * 10)
    delays.sort()
    p99 = delays[min(len(delays) - 1, int(0.99 * len(delays)))] if delays else float("nan")
    outage = Case.objects.filter(channel="sensor", suspected_outage=True).count()
    print(f"engine={connection.vendor} messages={published} unique_readings={unique} stored={total} "
          f"dead_letters={DeadLetter.objects.count()} cases={opened} suspected_outage={outage} "
          f"wall_s={wall:.1f} listener_cpu_s={cpu:.1f} readings_per_cpu_s={total / max(cpu, 1e-9):.0f} "
          f"detect_max_min={max(delays) if delays else float('nan'):.1f}")  # fmt: skip
    print(f"sensors={n} readings_per_s={total / wall:.0f} lost={unique - total} missed_cold={len(missed)} "
          f"false_cases={false_cases} detect_p99_min={p99:.1f}")  # fmt: skip


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc), to tell the listener's own cost from
    the machine's load."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def _forget_session(broker, client_id: str) -> None:
    import paho.mqtt.client as mqtt
    from paho.mqtt.packettypes import PacketTypes
    from paho.mqtt.properties import Properties

    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
    props = Properties(PacketTypes.CONNECT)
    props.SessionExpiryInterval = 0
    c.connect(broker.host, broker.port, clean_start=True, properties=props)
    c.loop(timeout=0.5)
    c.disconnect()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
