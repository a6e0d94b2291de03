"""Who watches over the cases during the season: the periodic sweep, every four hours here (overdue marks,
the escalation ladder, overdue 督办, the weekly spot-check draw; the visits sweep that follows resolved
problems), the supervisor's morning round of 督办, the unit's answers to them, and the spot checker."""

from datetime import timedelta

from django.utils import timezone

from wennuan.cases.enums import OPEN_STATES, Escalation
from wennuan.cases.models import Case, SpotCheck, SupervisionOrder
from wennuan.cases.services import complete_supervision, issue_supervision, record_spot_check
from wennuan.cases.sweep import run_sweep
from wennuan.visits.intake import solve_problems_of_resolved_cases

from . import lives
from .texts import SPOT_CHECK_FINDINGS, SUPERVISION, SUPERVISION_DONE

# The scheduler sweeps every minute; replaying that for four weeks buys nothing: a breach dates from its
# deadline whenever the sweep sees it, only the escalation lines come up to four hours after the fact.
# (Every two hours was a sixth of the demo's time, 336 sweeps.)
SWEEP_EVERY = timedelta(hours=4)
MAX_ORDERS_A_DAY = 3


def plan(season) -> None:
    at = season.start.replace(minute=0, second=0, microsecond=0) + SWEEP_EVERY
    while at <= season.now:
        season.later(at, sweep)
        at += SWEEP_EVERY
    day = timezone.localtime(season.start).date()
    while (morning := season.local(day, 9.5)) <= season.now:
        if morning >= season.start:
            season.later(morning, morning_round)
        day += timedelta(days=1)


def sweep(season, at):
    run_sweep(now=at)
    solve_problems_of_resolved_cases(at=at)
    # The checker works through each week's drawn cases, one a day from the next day on.
    drawn = SpotCheck.objects.filter(checked_at__isnull=True).exclude(pk__in=season.checks).order_by("pk")
    for i, check in enumerate(drawn):
        season.checks.add(check.pk)
        season.later(at + timedelta(hours=20 + 24 * i + season.rng.uniform(0, 4)), spot_check, check.pk)


def spot_check(season, at, check_id: int):
    check = SpotCheck.objects.select_related("case").get(pk=check_id)
    season.checked += 1
    passed = season.checked % 5 != 3  # one in five fails: the checker finds what the revisit missed
    finding = "" if passed else season.rng.choice(SPOT_CHECK_FINDINGS)
    record_spot_check(check=check, by=season.staff.checker, passed=passed, finding=finding, at=at)


def morning_round(season, at):
    """The supervisor orders 督办 on a few cases that climbed the ladder (oldest breach first)."""
    ordered = SupervisionOrder.objects.filter(done_at__isnull=True).values("case_id")
    candidates = (
        Case.objects.filter(state__in=OPEN_STATES, escalation_level__gte=Escalation.STREET_WHISTLE)
        .exclude(pk__in=ordered)
        .order_by("overdue_since", "pk")[: MAX_ORDERS_A_DAY * 2]
    )
    issued = 0
    for case in candidates:
        if issued == MAX_ORDERS_A_DAY or season.rng.random() < 0.3:
            continue
        issued += 1
        order = issue_supervision(
            case=case, by=season.staff.supervisor, instruction=season.rng.choice(SUPERVISION),
            due_at=at + timedelta(hours=24), at=at,
        )  # fmt: skip
        r = season.rng.random()
        life = season.lives.get(case.pk)
        if r < 0.85:  # done in time, or late; either way the case moves
            done = season.hours(3, 20) if r < 0.6 else season.hours(27, 40)
            season.later(at + done, supervision_done, order.pk)
            if life is not None:
                season.later(at + done - season.hours(0.5, 2.5), lives.wake, life)
        # else: never reported done; the sweep marks it 督办超期


def supervision_done(season, at, order_id: int):
    order = SupervisionOrder.objects.select_related("case").get(pk=order_id)
    if order.done_at is not None:
        return
    crew = season.staff.crew_for(order.case.station_id)
    complete_supervision(order=order, by=crew, note=season.rng.choice(SUPERVISION_DONE), at=at)
