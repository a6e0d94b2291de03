"""A case's life after intake, step by step through the cases services: dispatch, accept (or return),
start, contact, on site (a measurement for 测温退费), resolve, revisit, close — with the slips a season has:
units that answer late or not at all, pauses, extensions, residents unreachable or unhappy (重办), cases
closed without the resident's answer, repeat calls, reopenings by hand.

What happens is drawn when the case arrives (its ``Life``); when it happens is drawn as a fraction of the
case's own limits, so a late step is late by its city's rules, not by a number written here."""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from wennuan.billing.services.measurements import MeasurementInput, RoomReading, record_measurement
from wennuan.cases.enums import OPEN_STATES, CaseState, RootCause, Satisfaction
from wennuan.cases.models import Case
from wennuan.cases.services import (
    accept_case,
    attach_to_incident,
    close_case,
    dispatch_case,
    extend_case,
    pause_case,
    record_contact,
    record_onsite,
    record_revisit,
    reopen_case,
    resolve_case,
    resolve_incident,
    resume_case,
    return_case,
    start_case,
    stored_photo,
)
from wennuan.core.categories import Category, Priority

from .photos import reading_photo
from .texts import EXTEND_REASONS, PAUSE_REASONS, REOPEN_BY_HAND, RESIDENT_CAUSE, RESOLUTIONS, RETURN_REASONS

SLOW_CATEGORIES = {Category.BILLING, Category.RETROFIT, Category.SUBSIDY, Category.SUSPEND_RESUME}


@dataclass
class Life:
    case_id: int
    household: object
    category: str
    priority: str
    # How this unit handles this case: "prompt", "late" (every step past its limit) or "ignored" (never
    # accepted until a 督办 wakes it).
    pace: str = "prompt"
    returned: bool = False  # sent back once (退回) before being accepted
    requeue: bool = True  # … and dispatched again (False: still waiting in the queue today)
    dispatch_after: float | None = None  # hours from intake to 派单 (None: drawn)
    hold: frozenset = frozenset()  # steps not taken by now: "dispatch", "accept", "start", "onsite"
    pause: bool = False
    extend: bool = False
    unresolved: bool = False  # worked on but still not resolved today
    revisit: str = "soon"  # soon | late | never
    answer: str = Satisfaction.SATISFIED  # or "below" (a basic answer with a reading under the standard)
    close: str = "after_revisit"  # after_revisit | supervisor (归档 without a revisit) | never
    reopen_by_hand: bool = False
    repeat_after: bool = False  # the resident calls again soon after 办结
    chase: bool = False  # the resident calls again while the case is open (催办)
    resident_cause: bool = False
    parent: "Life | None" = None  # merged into this case's incident (并案)
    children: list = field(default_factory=list)
    blocked: object = None  # the step an ignored case waits on
    tries: int = 0
    redone: int = 0
    dispatched_at: object = None
    measured: object = None  # the lowest room of a 测温 measurement


def begin(season, at, case: Case, *, parent_life=None, fate: dict | None = None) -> Life:
    """Draw what will happen to the case (``fate``: what the plan fixed beforehand) and schedule its
    dispatch, or its merger into ``parent_life``'s incident."""
    rng = season.rng
    life = Life(case_id=case.pk, household=case.household, category=case.category, priority=case.priority)
    season.lives[case.pk] = life
    r = rng.random()
    life.pace = "ignored" if r < 0.02 else "late" if r < 0.09 else "prompt"
    life.returned = rng.random() < 0.06
    life.pause = rng.random() < 0.06
    life.extend = case.category in SLOW_CATEGORIES and rng.random() < 0.4
    life.unresolved = rng.random() < 0.04
    r = rng.random()
    life.revisit = "never" if r < 0.04 else "late" if r < 0.11 else "soon"
    r = rng.random()
    life.answer = (
        Satisfaction.UNSATISFIED if r < 0.025 else Satisfaction.UNREACHABLE if r < 0.085
        else "below" if r < 0.1 and case.is_heating else Satisfaction.BASICALLY if r < 0.28
        else Satisfaction.SATISFIED
    )  # fmt: skip
    r = rng.random()
    life.close = "supervisor" if r < 0.02 else "never" if r < 0.06 else "after_revisit"
    life.reopen_by_hand = rng.random() < 0.01
    life.repeat_after = rng.random() < 0.03
    life.chase = rng.random() < 0.05
    life.resident_cause = case.is_heating and rng.random() < 0.12
    for name, value in (fate or {}).items():
        setattr(life, name, value)
    if parent_life is not None:
        # Part of a cluster: the agent merges it into the first case; it is resolved with that one.
        life.parent = parent_life
        season.later(at + season.hours(0.1, 0.4), attach, life)
        return life
    delay = _dispatch_delay(season, case)
    if life.dispatch_after is not None:
        delay = timedelta(hours=life.dispatch_after)
    season.later(at + delay, dispatch, life)
    if life.chase:
        season.later(at + season.hours(3, 20), chase, life)
    return life


def _dispatch_delay(season, case) -> timedelta:
    if case.priority == Priority.EMERGENCY:
        return season.hours(0.05, 0.3)
    if season.rng.random() < 0.03:
        return season.hours(8, 30)  # left in the queue over a busy night
    return season.hours(0.1, 1.5)


def fresh(life: Life) -> Case:
    return Case.objects.get(pk=life.case_id)


def crew(season, case: Case):
    return season.staff.crew_for(case.station_id)


def _after(season, case: Case, due_field: str, since, low=0.1, high=0.85, *, late=False):
    """A moment ``low``–``high`` of the way from ``since`` to the case's ``due_field`` (past it when late)."""
    due = getattr(case, due_field)
    if due is None or due <= since:
        return since + season.hours(0.2, 3)
    span = due - since
    if late:  # past the limit by a few hours to a couple of days
        return due + min(span * season.rng.uniform(0.1, 0.8), timedelta(hours=60)) + season.hours(0.5, 4)
    return since + span * season.rng.uniform(low, high)


def dispatch(season, at, life: Life):
    if "dispatch" in life.hold:
        return
    case = fresh(life)
    by = season.staff.agent
    if case.channel == "company_hotline":
        by = season.staff.dispatchers.get(case.company_id, by)
    dispatch_case(case=case, by=by, at=at)
    life.dispatched_at = at
    if life.returned:
        season.later(at + season.hours(0.2, 1.0), send_back, life)
    elif life.pace == "ignored":
        life.blocked = accept
    else:
        season.later(_after(season, case, "accept_due", at, late=life.pace == "late"), accept, life)


def send_back(season, at, life: Life):
    case = fresh(life)
    return_case(case=case, by=crew(season, case), reason=season.rng.choice(RETURN_REASONS), at=at)
    life.returned = False
    if life.requeue:
        season.later(at + season.hours(0.5, 3), dispatch, life)


def accept(season, at, life: Life):
    if "accept" in life.hold:
        return
    case = fresh(life)
    accept_case(case=case, by=crew(season, case), at=at)
    if season.rng.random() < 0.5:  # 开始办理 at once; else when the crew gets there
        season.later(at + season.hours(0.02, 0.3), start, life)
    when = _after(season, case, "contact_due", life.dispatched_at, 0.2, 0.9, late=life.pace == "late")
    season.later(max(when, at + timedelta(minutes=5)), contact, life)


def start(season, at, life: Life):
    if "start" in life.hold:
        return
    case = fresh(life)
    if case.state == CaseState.ACCEPTED:
        start_case(case=case, by=crew(season, case), at=at)


def contact(season, at, life: Life):
    case = fresh(life)
    record_contact(case=case, by=crew(season, case), at=at)
    if life.pause:
        life.pause = False
        season.later(at + season.hours(0.1, 0.5), pause, life)
        return
    _to_site(season, at, case, life)


def _to_site(season, at, case, life):
    since = life.dispatched_at or at
    when = _after(season, case, "onsite_due", since, 0.2, 0.8, late=life.pace == "late")
    season.later(max(when, at + season.hours(0.2, 1)), onsite, life)


def pause(season, at, life: Life):
    case = fresh(life)
    pause_case(case=case, by=crew(season, case), reason=season.rng.choice(PAUSE_REASONS), at=at)
    season.later(at + season.hours(10, 20), resume, life)


def resume(season, at, life: Life):
    case = fresh(life)
    resume_case(case=case, by=crew(season, case), note="住户已在家", at=at)
    season.later(at + season.hours(0.5, 2), onsite, life)


def onsite(season, at, life: Life):
    if "onsite" in life.hold:
        return
    case = fresh(life)
    if case.state == CaseState.ACCEPTED:
        start_case(case=case, by=crew(season, case), at=at - timedelta(minutes=1))
        case = fresh(life)
    if case.category == Category.REFUND and case.household_id:
        measure(season, at, case, life)  # the measurement is the visit (it marks 已到场)
    else:
        record_onsite(case=case, by=crew(season, case), at=at)
    if life.extend:
        season.later(at + season.hours(2, 30), extend, life)
        return
    _to_resolve(season, at, case, life)


def _to_resolve(season, at, case, life):
    if life.unresolved:
        return  # worked on, not done: it stays in progress (and overdue once its limit passes)
    since = life.dispatched_at or at
    when = _after(season, case, "resolve_due", since, 0.15, 0.7, late=life.pace == "late")
    season.later(max(when, at + season.hours(0.3, 2)), resolve, life)


def extend(season, at, life: Life):
    case = fresh(life)
    extend_case(case=case, by=season.staff.agent, reason=season.rng.choice(EXTEND_REASONS), at=at)
    season.later(at + timedelta(days=season.rng.uniform(3, 8)), resolve, life)


def measure(season, at, case: Case, life: Life):
    """测温: the crew measures two rooms by the city's method; most requests come from cold homes."""
    from wennuan.billing import city_rules

    rng = season.rng
    h = case.household
    method = city_rules.method_on(city_id=h.station.company.city_id, on=at)
    cold = rng.random() < 0.6
    rooms = []
    for name in ("卧室", "客厅"):
        base = Decimal(str(round(rng.uniform(15.0, 17.6) if cold else rng.uniform(18.2, 21.0), 1)))
        first = at + timedelta(minutes=2)
        step = timedelta(seconds=method.reading_interval_seconds + 5)
        readings = [(first + step * i, base + Decimal("0.1") * (i % 2)) for i in range(method.readings)]
        rooms.append(
            RoomReading(
                name=name,
                height_m=method.height_m,
                stable_change=Decimal("0.1"),
                readings=readings,
                doors_closed_since=first - timedelta(minutes=method.doors_closed_minutes + 10),
            )  # fmt: skip
        )
        at = readings[-1][0] + timedelta(minutes=3)
    lowest = min(min(c for _, c in r.readings) for r in rooms)
    estate = h.unit.building.estate
    data = MeasurementInput(
        measured_at=rooms[0].readings[0][0] - timedelta(minutes=1),
        rooms=rooms,
        instrument_serial=f"TES-1312-{rng.randint(100, 999)}",
        certificate_no=f"JD{case.received_at:%Y}-{rng.randint(1000, 9999)}",
        outdoor_celsius=Decimal(str(round(rng.uniform(-14, -2), 1))),
        latitude=(estate.latitude or 36.06) + rng.uniform(-0.001, 0.001),
        longitude=(estate.longitude or 103.83) + rng.uniform(-0.001, 0.001),
        photo=reading_photo(lowest),
        company_signed=True,
        resident_signed=True,
    )
    life.measured = lowest
    record_measurement(by=crew(season, case), household=h, data=data, case=case, at=at)


def resolve(season, at, life: Life):
    case = fresh(life)
    if case.state not in (CaseState.ACCEPTED, CaseState.IN_PROGRESS):
        return
    resolution, cause = RESOLUTIONS[Category(case.category)]
    if life.resident_cause and not life.redone:
        resolution, cause = RESIDENT_CAUSE, RootCause.RESIDENT
    if life.redone:
        resolution = "重新上门处理：" + resolution
    evidence = {}
    if case.is_heating or case.category == Category.REFUND:
        measured = life.measured
        evidence["temperature"] = float(measured) if measured else round(season.rng.uniform(18.3, 21.8), 1)
    args = dict(by=crew(season, case), resolution=resolution, root_cause=cause, evidence=evidence, at=at)
    if life.children:
        resolve_incident(parent=case, **args)
        for child in life.children:
            after_resolve(season, at, child)
    else:
        resolve_case(case=case, **args)
    after_resolve(season, at, life)


def after_resolve(season, at, life: Life):
    """What follows 办结: the revisit, a hand reopening, a 被办结 closure, a repeat call, the visit problem's
    follow-up (visits sweep, run by oversight)."""
    rng = season.rng
    if life.reopen_by_hand and not life.redone:
        season.later(at + season.hours(2, 10), reopen_by_hand, life)
        return
    if life.close == "supervisor" and not life.redone:
        season.later(at + season.hours(1, 8), close_unheard, life)
    elif life.revisit == "soon" or life.redone:
        season.later(at + season.hours(1, 18), revisit, life)
    elif life.revisit == "late":
        season.later(at + season.hours(26, 60), revisit, life)
    if life.repeat_after and not life.redone and life.household is not None:
        from . import arrivals

        life.repeat_after = False
        again = arrivals.complaint(season, life.household, life.category)
        season.later(at + timedelta(days=rng.uniform(0.5, 6)), arrivals.arrive, again)


def reopen_by_hand(season, at, life: Life):
    case = fresh(life)
    reopen_case(case=case, by=season.staff.agent, reason=REOPEN_BY_HAND, at=at)
    life.redone += 1
    season.later(at + season.hours(4, 30), resolve, life)


def close_unheard(season, at, life: Life):
    """The supervisor archives a resolved case nobody called back (归档 without the resident's answer)."""
    case = fresh(life)
    close_case(case=case, by=season.staff.supervisor, note="企业申请归档", at=at)


def revisit(season, at, life: Life):
    case = fresh(life)
    if case.state != CaseState.RESOLVED:
        return
    rng = season.rng
    by = season.staff.agent
    if case.channel in ("wechat_group", "grid_visit") and case.grid_id in season.staff.grid_workers:
        by = season.staff.grid_workers[case.grid_id]
    answer = life.answer if not life.redone else Satisfaction.SATISFIED
    if answer == Satisfaction.UNREACHABLE and life.tries >= 1:
        answer = Satisfaction.BASICALLY if rng.random() < 0.6 else Satisfaction.SATISFIED
    life.tries += 1
    temperature = None
    if case.is_heating and answer != Satisfaction.UNREACHABLE:
        temperature = round(rng.uniform(15.8, 17.6) if answer == "below" else rng.uniform(18.2, 22.4), 1)
    satisfaction = Satisfaction.BASICALLY if answer == "below" else answer
    if temperature is None:
        record_revisit(case=case, by=by, satisfaction=satisfaction, at=at)
    else:
        with stored_photo(case=case, by=by, action="revisit", upload=reading_photo(temperature)) as photo:
            record_revisit(
                case=case, by=by, satisfaction=satisfaction, temperature=temperature, photo=photo, at=at
            )
    case.refresh_from_db(fields=["state", "version"])
    if case.state == CaseState.IN_PROGRESS:  # reopened (重办) by the answer
        life.redone += 1
        season.later(at + season.hours(3, 30), resolve, life)
    elif case.state == CaseState.RESOLVED:  # unreachable: call again
        season.later(at + season.hours(4, 12), revisit, life)
    elif case.state == CaseState.REVISITED and life.close != "never":
        season.later(at + season.hours(0.5, 10), close, life)


def close(season, at, life: Life):
    case = fresh(life)
    close_case(case=case, by=season.staff.agent, at=at)


def chase(season, at, life: Life):
    """The resident calls again while the case is open (催办): a new case linked as a repeat and merged."""
    from . import arrivals

    case = fresh(life)
    if case.state not in OPEN_STATES or life.parent is not None:
        return
    text = "之前反映的问题到现在还没解决，请抓紧处理"
    again = arrivals.complaint(season, life.household, life.category, text=text)
    arrivals.arrive(season, at, again, parent_life=life)


def attach(season, at, life: Life):
    case, parent = fresh(life), fresh(life.parent)
    if parent.state not in OPEN_STATES:
        # The incident was resolved meanwhile: this one is handled on its own.
        life.parent = None
        season.later(at + season.hours(0.1, 1), dispatch, life)
        return
    attach_to_incident(case=case, parent=parent, by=season.staff.agent, note="同一问题，并案办理", at=at)
    life.parent.children.append(life)


def wake(season, at, life: Life):
    """A 督办 moves a stuck case: the unit takes its blocked step now, or finally resolves it."""
    if life.unresolved and life.parent is None and not life.children:
        life.unresolved = False
        season.later(at + season.hours(0.5, 3), resolve, life)
    if life.blocked is not None:
        step, life.blocked = life.blocked, None
        life.pace = "late"
        season.later(at + season.hours(0.5, 3), step, life)
