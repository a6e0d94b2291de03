"""Complaints arriving over the season: more in the first days (valves not opened, air in the radiators)
and in a cold spell two-thirds of the way in (rooms not warm, heat cut at night), fewer at weekends and at
night; more from some buildings than others; by the channels a city has."""

from dataclasses import dataclass
from datetime import timedelta

from wennuan.cases.enums import Channel
from wennuan.cases.services import receive_case
from wennuan.core.categories import Category as C
from wennuan.registry.ledger.generator import mobile_phone, person_name

from . import lives
from .texts import COMPLAINTS

# Relative weight of each hour of the day (people call in the morning and evening, seldom at night).
HOURLY = [0.15, 0.1, 0.1, 0.1, 0.15, 0.3, 0.8, 1.4, 1.8, 1.6, 1.3, 1.1, 0.9, 1.0, 1.0, 1.0, 1.1, 1.3, 1.6,
          1.8, 1.6, 1.2, 0.7, 0.4]  # fmt: skip
STARTUP = {C.NOT_STARTED: 5, C.UNEVEN: 6, C.LEAK: 4, C.NOT_WARM: 4, C.VALVE_FILTER: 2, C.LOW_PRESSURE: 2}
COLD_SPELL = {C.NOT_WARM: 10, C.INTERMITTENT: 4, C.UNEVEN: 2, C.REFUND: 2, C.LOW_PRESSURE: 1}
ORDINARY = {
    C.NOT_WARM: 6, C.UNEVEN: 3, C.LEAK: 3, C.INTERMITTENT: 1, C.VALVE_FILTER: 1, C.REPAIR_DELAY: 1,
    C.BILLING: 2, C.REFUND: 1, C.SUSPEND_RESUME: 1, C.INVOICE: 1, C.SUBSIDY: 1, C.RETROFIT: 1,
    C.SERVICE_CONDUCT: 1, C.NOISE: 1, C.OTHER: 1,
}  # fmt: skip
CHANNELS = {
    Channel.HOTLINE_12345: 55,
    Channel.COMPANY_HOTLINE: 18,
    Channel.WECHAT_GROUP: 12,
    Channel.ONLINE: 7,
    Channel.CONTACT_CARD: 5,
    Channel.WALK_IN: 3,
}


@dataclass
class Complaint:
    household: object
    category: str
    channel: str
    text: str
    reporter_name: str
    reporter_phone: str
    fate: dict | None = None  # what ``lives.begin`` must not leave to chance


def _pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def plan(season, *, count: int) -> None:
    """Schedule ``count`` complaints over the season's days."""
    rng = season.rng
    days = max((season.now - season.start).days, 1)
    building_weight = {}
    for h in season.households:
        b = h.unit.building_id
        if b not in building_weight:
            building_weight[b] = rng.choice([1, 1, 1, 1, 1, 1, 2, 3, 5])
    weights = [building_weight[h.unit.building_id] for h in season.households]
    day_weights = [_day_weight(season, d, days) for d in range(days + 1)]
    first = timezone_day(season.start)
    planned = []
    for _ in range(count):
        d = rng.choices(range(days + 1), weights=[w for w, _ in day_weights])[0]
        hour = rng.choices(range(24), weights=HOURLY)[0] + rng.random()
        at = season.local(first + timedelta(days=d), hour)
        if season.start <= at <= season.now - timedelta(hours=5):
            planned.append(
                [at, rng.choices(season.households, weights=weights)[0], _pick(rng, day_weights[d][1])]
            )
    # The last hours' calls, still on their way through the queues when the demo opens: one of them in
    # each early state, the rest wherever their pace has taken them.
    hours = [rng.uniform(3, 4), rng.uniform(0.3, 1.5), rng.uniform(0.3, 1.5), rng.uniform(2.5, 3.5)]
    hours += [rng.uniform(0.25, 5) for _ in range(max(0, count // 25 - 4))]
    early = [
        {"returned": True, "requeue": False},  # sent back (退回), not yet dispatched again
        {"hold": frozenset({"dispatch"})},  # still in the dispatch queue
        {"hold": frozenset({"accept"})},  # dispatched, the station has not taken it yet
        {"hold": frozenset({"start", "onsite"})},  # taken (签收), nobody on the way yet
    ]
    for i, h in enumerate(hours):
        fate = {"pace": "prompt", "dispatch_after": 0.1, **(early[i] if i < len(early) else {})}
        household = rng.choices(season.households, weights=weights)[0]
        planned.append([season.now - timedelta(hours=h), household, _pick(rng, ORDINARY), fate])
    planned.sort(key=lambda p: p[0])
    _fix_fates(season, planned, count)
    for at, household, category, *fate in planned:
        season.later(at, arrive, complaint(season, household, category, fate=fate[0] if fate else None))


# Stories every season has, however small the city: (what is fixed, how many days old the case must be
# for it to have happened by now, one such case per this many complaints).
FATES = [
    ({"pace": "ignored"}, 4, 80),  # never accepted: overdue, up the ladder, 督办
    ({"unresolved": True, "pace": "late"}, 10, 80),  # worked on, never resolved: 街道专班
    ({"answer": "unsatisfied"}, 3, 60),  # 重办 after the revisit
    ({"answer": "below"}, 3, 60),  # 重办: the revisit's reading is under the standard
    ({"close": "supervisor"}, 3, 80),  # archived without the resident's answer
    ({"repeat_after": True, "revisit": "soon"}, 7, 80),  # a repeat call days after 办结
    ({"chase": True}, 2, 80),  # a repeat call while it is open, merged
    ({"reopen_by_hand": True}, 3, 100),
    ({"revisit": "never"}, 3, 100),  # 回访超时
    ({"revisit": "soon", "answer": "satisfied", "close": "never"}, 3, 100),  # revisited, not yet archived
]


def _fix_fates(season, planned: list, count: int) -> None:
    taken = {i for i, p in enumerate(planned) if len(p) > 3}
    for fate, days, per in FATES:
        old = [
            i for i, p in enumerate(planned) if i not in taken and p[0] <= season.now - timedelta(days=days)
        ]
        for i in season.rng.sample(old, min(len(old), 1 + count // per)):
            taken.add(i)
            planned[i].append(dict(fate))
            if fate.get("answer") == "below":
                planned[i][2] = C.NOT_WARM  # a reading belongs to a heat complaint


def timezone_day(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()


def _day_weight(season, d: int, days: int) -> tuple[float, dict]:
    """How busy day ``d`` of the season is, and what people complain about then."""
    day = timezone_day(season.start) + timedelta(days=d)
    weight = 0.8 if day.weekday() >= 5 else 1.0
    if d < 4:
        return weight * 2.2, STARTUP
    if 0.55 <= d / days <= 0.7:
        return weight * 1.8, COLD_SPELL
    return weight, ORDINARY


def complaint(season, household, category, *, channel=None, text=None, fate=None) -> Complaint:
    rng = season.rng
    channel = channel or _pick(rng, CHANNELS)
    own = rng.random() < 0.8  # else a relative calls for the household
    return Complaint(
        household=household,
        category=category,
        channel=channel,
        text=text or rng.choice(COMPLAINTS[category]).format(room=household.room, t=rng.randint(11, 16)),
        reporter_name=household.resident_name if own else person_name(rng),
        reporter_phone=household.phone if own else mobile_phone(rng),
        fate=fate,
    )


def address_of(h) -> str:
    """The address as a resident says it: 小区, 楼, 单元, 室."""
    return f"{h.unit.building}{h.unit.label}{h.room}{'室' if h.room.isdigit() else ''}"


def intake_by(season, complaint: Complaint):
    """Who types the complaint in: the hotline agent, the company's dispatcher for its own hotline, the grid
    worker for the WeChat group; the resident (the system) online or by the contact card's QR code."""
    staff = season.staff
    h = complaint.household
    return {
        Channel.COMPANY_HOTLINE: staff.dispatchers.get(h.station.company_id),
        Channel.WECHAT_GROUP: staff.grid_workers.get(h.grid_id),
        Channel.ONLINE: None,
        Channel.CONTACT_CARD: None,
    }.get(complaint.channel, staff.agent)


def arrive(season, at, complaint: Complaint, parent_life=None):
    """Receive the complaint (cases intake) and start its life; ``parent_life``: a cluster's first case,
    whose incident this one will be merged into."""
    season.tickets += 1
    external_id = ""
    if complaint.channel == Channel.HOTLINE_12345:
        external_id = f"12345-{at:%Y%m%d}-{season.tickets:05d}"
    case, created = receive_case(
        channel=complaint.channel,
        text=complaint.text,
        address=address_of(complaint.household),
        external_id=external_id,
        reporter_name=complaint.reporter_name,
        reporter_phone=complaint.reporter_phone,
        household=complaint.household,
        category=complaint.category,
        by=intake_by(season, complaint),
        received_at=at,
        at=at,
    )
    if created:
        lives.begin(season, at, case, parent_life=parent_life, fate=complaint.fate)
    return case
