"""Intake (受理): every complaint becomes exactly one case, whichever channel it came by."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.categories import DEFAULT_PRIORITY, Category, raised
from wennuan.core.errors import DomainError
from wennuan.core.selectors import one_or_none
from wennuan.registry.models import Household, Station

from .. import deadlines, honesty, lifecycle, routing
from ..enums import CaseState, Channel, FakeClosureReason
from ..models import Case
from ._base import add_event, set_flag
from .revisit import flag_fake_closure


class IntakeRejected(DomainError):
    code = "intake_rejected"
    http_status = 422


def receive_case(
    *,
    channel: str,
    text: str,
    address: str = "",
    external_id: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    household=None,
    category=None,
    by=None,
    received_at=None,
) -> tuple[Case, bool]:
    """Register a complaint; returns (case, created).

    Idempotent on (channel, external_id): a retry, or two agents submitting the same 12345 ticket at
    once, gets the one stored case back with created=False (a unique constraint decides the race).
    Routing comes from ``household``, else the triage engine; unresolved cases wait in the manual
    dispatch queue. Repeats are linked (never merged away)."""
    external_id = (external_id or "").strip()
    if external_id:
        existing = one_or_none(Case.objects.filter(channel=channel, external_id=external_id))
        if existing is not None:
            return existing, False
    _validate(channel=channel, text=text, external_id=external_id, category=category, by=by)
    received_at = received_at or timezone.now()
    route = (
        routing.route_household(household)
        if household is not None
        else routing.route_text(text=text, address=address)
    )
    category = category or route.category or Category.OTHER
    priority = DEFAULT_PRIORITY[Category(category)]
    if route.household is not None and route.household.is_priority:
        priority = raised(priority)
    rules = deadlines.rules_on(received_at)
    repeat_of = honesty.find_repeat_of(
        category=category,
        household_id=route.household.pk if route.household else None,
        phone=(reporter_phone or "").strip(),
        received_at=received_at,
        window_days=rules.repeat_window_days,
    )
    case = Case(
        channel=channel,
        external_id=external_id,
        reporter_name=(reporter_name or "").strip(),
        reporter_phone=(reporter_phone or "").strip(),
        address=(address or "").strip(),
        text=text.strip(),
        category=category,
        priority=priority,
        household=route.household,
        building=route.building,
        grid_id=route.grid_id,
        station_id=route.station_id,
        company_id=route.company_id,
        triage_status=route.triage_status,
        state=CaseState.RECEIVED,
        received_at=received_at,
        resolve_due=deadlines.resolve_due(category=category, priority=priority, start=received_at),
        repeat_of=repeat_of,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _reuse_loaded_rows(case, route)
    outage = routing.detect_mass(
        case, min_cases=rules.outage_min_cases, window=timedelta(minutes=rules.outage_window_minutes)
    )
    case.suspected_outage = outage.suspected
    try:
        with transaction.atomic():
            case.save()
            add_event(
                case,
                by=by,
                action="receive",
                at=received_at,
                to_state=CaseState.RECEIVED,
                note="" if case.station_id else "未能确权，进入人工派单队列",
                data={
                    "channel": channel,
                    "routed": bool(case.station_id),
                    "triage_status": route.triage_status,
                    "repeat_of": repeat_of.pk if repeat_of else None,
                },
            )
            if outage.suspected:
                add_event(
                    case,
                    by=None,
                    action="suspect_outage",
                    at=received_at,
                    note=outage.note,
                    data={"cluster": [*outage.earlier, case.pk]},
                )
            audit.record(
                actor=by,
                action="case.receive",
                obj=case,
                summary=f"受理工单{case.pk} {case.get_category_display()}",
            )
    except IntegrityError:
        if not external_id:
            raise
        existing = one_or_none(Case.objects.filter(channel=channel, external_id=external_id))
        if existing is None:
            raise
        return existing, False
    _after_intake(case, repeat_of=repeat_of, rules=rules, outage=outage)
    return case, True


def _reuse_loaded_rows(case: Case, route) -> None:
    """Hand the case the station and company rows routing already loaded, so naming them in the answer
    costs no query."""
    if route.household is None or not Household.station.is_cached(route.household):
        return
    station = route.household.station
    case.station = station
    if Station.company.is_cached(station):
        case.company = station.company


def _validate(*, channel, text, external_id, category, by) -> None:
    if channel not in Channel.values:
        raise IntakeRejected("来源渠道无效")
    if not (text or "").strip():
        raise IntakeRejected("诉求内容不能为空")
    if channel == Channel.HOTLINE_12345 and not external_id:
        raise IntakeRejected("12345热线诉求必须填写12345工单号")
    if category and category not in Category.values:
        raise IntakeRejected("诉求类别无效")
    if by is not None and not getattr(by, "is_superuser", False) and by.role not in lifecycle.INTAKE_ROLES:
        raise IntakeRejected("当前角色不能受理诉求")


def _after_intake(case: Case, *, repeat_of, rules, outage) -> None:
    """Consequences for other rows, each in its own transaction so intake never fails because of them."""
    if repeat_of is not None and honesty.closed_recently(
        repeat_of, at=case.received_at, window_days=rules.fake_closure_window_days
    ):
        flag_fake_closure(
            case_id=repeat_of.pk,
            by=None,
            reason=FakeClosureReason.REPEAT_SOON,
            note=f"归档后{rules.fake_closure_window_days}天内重复投诉（工单{case.pk}）",
        )
    cluster = [*outage.earlier, case.pk]
    for case_id in outage.to_flag:
        set_flag(
            case_id,
            by=None,
            action="suspect_outage",
            compute=lambda c: {} if c.suspected_outage else {"suspected_outage": True},
            note=outage.note,
            data={"cluster": cluster},
        )
