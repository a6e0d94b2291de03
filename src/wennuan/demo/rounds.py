"""The campaign's door-to-door rounds so far: each grid worker visits her list in visiting order every day
of the running phase and her phone syncs in the evening (``visits.sync``, the offline page's path). Some
grids are quicker than others, so coverage differs; some homes are colder (old buildings, a radiator
moved), so readings fall below the standard and a worker reports what she found (一键上报) as a case; a
fixed problem brings her back for the re-survey (整改后回访)."""

import uuid
from datetime import timedelta

from django.utils import timezone

from wennuan.cases.models import Case
from wennuan.registry.enums import PaymentStatus, PriorityGroup
from wennuan.visits.enums import Answer, Outcome, TaskPurpose, TaskStatus
from wennuan.visits.models import Problem, VisitTask
from wennuan.visits.selectors import current_phase, tasks_in_visiting_order
from wennuan.visits.sync import SyncItem, sync_visits

from . import lives
from .texts import VISIT_PROBLEM

NEEDY = {PriorityGroup.LOW_INCOME, PriorityGroup.EXTREME_POVERTY}
OUTCOMES = {Outcome.VISITED: 82, Outcome.NOT_HOME: 13, Outcome.REFUSED: 3, Outcome.VACANT: 2}


def plan(season) -> None:
    today = timezone.localdate(season.now)
    phase = current_phase(on=today)
    if phase is None:
        return
    season.phase = phase
    rng = season.rng
    sizes = {}
    for h in season.households:
        sizes[h.grid_id] = sizes.get(h.grid_id, 0) + 1
    # Each grid's pace: households visited a day, as a share of the grid (a few grids lag behind).
    season.pace = {
        g: rng.uniform(0.02, 0.04) if rng.random() < 0.25 else rng.uniform(0.05, 0.1) for g in sorted(sizes)
    }
    season.grid_size = sizes
    season.warmth = {}  # building id → how much warmer or colder than usual its rooms are
    day = max(phase.starts_on, timezone.localdate(season.start))
    while day <= today:
        for grid_id in sorted(sizes):
            evening = season.local(day, rng.uniform(17, 19.5))
            if day == today:
                evening = min(evening, season.now - timedelta(minutes=1))
            if evening >= season.local(day, 11):
                season.later(evening, sync_day, grid_id, day)
        day += timedelta(days=1)


def sync_day(season, at, grid_id: int, day):
    rng = season.rng
    worker = season.staff.grid_workers.get(grid_id)
    if worker is None:
        return
    share = season.pace[grid_id] * (0.6 if day.weekday() >= 5 else 1.0)
    count = max(1, round(season.grid_size[grid_id] * share * rng.uniform(0.7, 1.3)))
    pending = VisitTask.objects.filter(
        phase=season.phase, grid_id=grid_id, status=TaskStatus.PENDING, due_on__lte=day
    ).select_related("household__unit")
    tasks = list(tasks_in_visiting_order(pending)[:count])
    visited_at = season.local(day, rng.uniform(9, 9.5))
    items = []
    for task in tasks:
        if visited_at >= at:
            break
        item = _item(season, task, visited_at)
        if item.problems and sum(bool(i.problems) for i in items) >= 2:
            item.problems = []  # a worker reports the worst homes of her day, not every cool room
        items.append(item)
        visited_at += timedelta(minutes=rng.uniform(12, 35))
        if season.local(day, 11.8) <= visited_at < season.local(day, 13.5):
            visited_at = season.local(day, rng.uniform(14, 14.5))  # lunch
    if not items:
        return
    results = sync_visits(by=worker, items=items, at=at)
    rejected = [r.error for r in results if r.status == "rejected"]
    for error in rejected:
        season.refused[f"sync_visits: {error}"[:120]] += 1
    reported = Problem.objects.filter(
        visit__client_id__in=[i.client_id for i in items], case_id__isnull=False
    ).values_list("case_id", flat=True)
    for case in Case.objects.filter(pk__in=list(reported)).select_related("household").order_by("pk"):
        if case.pk not in season.lives:
            lives.begin(season, at, case)


def _item(season, task, visited_at) -> SyncItem:
    rng = season.rng
    h = task.household
    resurvey = task.purpose == TaskPurpose.RESURVEY
    outcome = Outcome.VISITED if resurvey else rng.choices(list(OUTCOMES), weights=list(OUTCOMES.values()))[0]
    item = SyncItem(
        client_id=uuid.UUID(int=rng.getrandbits(128)),
        household_id=h.pk,
        outcome=outcome,
        visited_at=visited_at,
        phase_id=season.phase.pk,
        task_id=task.pk,
    )
    if outcome != Outcome.VISITED:
        return item
    building = h.unit.building_id
    if building not in season.warmth:
        season.warmth[building] = rng.choice([0, 0, 0, 0, 0, 0, 0.5, 1, -1, -2])
    warmth = 1.0 if resurvey else season.warmth[building]
    readings = []
    for room in ("卧室", "客厅")[: rng.choice([1, 2, 2])]:
        celsius = round(rng.uniform(18.6, 23.0) + warmth + rng.uniform(-1.0, 0.4), 1)
        readings.append({"room": room, "celsius": celsius, "instrument": "红外测温枪"})
    cold = min(r["celsius"] for r in readings) < 18
    item.readings = readings
    item.answers = _answers(rng, h, cold=cold and not resurvey)
    if cold and not resurvey and rng.random() < 0.4:
        coldest = min(readings, key=lambda r: r["celsius"])
        item.problems = [
            {
                "client_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "description": VISIT_PROBLEM.format(room=coldest["room"], t=coldest["celsius"]),
                "category": "not_warm",
                "report": True,
            }
        ]
    return item


def _answers(rng, h, *, cold: bool) -> dict:
    def answer(yes: float, basic: float) -> str:
        r = rng.random()
        return Answer.YES if r < yes else Answer.BASIC if r < yes + basic else Answer.NO

    needy = any(g in NEEDY for g in h.priority_group_list)
    return {
        "room_temp_ok": not cold,
        "intermittent_heating": cold and rng.random() < 0.3,
        "answer_satisfied": answer(0.1, 0.4) if cold else answer(0.8, 0.17),
        "fee_paid": h.payment_status == PaymentStatus.PAID,
        "subsidy_received": (rng.random() < 0.85) if needy else None,
        "answer_happy": answer(0.7, 0.25),
        "complaint_resolved": None,
        "shirking_found": False,
        "answer_agree": answer(0.75, 0.2),
        "retrofit_progress": "",
        "answer_accept": answer(0.8, 0.15),
    }
