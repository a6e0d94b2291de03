"""Reads of cases. Everything starts from ``Case.objects.visible_to(user)``; pages, API and exports share
these, so a list, its Excel file and its API answer always hold the same rows."""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case as CaseExpr
from django.db.models import IntegerField, Q, Value, When
from django.utils import timezone

from wennuan.core.bounds import checked_days
from wennuan.core.categories import PRIORITY_ORDER
from wennuan.core.errors import HouseholdMismatch, NotInScope
from wennuan.core.masking import sees_personal_data
from wennuan.core.roles import Role
from wennuan.core.scope import ScopeKind
from wennuan.core.selectors import one_or_none
from wennuan.registry.models import Household, Station
from wennuan.registry.regions import region, region_id
from wennuan.rules import selectors as rules

from . import deadlines
from .enums import DISPATCH_QUEUE_STATES, OPEN_STATES, CaseState, Queue
from .models import Case, SupervisionOrder

LIST_RELATED = ["company", "station", "household", region(ScopeKind.STREET)]


@dataclass
class CaseFilters:
    queue: str = ""
    state: str = ""
    category: str = ""
    priority: str = ""
    channel: str = ""
    company: int | None = None
    station: int | None = None
    overdue: bool | None = None
    q: str = ""
    received_from: date | None = None
    received_to: date | None = None
    # What supervision's figures link to: a region, an estate, open / escalated now, 办结 or 归档 on days.
    district: int | None = None
    street: int | None = None
    community: int | None = None
    grid: int | None = None
    estate: int | None = None
    open: bool | None = None
    escalated: bool | None = None
    resolved_from: date | None = None
    resolved_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None


def day_start(day: date) -> datetime:
    """Local midnight at the start of ``day``, timezone-aware."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """The days ``start`` to ``end`` inclusive as [start's local midnight, the local midnight after end).
    Raises OutOfRange for days outside FIRST_DAY…LAST_DAY or start after end."""
    checked_days(start, end)
    return day_start(start), day_start(end) + timedelta(days=1)


PRIORITY_RANK = CaseExpr(
    *[When(priority=p, then=Value(i)) for i, p in enumerate(PRIORITY_ORDER)],
    default=Value(len(PRIORITY_ORDER)),
    output_field=IntegerField(),
)
CASE_NUMBER = re.compile(r"\d{4}-(\d{1,12})")


def queue_filter(queue: Queue | str, user) -> Q:
    if queue == Queue.DISPATCH:
        return Q(state__in=DISPATCH_QUEUE_STATES)
    if queue == Queue.WORK:
        return Q(state__in=[CaseState.DISPATCHED, CaseState.ACCEPTED, CaseState.IN_PROGRESS])
    if queue == Queue.REVISIT:
        return Q(state=CaseState.RESOLVED)
    if queue == Queue.CLOSE:
        return Q(state=CaseState.REVISITED)
    if queue == Queue.OVERDUE:
        return Q(state__in=OPEN_STATES, overdue_since__isnull=False)
    if queue == Queue.FAKE_CLOSURE:
        return Q(suspected_fake_closure=True)
    if queue == Queue.OUTAGE:
        return Q(suspected_outage=True, state__in=OPEN_STATES)
    if queue == Queue.MINE:
        return Q(created_by=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return Q()


def cases(*, user, filters: CaseFilters | None = None):
    """The user's visible cases narrowed by ``filters``; newest first."""
    f = filters or CaseFilters()
    rows = Case.objects.visible_to(user).select_related(*LIST_RELATED)
    if f.queue:
        rows = rows.filter(queue_filter(f.queue, user))
    for field in ("state", "category", "priority", "channel"):
        if getattr(f, field):
            rows = rows.filter(**{field: getattr(f, field)})
    if f.company:
        rows = rows.filter(company_id=f.company)
    if f.station:
        rows = rows.filter(station_id=f.station)
    if f.overdue is not None:
        rows = rows.filter(is_overdue=f.overdue)
    for name in ("received", "resolved", "closed"):
        first, last = getattr(f, f"{name}_from"), getattr(f, f"{name}_to")
        if first:
            rows = rows.filter(**{f"{name}_at__gte": day_start(first)})
        if last:
            rows = rows.filter(**{f"{name}_at__lt": day_start(last) + timedelta(days=1)})
    for kind in (ScopeKind.DISTRICT, ScopeKind.STREET, ScopeKind.COMMUNITY, ScopeKind.GRID):
        if getattr(f, kind.value):
            rows = rows.filter(**{region_id(kind): getattr(f, kind.value)})
    if f.estate:
        # A case's estate: its building's, else its household's (as supervision files it).
        rows = rows.filter(
            Q(building__estate_id=f.estate)
            | Q(building__isnull=True, household__unit__building__estate_id=f.estate)
        )
    if f.open is not None:
        rows = rows.filter(state__in=OPEN_STATES) if f.open else rows.exclude(state__in=OPEN_STATES)
    if f.escalated is not None:
        rows = rows.filter(escalation_level__gt=0) if f.escalated else rows.filter(escalation_level=0)
    q = f.q.strip()
    if q:
        match = Q(external_id=q) | Q(address__icontains=q) | Q(text__icontains=q)
        if sees_personal_data(user):
            # As the household search: only roles that see phones may find a case by one.
            match |= Q(reporter_phone=q)
        if q.isdigit() and len(q) < 12:
            match |= Q(pk=int(q))
        number = CASE_NUMBER.fullmatch(q)
        if number:  # the public number 2026-000123 names the case by its id
            match |= Q(pk=int(number.group(1)))
        rows = rows.filter(match)
    if f.queue == Queue.DISPATCH:
        # the most urgent first (特急 above 一般 however old), then the nearest deadline
        return rows.order_by(PRIORITY_RANK, "resolve_due", "received_at", "id")
    return rows.order_by("-received_at", "-id")


def case_for(*, user, pk: int) -> Case:
    """One case the user may see, or NotInScope (404) — a case outside the scope does not exist for them."""
    case = one_or_none(
        Case.objects.visible_to(user)
        .select_related(*LIST_RELATED, "repeat_of", "parent", "household__unit__building__estate")
        .filter(pk=pk)
    )
    if case is None:
        raise NotInScope("工单不存在或不在您的管辖范围内")
    return case


def households_to_receive_for(user):
    """The households ``user`` may file a complaint for, with the rows routing and the answer read."""
    return Household.objects.visible_to(user).select_related("unit__building", "station__company")


NO_HOUSEHOLD = "户号不存在或不在您的管辖范围内"


def intake_households(*, user, wanted: list[tuple[int | None, str]]) -> list:
    """The household each intake names by ``(household_id, account)`` (户号), in one query, scoped like
    every read: per item the Household, None when it names neither, or the error to answer —
    NotInScope (404) when the one it names is not in ``user``'s scope (or does not exist: the same to
    them), HouseholdMismatch (422) when it gives both and they do not name the same household."""
    wanted = [(pk, (account or "").strip()) for pk, account in wanted]
    ids = {pk for pk, _ in wanted if pk}
    accounts = {account for _, account in wanted if account}
    found = []
    if ids or accounts:
        found = list(households_to_receive_for(user).filter(Q(pk__in=ids) | Q(account__in=accounts)))
    by_id = {h.pk: h for h in found}
    by_account = {h.account: h for h in found}
    out = []
    for pk, account in wanted:
        one, other = by_id.get(pk) if pk else None, by_account.get(account) if account else None
        if pk and account:
            agree = one is not None and other is not None and one.pk == other.pk
            out.append(
                one
                if agree
                else HouseholdMismatch(f"户号{account}与住户编号{pk}不是同一户（或不在您的管辖范围内）")
            )
        elif pk or account:
            out.append(one or other or NotInScope(NO_HOUSEHOLD))
        else:
            out.append(None)
    return out


def intake_household(*, user, household_id: int | None = None, account: str = ""):
    """``intake_households`` for one intake: the Household or None; raises its error."""
    (found,) = intake_households(user=user, wanted=[(household_id, account)])
    if isinstance(found, Exception):
        raise found
    return found


def household_in_scope(*, user, pk: int) -> bool:
    """Whether ``user`` may see the household ``pk`` (as triage's answers withhold one outside scope)."""
    return Household.objects.visible_to(user).filter(pk=pk).exists()


def case_to_act_on(*, user, pk: int) -> Case:
    """One case the user may see, with only the rows a transition and its answer need (station, company),
    or NotInScope (404). (The service's UPDATE checks the scope again, in the same statement.)"""
    case = one_or_none(Case.objects.visible_to(user).select_related("station", "company").filter(pk=pk))
    if case is None:
        raise NotInScope("工单不存在或不在您的管辖范围内")
    return case


def dispatch_stations(*, user):
    """The stations ``user`` may send a case to: a company dispatcher its own company's, others every one."""
    rows = Station.objects.select_related("company").order_by("company__name", "name")
    if getattr(user, "role", "") == Role.DISPATCHER:
        rows = rows.filter(company_id=user.company_id)
    return rows


def revisits_of(case: Case) -> list:
    """The case's revisits, oldest first; none before it was first resolved (no query then)."""
    if case.resolved_at is None and not case.reopen_count:
        return []
    return list(case.revisits.order_by("at", "id"))


def case_files(case: Case) -> set[str]:
    """Every stored file the case carries: its events' attachments, its 办结 photos, its revisits' photos."""
    files = {a for atts in case.events.values_list("attachments", flat=True) for a in (atts or []) if a}
    files.update(p for p in (case.evidence or {}).get("photos", []) if p)
    files.update(p for p in case.revisits.exclude(photo="").values_list("photo", flat=True))
    return files


def timeline(case: Case):
    return case.events.order_by("at", "id")  # events carry their actor's name (actor_label)


def revisit_window_hours(now=None, *, city=None) -> int:
    """The city's revisit window in force (domain.md: revisit within 24 h of 办结). Without ``city``, the
    one city's (with several cities, domain.md's: what a page says when it names one window)."""
    return deadlines.rules_on(now or timezone.now(), city=city).revisit_window_hours


def _revisit_window_passed(now) -> Q:
    """Resolved before its own city's revisit window: a resolved case has a company, whose city it is."""
    default = timedelta(hours=revisit_window_hours(now))
    cond = Q(company__isnull=True, resolved_at__lt=now - default)
    cities = rules.cities_with_rules()
    for city_id in cities:
        window = timedelta(hours=deadlines.rules_on(now, city=city_id).revisit_window_hours)
        cond |= Q(company__city_id=city_id, resolved_at__lt=now - window)
    return cond | (Q(resolved_at__lt=now - default) & ~Q(company__city_id__in=cities))


def revisits_late(*, user, now=None, hours: int | None = None):
    """Resolved cases still waiting for an answered revisit when the revisit window after 办结 has passed
    (an unreachable resident leaves the case here): the supervisor's 回访超时 list, longest waiting first.
    Each case by its own city's window; ``hours``: one window for all instead.
    Each also counts against 有效回访率, whose numerator only takes revisits done within the window."""
    now = now or timezone.now()
    passed = _revisit_window_passed(now) if hours is None else Q(resolved_at__lt=now - timedelta(hours=hours))
    rows = Case.objects.visible_to(user).select_related(*LIST_RELATED)
    return rows.filter(passed, state=CaseState.RESOLVED).order_by("resolved_at", "id")


def supervision_orders(*, user, open_only: bool = True):
    rows = SupervisionOrder.objects.visible_to(user).select_related("case", "issued_by")
    if open_only:
        rows = rows.filter(done_at__isnull=True)
    return rows.order_by("due_at", "id")


# The queues each role works from, its inbox first; the list page offers only these (plus 全部).
ROLE_QUEUES = {
    Role.DISPATCHER: [Queue.DISPATCH, Queue.WORK, Queue.OVERDUE, Queue.OUTAGE],
    Role.STATION_CREW: [Queue.WORK, Queue.OVERDUE],
    Role.GRID_WORKER: [Queue.REVISIT, Queue.MINE],
    Role.COMMUNITY_STAFF: [Queue.REVISIT, Queue.MINE],
    Role.SUPERVISOR: [Queue.OVERDUE, Queue.FAKE_CLOSURE, Queue.DISPATCH, Queue.CLOSE, Queue.OUTAGE],
    Role.DISTRICT_STAFF: [Queue.OVERDUE, Queue.FAKE_CLOSURE, Queue.CLOSE, Queue.MINE],
    Role.STREET_STAFF: [Queue.OVERDUE, Queue.FAKE_CLOSURE, Queue.REVISIT, Queue.CLOSE, Queue.MINE],
    Role.HOTLINE_AGENT: [Queue.MINE, Queue.DISPATCH, Queue.REVISIT, Queue.CLOSE],
}


def queues_for(user) -> list[Queue]:
    """The named lists ``user``'s role works from (a superuser: all of them)."""
    if getattr(user, "is_superuser", False):
        return list(Queue)
    return ROLE_QUEUES.get(getattr(user, "role", ""), [Queue.OVERDUE])


def suggested_station(case: Case, *, user):
    """The station a router's list starts at: the case's own; for an unrouted case the station heating most
    of the reporter's grid (among those ``user`` may send to); None when there is no grid to go by."""
    if case.station_id:
        return case.station
    if not case.grid_id:
        return None
    allowed = dispatch_stations(user=user)
    counts = Counter(
        Household.objects.filter(grid_id=case.grid_id, station__in=allowed).values_list(
            "station_id", flat=True
        )
    )
    if not counts:
        return None
    station_id = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return allowed.filter(pk=station_id).first()


def default_queue(user) -> Queue | str:
    """The inbox a role starts from."""
    return {
        Role.DISPATCHER: Queue.DISPATCH,
        Role.STATION_CREW: Queue.WORK,
        Role.GRID_WORKER: Queue.REVISIT,
        Role.COMMUNITY_STAFF: Queue.REVISIT,
        Role.SUPERVISOR: Queue.OVERDUE,
        Role.DISTRICT_STAFF: Queue.OVERDUE,
        Role.STREET_STAFF: Queue.OVERDUE,
        Role.HOTLINE_AGENT: Queue.MINE,
    }.get(getattr(user, "role", ""), "")
