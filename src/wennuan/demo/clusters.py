"""Outage clusters: many calls from one place within the hour, which intake flags 疑似片区停热. Two of them:

- a valve on a branch of an estate's network breaks before dawn a fortnight ago: ten calls from its three
  buildings within the hour, the company's dispatcher records the outage (停热事件) over those buildings,
  the agent merges the calls into the first (并案), heat is back after 30 hours (over the city's 24-hour
  threshold, so each household there gets refund days) and the incident is resolved at once for every
  call;
- the burst main the outages demo recorded over the first household's building: its residents call in the
  first hour, and the calls are resolved together once that outage was restored.
"""

from datetime import timedelta

from wennuan.cases.enums import Channel
from wennuan.cases.models import Case
from wennuan.core.categories import Category
from wennuan.outages.enums import OutageCause
from wennuan.outages.models import Outage
from wennuan.outages.services import record_outage, restore_outage
from wennuan.registry.models import Building

from . import arrivals

BRANCH_TEXT = "早上起来暖气全凉了，邻居家也不热，是不是管道出问题了"
BURST_TEXT = "楼下主管道爆了，楼道里全是水汽，家里暖气不热了"
BURST_CHANNELS = {Channel.HOTLINE_12345: 4, Channel.COMPANY_HOTLINE: 2, Channel.WECHAT_GROUP: 2}


def plan(season) -> None:
    _plan_branch_failure(season)
    _plan_burst(season)


def _plan_branch_failure(season) -> None:
    rng = season.rng
    branches = {}  # (station, estate) → {building id: its households}
    for h in season.households:
        if h.station_id != season.staff.corner_station_id:  # the corner has the burst main already
            key = (h.station_id, h.unit.building.estate_id)
            branches.setdefault(key, {}).setdefault(h.unit.building_id, []).append(h)
    candidates = sorted(key for key, buildings in branches.items() if len(buildings) >= 3)
    if not candidates:
        return
    buildings = branches[candidates[len(candidates) // 2]]
    branch = sorted(buildings)[:3]  # three buildings on one branch of the estate's network
    days_ago = min(14, max(2, (season.now - season.start).days // 2))
    failed = season.local((season.now - timedelta(days=days_ago)).date(), 4.5 + rng.random())
    if failed < season.start:
        return
    homes = [h for b in branch for h in buildings[b]]
    homes = rng.sample(homes, min(10, len(homes)))
    calls = sorted(failed + timedelta(minutes=rng.uniform(20, 75)) for _ in homes)
    first = arrivals.complaint(season, homes[0], Category.NOT_WARM, text=BRANCH_TEXT)
    season.later(calls[0], branch_first_call, first, homes[1:], calls[1:], failed, branch)


def branch_first_call(season, at, first, homes, calls, failed, branch):
    case = arrivals.arrive(season, at, first)
    life = season.lives[case.pk]
    for home, call in zip(homes, calls, strict=True):
        complaint = arrivals.complaint(season, home, Category.NOT_WARM, text=BRANCH_TEXT)
        season.later(call, arrivals.arrive, complaint, life)
    season.later(calls[-1] + timedelta(minutes=20), record_branch_outage, case.pk, failed, branch)
    _steady(life)


def _steady(life) -> None:
    """The first call of a cluster is the incident: worked at once, resolved when heat is back."""
    life.unresolved = True  # resolved by ``restore``, not by its own plan
    life.pace, life.returned, life.pause, life.extend, life.chase = "prompt", False, False, False, False
    life.reopen_by_hand, life.close, life.answer = False, "after_revisit", "satisfied"


def record_branch_outage(season, at, case_id: int, failed, branch):
    case = Case.objects.get(pk=case_id)
    dispatcher = season.staff.dispatchers[case.company_id]
    outage = record_outage(
        by=dispatcher, cause=OutageCause.COMPANY_EQUIPMENT, buildings=Building.objects.filter(pk__in=branch),
        start=failed, expected_restore=failed + timedelta(hours=12), at=at,
        description="小区二级管网分支阀门损坏，关阀抢修，更换阀门",
    )  # fmt: skip
    season.later(failed + timedelta(hours=30), restore, outage.pk, case_id)


def restore(season, at, outage_id: int, case_id: int):
    outage = Outage.objects.get(pk=outage_id)
    if outage.actual_restore is None:
        restore_outage(outage=outage, by=season.staff.dispatchers[outage.company_id], at=at)
    life = season.lives.get(case_id)
    if life is not None:
        from . import lives

        life.unresolved = False
        season.later(at + season.hours(0.3, 1.0), lives.resolve, life)


def _plan_burst(season) -> None:
    """Calls about the outages demo's burst main (restored already), if it is there."""
    outage = (
        Outage.objects.filter(cause=OutageCause.PIPE_BURST, actual_restore__isnull=False)
        .order_by("pk")
        .first()
    )
    if outage is None or outage.start < season.start:
        return
    hit = set(outage.links.values_list("household_id", flat=True))
    homes = [h for h in season.households if h.pk in hit]
    if len(homes) < 4:
        return
    rng = season.rng
    homes = rng.sample(homes, min(6, len(homes)))
    calls = sorted(outage.start + timedelta(minutes=rng.uniform(8, 55)) for _ in homes)
    first = arrivals.complaint(
        season, homes[0], Category.BURST, channel=Channel.HOTLINE_12345, text=BURST_TEXT
    )
    season.later(calls[0], burst_first_call, first, homes[1:], calls[1:], outage.pk)


def burst_first_call(season, at, first, homes, calls, outage_id):
    case = arrivals.arrive(season, at, first)
    life = season.lives[case.pk]
    _steady(life)
    for home, call in zip(homes, calls, strict=True):
        complaint = arrivals.complaint(season, home, Category.BURST, text=BURST_TEXT)
        season.later(call, arrivals.arrive, complaint, life)
    outage = Outage.objects.get(pk=outage_id)
    season.later(outage.actual_restore + season.hours(0.2, 0.6), restore, outage_id, case.pk)
