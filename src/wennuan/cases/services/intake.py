"""Intake (受理): every complaint becomes exactly one case, whichever channel it came by."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.bounds import OutOfRange, checked_moment
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
    building=None,
    category=None,
    by=None,
    received_at=None,
    at=None,
) -> tuple[Case, bool]:
    """Register a complaint; returns (case, created).

    Idempotent on (channel, external_id): a retry, or two agents submitting the same 12345 ticket at
    once, gets the one stored case back with created=False (a unique constraint decides the race).
    Routing comes from ``household``, else ``building`` (a building-level report picked from the registry),
    else the triage engine; unresolved cases wait in the manual dispatch queue. Repeats are linked (never merged away).
    ``at``: when the intake happens (default now), which dates the flags it puts on earlier cases."""
    external_id = (external_id or "").strip()
    if external_id:
        existing = one_or_none(Case.objects.filter(channel=channel, external_id=external_id))
        if existing is not None:
            return existing, False
    validate(
        channel=channel, text=text, external_id=external_id, category=category, by=by, received_at=received_at
    )
    received_at = received_at or timezone.now()
    route = route_for(household=household, building=building, text=text, address=address, category=category)
    category, priority = category_and_priority(category, route)
    rules = deadlines.rules_on(received_at, city=deadlines.city_of(route))
    repeat_of = honesty.find_repeat_of(
        category=category,
        household_id=route.household.pk if route.household else None,
        phone=(reporter_phone or "").strip(),
        received_at=received_at,
        window_days=rules.repeat_window_days,
    )
    case = build_case(
        route=route, category=category, priority=priority, received_at=received_at, by=by,
        channel=channel, external_id=external_id, reporter_name=reporter_name,
        reporter_phone=reporter_phone, address=address, text=text,
    )  # fmt: skip
    case.repeat_of = repeat_of
    outage = routing.detect_mass(case, limits=routing.outage_limits([case], [rules])[0])
    case.suspected_outage = outage.suspected
    try:
        with transaction.atomic():
            case.save()
            add_event(case, **receive_event(case, by=by, route=route))
            if outage.suspected:
                add_event(case, **outage_event(case, outage))
            audit.record(**receive_audit(case, by=by))
    except IntegrityError:
        if not external_id:
            raise
        existing = one_or_none(Case.objects.filter(channel=channel, external_id=external_id))
        if existing is None:
            raise
        return existing, False
    after_intake(case, repeat_of=repeat_of, rules=rules, outage=outage, at=at)
    return case, True


def route_for(*, household, text: str, address: str, category=None, building=None) -> routing.Route:
    """Where the complaint belongs and what it is about: from ``household`` when known, else from
    ``building`` when picked from the registry (the text is still classified in both cases, unless the
    agent chose ``category``), else from the triage engine."""
    if household is None and building is None:
        return routing.route_text(text=text, address=address)
    route = routing.route_household(household) if household is not None else routing.route_building(building)
    if not category:
        route.category = routing.classify(text)
    return route


def category_and_priority(category, route) -> tuple[str, str]:
    """The category given, else the one triage read; its default priority, raised one step (once) for a
    priority-group household or a key site (幼儿园、养老院、学校、医院)."""
    category = category or route.category or Category.OTHER
    priority = DEFAULT_PRIORITY[Category(category)]
    household, building = route.household, route.building
    if (household is not None and household.is_priority) or (building is not None and building.key_site):
        priority = raised(priority)
    return category, priority


def build_case(*, route, category, priority, received_at, by, channel, external_id="", reporter_name="",
               reporter_phone="", address="", text="") -> Case:  # fmt: skip
    """The unsaved case for a complaint (without its repeat link and outage flag, found separately)."""
    case = Case(
        channel=channel,
        external_id=(external_id or "").strip(),
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
        resolve_due=deadlines.resolve_due(
            city=deadlines.city_of(route), category=category, priority=priority, start=received_at
        ),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _reuse_loaded_rows(case, route)
    return case


def receive_event(case: Case, *, by, route) -> dict:
    """The fields of a saved case's first timeline line."""
    return {
        "by": by,
        "action": "receive",
        "at": case.received_at,
        "to_state": CaseState.RECEIVED,
        "note": "" if case.station_id else "未能确权，进入人工派单队列",
        "data": {
            "channel": case.channel,
            "routed": bool(case.station_id),
            "triage_status": route.triage_status,
            "repeat_of": case.repeat_of_id,
        },
    }


def outage_event(case: Case, outage, *, cluster: list[int] | None = None) -> dict:
    return {
        "by": None,
        "action": "suspect_outage",
        "at": case.received_at,
        "note": outage.note,
        "data": {"cluster": cluster or [*outage.earlier, case.pk]},
    }


def receive_audit(case: Case, *, by) -> dict:
    return {
        "actor": by,
        "action": "case.receive",
        "obj": case,
        "summary": f"受理工单{case.number} {case.get_category_display()}",
    }


def _reuse_loaded_rows(case: Case, route) -> None:
    """Hand the case the station and company rows routing already loaded, so naming them in the answer
    costs no query."""
    if route.household is None or not Household.station.is_cached(route.household):
        return
    station = route.household.station
    case.station = station
    if Station.company.is_cached(station):
        case.company = station.company


def validate(*, channel, text, external_id, category, by, received_at=None) -> None:
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
    if received_at is not None:
        try:
            checked_moment(received_at, label="受理时间")
        except OutOfRange as exc:
            raise IntakeRejected(str(exc)) from exc


def after_intake(case: Case, *, repeat_of, rules, outage, at=None) -> None:
    """Consequences for other rows, each in its own transaction so intake never fails because of them: the
    earlier case of a repeat soon after its 办结 is suspect; the cluster's unflagged cases are flagged."""
    if repeat_of is not None and honesty.resolved_recently(
        repeat_of, at=case.received_at, window_days=rules.fake_closure_window_days
    ):
        flag_fake_closure(
            case_id=repeat_of.pk,
            by=None,
            reason=FakeClosureReason.REPEAT_SOON,
            note=f"办结后{rules.fake_closure_window_days}天内重复投诉（工单{case.number}）",
            at=at,
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
            at=at,
        )
