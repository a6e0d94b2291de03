"""The unit's side of a case: dispatch (派单), accept (签收), return (退回), work, pause, resolve (办结)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wennuan.core.bounds import checked_temperature
from wennuan.core.errors import DomainError, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.notices.enums import NoticeKind
from wennuan.rules.selectors import city_id_for

from .. import deadlines, notify
from ..enums import CaseState, Limit, RootCause
from ..models import Case
from ._base import apply_change, authorize


class ResolutionIncomplete(DomainError):
    code = "resolution_incomplete"
    http_status = 422


def late_changes(case: Case, limit: str, due, at) -> dict:
    """Flags for a step done after its limit: the case counts as overdue even if no sweep ran in between."""
    if due is None or at <= due:
        return {}
    limits = list(case.overdue_limits)
    if limit not in limits:
        limits.append(limit)
    return {"is_overdue": True, "overdue_limits": limits}


def settle_breach(case: Case, changes: dict, now) -> dict:
    """When a step ends the case's current breach (nothing else overdue), stop the escalation clock."""
    from .supervision import breached_limits

    if case.overdue_since is None:
        return changes
    after = Case(**{f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields})
    for key, value in changes.items():
        setattr(after, key, value)
    if not breached_limits(after, now):
        changes["overdue_since"] = None
    return changes


def dispatch_case(*, case: Case, by, station=None, note: str = "", at=None) -> Case:
    """Send a case from the dispatch queue to a station (default: the station the registry says).

    Without a station there is nobody to send it to: TransitionNotAllowed (never a default company).
    A company dispatcher may only send to its own company's stations. ``at``: when (default now), as for
    every service here."""
    authorize(case, "dispatch", by)
    station = station or case.station
    if station is None:
        raise TransitionNotAllowed("尚未确权到换热站，请先选择负责的换热站再派单")
    if getattr(by, "role", None) == Role.DISPATCHER and station.company_id != by.company_id:
        raise TransitionNotAllowed("只能派单给本企业的换热站")
    now = at or timezone.now()
    city = city_id_for(company_id=station.company_id, grid_id=case.grid_id)
    accept_due, return_due = deadlines.accept_and_return_due(
        city=city, category=case.category, priority=case.priority, start=now
    )
    # The unit's clocks run from 派单, not from 签收: a late accept buys no time.
    contact_due, onsite_due = deadlines.contact_and_onsite_due(
        city=city, category=case.category, priority=case.priority, start=now
    )
    data = {"station_id": station.pk, "company_id": station.company_id}
    if case.station_id and case.station_id != station.pk:
        data["rerouted_from_station_id"] = case.station_id
    with transaction.atomic():
        apply_change(
            case,
            by=by,
            action="dispatch",
            to_state=CaseState.DISPATCHED,
            changes={
                "station": station,
                "company_id": station.company_id,
                "dispatched_at": now,
                "accept_due": accept_due,
                "return_due": return_due,
                "contact_due": contact_due if case.contacted_at is None else case.contact_due,
                "onsite_due": onsite_due if case.onsite_at is None else case.onsite_due,
                "accepted_at": None,
                "accepted_on_time": None,
            },
            note=note,
            data=data,
            summary=f"工单{case.number} 派单至 {station}",
            at=now,
        )
        # The station's crews are told: one query for them, one INSERT. The key is the case's version
        # after this dispatch, so a case sent back and dispatched again is news again.
        accept_by = f"，请于{timezone.localtime(accept_due):%m-%d %H:%M}前签收" if accept_due else ""
        notify.tell(
            notify.dispatch_recipients(case),
            kind=NoticeKind.DISPATCHED,
            title=f"新工单{case.number}：{case.get_category_display()}{accept_by}",
            body=notify.where(case) + (f"；派单说明：{note}" if note else ""),
            case=case,
            key=case.version,
        )
    return case


def accept_case(*, case: Case, by, note: str = "", at=None) -> Case:
    """The station takes the case (签收). The contact and on-site limits started at 派单 and stay as they are."""
    authorize(case, "accept", by)
    now = at or timezone.now()
    on_time = case.accept_due is None or now <= case.accept_due
    changes = {
        "accepted_at": now,
        "accepted_on_time": on_time,
        **late_changes(case, Limit.ACCEPT, case.accept_due, now),
    }
    settle_breach(case, changes, now)
    return apply_change(
        case,
        by=by,
        action="accept",
        to_state=CaseState.ACCEPTED,
        changes=changes,
        note=note,
        data={"on_time": on_time},
        at=now,
    )


def return_case(*, case: Case, by, reason: str, at=None) -> Case:
    """Hand the case back to the dispatch queue (退回) with a reason, within the return limit."""
    authorize(case, "return", by)
    reason = (reason or "").strip()
    if not reason:
        raise TransitionNotAllowed("退回必须说明理由")
    now = at or timezone.now()
    if case.return_due is not None and now > case.return_due:
        raise TransitionNotAllowed("已超过退回时限，不能退回，请办理")
    return apply_change(
        case,
        by=by,
        action="return",
        to_state=CaseState.RETURNED,
        # Back in the dispatch queue, the unit's clocks stop; the next 派单 starts them again.
        changes={
            "return_count": case.return_count + 1,
            "accepted_at": None,
            "accept_due": None,
            **({"contact_due": None} if case.contacted_at is None else {}),
            **({"onsite_due": None} if case.onsite_at is None else {}),
        },
        note=reason,
        data={"station_id": case.station_id},
        at=now,
    )


def start_case(*, case: Case, by, note: str = "", at=None) -> Case:
    authorize(case, "start", by)
    return apply_change(
        case, by=by, action="start", to_state=CaseState.IN_PROGRESS, changes={}, note=note, at=at
    )


def record_contact(*, case: Case, by, note: str = "", at=None) -> Case:
    """The unit reached the resident (联系群众); the first contact counts against the contact limit."""
    authorize(case, "contact", by)
    now = at or timezone.now()
    changes = {}
    if case.contacted_at is None:
        changes = {"contacted_at": now, **late_changes(case, Limit.CONTACT, case.contact_due, now)}
        settle_breach(case, changes, now)
    return apply_change(case, by=by, action="contact", changes=changes, note=note, at=now)


def record_onsite(*, case: Case, by, note: str = "", at=None) -> Case:
    authorize(case, "onsite", by)
    now = at or timezone.now()
    changes = {}
    if case.onsite_at is None:
        changes = {"onsite_at": now, **late_changes(case, Limit.ONSITE, case.onsite_due, now)}
        settle_breach(case, changes, now)
    return apply_change(case, by=by, action="onsite", changes=changes, note=note, at=now)


def pause_case(*, case: Case, by, reason: str, at=None) -> Case:
    """Stop the clock while waiting on the resident (not at home, appointment); the reason is recorded."""
    authorize(case, "pause", by)
    if not (reason or "").strip():
        raise TransitionNotAllowed("暂停计时必须说明原因（如群众不在家、预约上门）")
    now = at or timezone.now()
    return apply_change(case, by=by, action="pause", changes={"paused_at": now}, note=reason, at=now)


def _resume_changes(case: Case, now) -> tuple[dict, int]:
    """Push every deadline not yet met back by the paused time; add it to the case's paused total."""
    paused = max(now - case.paused_at, timedelta(0))
    changes: dict = {"paused_at": None, "paused_seconds": case.paused_seconds + int(paused.total_seconds())}
    pending = {
        "accept_due": case.accepted_at,
        "contact_due": case.contacted_at,
        "onsite_due": case.onsite_at,
        "resolve_due": case.resolved_at,
    }
    for field, met_at in pending.items():
        due = getattr(case, field)
        if due is not None and met_at is None:
            changes[field] = due + paused
    return changes, int(paused.total_seconds())


def resume_case(*, case: Case, by, note: str = "", at=None) -> Case:
    authorize(case, "resume", by)
    now = at or timezone.now()
    changes, seconds = _resume_changes(case, now)
    settle_breach(case, changes, now)
    return apply_change(
        case, by=by, action="resume", changes=changes, note=note, data={"paused_seconds": seconds}, at=now
    )


def resolve_case(
    *,
    case: Case,
    by,
    resolution: str,
    root_cause: str,
    evidence: dict | None = None,
    note: str = "",
    at=None,
) -> Case:
    """办结: what was done and why it happened; heating categories also need evidence (a reading or a photo)."""
    authorize(case, "resolve", by)
    return _resolve(
        case, by=by, resolution=resolution, root_cause=root_cause, evidence=evidence, note=note, at=at
    )


def _resolve(case: Case, *, by, resolution, root_cause, evidence, note, data=None, at=None) -> Case:
    resolution = (resolution or "").strip()
    if not resolution:
        raise ResolutionIncomplete("办结必须填写办理情况")
    if root_cause not in RootCause.values:
        raise ResolutionIncomplete("办结必须选择问题原因")
    evidence = clean_evidence(evidence)
    if case.is_heating and not evidence:
        raise ResolutionIncomplete("供热类诉求办结须有凭证：实测室温或现场照片")
    now = at or timezone.now()
    changes: dict = {}
    if case.paused_at is not None:
        changes, _ = _resume_changes(case, now)
    due = changes.get("resolve_due", case.resolve_due)
    on_time = due is None or now <= due
    changes.update(
        {
            "resolved_at": now,
            "first_resolved_at": case.first_resolved_at or now,
            "resolved_on_time": on_time,
            "resolution": resolution,
            "root_cause": root_cause,
            "evidence": evidence,
            "overdue_since": None,
            **late_changes(case, Limit.RESOLVE, due, now),
        }
    )
    return apply_change(
        case,
        by=by,
        action="resolve",
        to_state=CaseState.RESOLVED,
        changes=changes,
        note=note,
        data={"on_time": on_time, "root_cause": root_cause, **(data or {})},
        attachments=evidence.get("photos", []),
        at=now,
    )


def clean_evidence(evidence: dict | None) -> dict:
    """Keep a numeric temperature and a list of photo references; drop empty values."""
    evidence = dict(evidence or {})
    out: dict = {}
    temp = checked_temperature(evidence.get("temperature"))
    if temp is not None:
        out["temperature"] = float(temp)
    photos = [p for p in evidence.get("photos") or [] if p]
    if photos:
        out["photos"] = photos
    return out


def extend_case(*, case: Case, by, reason: str, at=None) -> Case:
    """Approve the one extension of the resolve limit the city allows (normal cases: to 10 working days)."""
    authorize(case, "extend", by)
    if not (reason or "").strip():
        raise TransitionNotAllowed("延期必须说明理由")
    now = at or timezone.now()
    try:
        due = deadlines.extended_resolve_due(case=case, at=now)
    except LookupError as exc:
        raise TransitionNotAllowed(str(exc)) from exc
    return apply_change(
        case,
        by=by,
        action="extend",
        changes={"resolve_due": due, "extended": True},
        note=reason,
        data={"from": case.resolve_due.isoformat() if case.resolve_due else None, "to": due.isoformat()},
        at=now,
    )
