"""Batch intake: a 12345 platform pushes many tickets in one request.

The result is what receiving the tickets one by one, in order, leaves behind (``receive_case``): the same
cases, repeat links, outage flags, timeline lines and audit entries, in a fixed number of queries (about
eight for the whole batch instead of about ten per ticket). A ticket already stored, or sent twice in the
batch, gets its one case back (created=False); a ticket that fails validation is refused on its own with
the reason, and the others are still received.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from wennuan.core import audit

from .. import deadlines, honesty, routing
from ..enums import CaseState
from ..models import Case, CaseEvent
from ._base import new_event
from .intake import (
    IntakeRejected,
    after_intake,
    build_case,
    category_and_priority,
    outage_event,
    receive_audit,
    receive_case,
    receive_event,
    route_for,
    validate,
)

MAX_BATCH = 200


@dataclass
class Received:
    case: Case | None = None
    created: bool = False
    error: str = ""


@dataclass
class _Fresh:
    """A ticket of the batch that becomes a new case."""

    index: int
    case: Case
    route: routing.Route
    rules: object
    repeat_of: Case | None = None  # an earlier stored case …
    repeat_of_batch: "_Fresh | None" = None  # … or an earlier ticket of this batch
    outage: routing.Outage = field(default_factory=routing.Outage)
    flagged_by: "tuple[_Fresh, routing.Outage] | None" = None  # the case whose cluster flags this one


def receive_cases(items: list[dict], *, by) -> list[Received]:
    """Receive ``items`` (dicts of ``receive_case``'s keyword arguments; ``household`` an already scoped
    Household or None) as if one by one; one result per item, in order."""
    if len(items) > MAX_BATCH:
        raise IntakeRejected(f"一次最多提交{MAX_BATCH}件诉求")
    results = [Received() for _ in items]
    todo = []
    for i, item in enumerate(items):
        item = {**item, "external_id": (item.get("external_id") or "").strip()}
        try:
            validate(
                channel=item.get("channel", ""),
                text=item.get("text", ""),
                external_id=item["external_id"],
                category=item.get("category"),
                by=by,
                received_at=item.get("received_at"),
            )
        except IntakeRejected as exc:
            results[i].error = str(exc)
            continue
        todo.append((i, item))
    try:
        with transaction.atomic():
            fresh = _store(todo, results, by=by)
    except IntegrityError:
        # Another request stored one of these tickets meanwhile: take them one at a time, the way
        # receive_case settles that race.
        for i, item in todo:
            results[i] = Received(*receive_case(by=by, **item))
        return results
    for f in fresh:
        after_intake(f.case, repeat_of=f.repeat_of, rules=f.rules, outage=f.outage)
    return results


def _store(todo: list, results: list[Received], *, by) -> list[_Fresh]:
    stored = _stored_tickets({item["external_id"] for _, item in todo} - {""})
    now = timezone.now()
    fresh: list[_Fresh] = []
    first_of: dict[tuple, _Fresh] = {}
    again: list[tuple[int, _Fresh]] = []
    for i, item in todo:
        key = (item["channel"], item["external_id"])
        if item["external_id"] and key in stored:
            results[i] = Received(stored[key], False)
            continue
        if item["external_id"] and key in first_of:
            again.append((i, first_of[key]))
            continue
        received_at = item.get("received_at") or now
        route = route_for(
            household=item.get("household"), text=item["text"], address=item.get("address", ""),
            category=item.get("category"),
        )  # fmt: skip
        category, priority = category_and_priority(item.get("category"), route)
        case = build_case(
            route=route, category=category, priority=priority, received_at=received_at, by=by,
            channel=item["channel"], external_id=item["external_id"], reporter_name=item.get("reporter_name", ""),
            reporter_phone=item.get("reporter_phone", ""), address=item.get("address", ""), text=item["text"],
        )  # fmt: skip
        f = _Fresh(i, case, route, deadlines.rules_on(received_at, city=deadlines.city_of(route)))
        fresh.append(f)
        if item["external_id"]:
            first_of[key] = f
    if not fresh:
        for i, f in again:
            results[i] = Received(f.case, False)
        return []
    _link_repeats(fresh)
    _detect_outages(fresh)
    for f in fresh:
        f.case.repeat_of = f.repeat_of
        f.case.suspected_outage = f.flagged_by is not None
    Case.objects.bulk_create([f.case for f in fresh])
    relinked = []
    for f in fresh:
        if f.repeat_of_batch is not None:
            f.case.repeat_of = f.repeat_of_batch.case
            relinked.append(f.case)
    if relinked:
        Case.objects.bulk_update(relinked, ["repeat_of"])
    events = []
    for f in fresh:
        events.append(new_event(f.case, **receive_event(f.case, by=by, route=f.route)))
        if f.flagged_by is not None:
            owner, outage = f.flagged_by
            cluster = [*outage.earlier, *(fresh[j].case.pk for j in outage.batch), owner.case.pk]
            events.append(new_event(f.case, **outage_event(f.case, outage, cluster=sorted(cluster))))
    CaseEvent.objects.bulk_create(events)
    audit.record_many([audit.entry(**receive_audit(f.case, by=by)) for f in fresh])
    for f in fresh:
        results[f.index] = Received(f.case, True)
    for i, f in again:
        results[i] = Received(f.case, False)
    return fresh


def _stored_tickets(tickets: set[str]) -> dict[tuple, Case]:
    if not tickets:
        return {}
    return {(c.channel, c.external_id): c for c in Case.objects.filter(external_id__in=tickets).order_by()}


def _link_repeats(fresh: list[_Fresh]) -> None:
    """honesty.find_repeat_of for every new case in one query: the latest earlier case of the same category
    from the same household or phone, still open or closed within the window; earlier tickets of this
    batch count too (they would have been stored first)."""
    households = {f.case.household_id for f in fresh} - {None}
    phones = {f.case.reporter_phone for f in fresh} - {""}
    who = Q(household_id__in=households) | Q(reporter_phone__in=phones)
    since = min(f.case.received_at - timedelta(days=f.rules.repeat_window_days) for f in fresh)
    rows = list(
        Case.objects.filter(
            who,
            ~Q(state=CaseState.CLOSED) | Q(closed_at__gte=since),
            category__in={f.case.category for f in fresh},
            received_at__lte=max(f.case.received_at for f in fresh),
        )
        .only(*honesty.REPEAT_FIELDS, "household_id", "reporter_phone", "category")
        .order_by()
    )
    for n, f in enumerate(fresh):
        case = f.case
        window_start = case.received_at - timedelta(days=f.rules.repeat_window_days)

        def same(other, case=case) -> bool:
            return (
                other.category == case.category
                and other.received_at <= case.received_at
                and bool(
                    (case.household_id and other.household_id == case.household_id)
                    or (case.reporter_phone and other.reporter_phone == case.reporter_phone)
                )
            )

        # Newest first as find_repeat_of orders (-received_at, -id); this batch's cases get the highest ids.
        best, best_key = None, None
        for row in rows:
            recent = row.state != CaseState.CLOSED or (row.closed_at and row.closed_at >= window_start)
            if recent and same(row) and (best_key is None or (row.received_at, 0, row.pk) > best_key):
                best, best_key = row, (row.received_at, 0, row.pk)
        for m, earlier in enumerate(fresh[:n]):
            if same(earlier.case) and (best_key is None or (earlier.case.received_at, 1, m) > best_key):
                best, best_key = earlier, (earlier.case.received_at, 1, m)
        if isinstance(best, _Fresh):
            f.repeat_of_batch = best
        else:
            f.repeat_of = best


def _detect_outages(fresh: list[_Fresh]) -> None:
    limits = routing.outage_limits([f.case for f in fresh], [f.rules for f in fresh])
    for f, outage in zip(
        fresh, routing.detect_mass_batch([f.case for f in fresh], limits=limits), strict=True
    ):
        f.outage = outage
        if not outage.suspected:
            continue
        for member in [f, *(fresh[j] for j in outage.batch)]:
            member.flagged_by = member.flagged_by or (f, outage)
