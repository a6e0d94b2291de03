"""After resolution: revisit (回访), reopen (重办), close (归档)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wennuan.core.bounds import checked_temperature
from wennuan.core.errors import DomainError
from wennuan.rules.selectors import indoor_standard

from .. import deadlines, honesty
from ..enums import ANSWERED, CaseState, Escalation, Satisfaction
from ..models import Case, Revisit
from ._base import apply_change, authorize, set_flag


class RevisitIncomplete(DomainError):
    code = "revisit_incomplete"
    http_status = 422


def record_revisit(
    *, case: Case, by, satisfaction: str, temperature=None, photo: str = "", note: str = "", at=None
) -> tuple[Case, Revisit]:
    """Record the resident's answer. Satisfied/basically with the room at standard → revisited;
    unsatisfied or below the standard → reopened (重办) to the same unit; unreachable → stays resolved
    (not an effective revisit; try again). An answered revisit of a heating category needs a measured
    temperature and a photo of the reading (测温拍照). Effective (有效回访) when answered, within the
    city's revisit window after 办结, and for heat with its reading and photo."""
    authorize(case, "revisit", by)
    if satisfaction not in Satisfaction.values:
        raise RevisitIncomplete("请选择回访结果")
    temp = checked_temperature(temperature)
    photo = (photo or "").strip()
    answered = satisfaction in ANSWERED
    if answered and case.is_heating and temp is None:
        raise RevisitIncomplete("供热类诉求回访须录入实测室温")
    if answered and case.is_heating and not photo:
        raise RevisitIncomplete("供热类诉求回访须测温拍照：请上传测温照片")
    now = at or timezone.now()
    city = deadlines.city_of(case)
    rules = deadlines.rules_on(now, city=city)
    below = temp is not None and temp < indoor_standard(city=city, on=now)
    in_window = case.resolved_at is not None and now - case.resolved_at <= timedelta(
        hours=rules.revisit_window_hours
    )
    effective = answered and in_window and (not case.is_heating or (temp is not None and bool(photo)))
    with transaction.atomic():
        revisit = Revisit.objects.create(
            case=case,
            at=now,
            by=by if getattr(by, "is_authenticated", False) else None,
            satisfaction=satisfaction,
            temperature=temp,
            below_standard=below,
            photo=photo,
            note=note,
            effective=effective,
        )
        data = {
            "revisit_id": revisit.pk,
            "satisfaction": satisfaction,
            "temperature": float(temp) if temp is not None else None,
            "below_standard": below,
            "effective": effective,
        }
        attachments = [photo] if photo else []
        if satisfaction == Satisfaction.UNREACHABLE:
            apply_change(
                case, by=by, action="revisit", changes={}, note=note or "未联系上群众", data=data, at=now
            )
        elif satisfaction == Satisfaction.UNSATISFIED or below:
            why = "群众不满意" if satisfaction == Satisfaction.UNSATISFIED else f"实测{temp}℃低于标准"
            _reopen(
                case,
                by=by,
                reason=f"回访{why}，重办。{note}".strip(),
                data=data,
                attachments=attachments,
                at=now,
            )
        else:
            apply_change(
                case,
                by=by,
                action="revisit",
                to_state=CaseState.REVISITED,
                changes={},
                note=note,
                data=data,
                attachments=attachments,
                at=now,
            )
    return case, revisit


def _reopen(case: Case, *, by, reason: str, data=None, attachments=None, at=None) -> Case:
    """Back to the same unit with a fresh resolve limit; the redo is counted (reopen_count, 重办率)."""
    now = at or timezone.now()
    due = deadlines.resolve_due(
        city=deadlines.city_of(case), category=case.category, priority=case.priority, start=now
    )
    return apply_change(
        case,
        by=by,
        action="reopen",
        to_state=CaseState.IN_PROGRESS,
        changes={
            "reopen_count": case.reopen_count + 1,
            "resolved_at": None,
            "resolved_on_time": None,
            "resolve_due": due,
            "overdue_since": None,
            "escalation_level": Escalation.NONE,
            "closed_at": None,
        },
        note=reason,
        data=data,
        attachments=attachments,
        at=now,
    )


def reopen_case(*, case: Case, by, reason: str, at=None) -> Case:
    """Reopen by hand (the resident calls back before closure); a reason is required."""
    authorize(case, "reopen", by)
    if not (reason or "").strip():
        raise RevisitIncomplete("重办必须说明原因")
    return _reopen(case, by=by, reason=reason, at=at)


def close_case(*, case: Case, by, note: str = "", at=None) -> Case:
    """归档. Closing is never refused for being suspicious, but suspicion is recorded on the case and
    the supervisor's list (below-standard reading, reopened before, no answer from the resident)."""
    authorize(case, "close", by)
    now = at or timezone.now()
    reasons = honesty.reasons_at_close(case, standard=indoor_standard(city=deadlines.city_of(case), on=now))
    return apply_change(
        case,
        by=by,
        action="close",
        to_state=CaseState.CLOSED,
        changes={"closed_at": now, "fake_closure_reasons": reasons, "suspected_fake_closure": bool(reasons)},
        note=note,
        data={"fake_closure_reasons": reasons},
        at=now,
    )


def flag_fake_closure(*, case_id: int, by, reason: str, note: str = "", at=None) -> bool:
    """Add a suspicion reason to a case (repeat soon after closure, failed spot check); once per reason.
    Returns whether the reason was new."""

    def compute(case):
        if reason in case.fake_closure_reasons:
            return {}
        return {"fake_closure_reasons": [*case.fake_closure_reasons, reason], "suspected_fake_closure": True}

    return set_flag(
        case_id, by=by, action="flag_fake_closure", compute=compute, note=note, data={"reason": reason}, at=at
    )
