"""Supervision: overdue marking and the escalation ladder (run by the sweep), and 督办 orders."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError, TransitionNotAllowed
from wennuan.notices.enums import NoticeKind

from .. import lifecycle, notify
from ..enums import Escalation, Limit
from ..models import Case, SupervisionOrder
from ._base import add_event, apply_change, authorize, ensure_in_scope

ESCALATION_NOTES = {
    Escalation.COMPANY_SUPERVISOR: "超时未办，升级至供热企业主管督促",
    Escalation.STREET_WHISTLE: "仍未办结：网格吹哨、部门报到",
    Escalation.TASK_FORCE: "仍未办结：转街道专班处置",
}


def breached_limits(case: Case, now) -> list[str]:
    """The limits of a case that have passed unmet at ``now``."""
    return list(breached_dues(case, now))


# The breach rule, once: a limit is breached when its deadline has passed and what meets it has not
# happened (the accept limit only while the case is dispatched). The sweep's query (``breach_q``) and the
# check on a case in hand (``breached_dues``) are both read from this table, so they cannot disagree.
# (limit, deadline field, field that meets it, field that must be set for the limit to run or None)
BREACH_RULES = (
    (Limit.ACCEPT, "accept_due", "accepted_at", "dispatched_at"),
    (Limit.CONTACT, "contact_due", "contacted_at", None),
    (Limit.ONSITE, "onsite_due", "onsite_at", None),
    (Limit.RESOLVE, "resolve_due", "resolved_at", None),
)


def breach_q(now) -> Q:
    """Cases with at least one limit breached at ``now`` (as a query)."""
    condition = Q(pk__in=[])
    for _, due, met, running in BREACH_RULES:
        rule = Q(**{f"{due}__lt": now, f"{met}__isnull": True})
        if running:
            rule &= Q(**{f"{running}__isnull": False})
        condition |= rule
    return condition


def breached_dues(case: Case, now) -> dict[str, object]:
    """{limit: its deadline} for the limits of ``case`` that have passed unmet at ``now``."""
    return {
        limit.value: getattr(case, due)
        for limit, due, met, running in BREACH_RULES
        if getattr(case, due) is not None
        and getattr(case, due) < now
        and getattr(case, met) is None
        and (running is None or getattr(case, running) is not None)
    }


def mark_overdue(*, case: Case, now=None) -> Case | None:
    """Record that a case passed a limit (超时). The breach dates from the earliest passed deadline, so a
    late sweep escalates as far as an on-time one would have. Returns None when nothing passed."""
    now = now or timezone.now()
    breached = breached_dues(case, now)
    if not breached:
        return None
    limits = list(dict.fromkeys([*case.overdue_limits, *breached]))
    labels = "、".join(Limit(x).label for x in breached)
    return apply_change(
        case,
        by=None,
        action="overdue",
        changes={"is_overdue": True, "overdue_limits": limits, "overdue_since": min(breached.values())},
        note=f"{labels}超时",
        data={"limits": list(breached)},
        at=now,
    )


def escalation_target(case: Case, now, rules) -> int:
    """The ladder step a case should be on now, from how long its current breach has lasted."""
    if case.overdue_since is None:
        return Escalation.NONE
    lasted = now - case.overdue_since
    if lasted >= timedelta(hours=rules.task_force_after_hours):
        return Escalation.TASK_FORCE
    if lasted >= timedelta(hours=rules.whistle_after_hours):
        return Escalation.STREET_WHISTLE
    return Escalation.COMPANY_SUPERVISOR


def escalate(*, case: Case, now, rules) -> Case | None:
    """Move one step up the ladder if the breach has lasted long enough; each step once, on the timeline,
    and the people of that step (cases.notify) told in the same transaction."""
    target = escalation_target(case, now, rules)
    if target <= case.escalation_level:
        return None
    step = Escalation(case.escalation_level + 1)
    with transaction.atomic():
        apply_change(
            case,
            by=None,
            action="escalate",
            changes={"escalation_level": step.value},
            note=ESCALATION_NOTES[step],
            data={"level": step.value, "label": step.label},
            at=now,
        )
        limits = "、".join(Limit(x).label for x in case.overdue_limits if x in Limit.values)
        notify.tell(
            notify.escalation_recipients(case, step),
            kind=NoticeKind.ESCALATION,
            title=f"工单{case.number}超时升级：{step.label}",
            body=f"{ESCALATION_NOTES[step]}。超时环节：{limits or '—'}；{_what(case)}",
            case=case,
            # A reopened case climbs the ladder again: its steps are new ones.
            key=f"{case.reopen_count}-{step.value}",
        )
    return case


def _what(case: Case) -> str:
    """The case in a few words for a notice: its category and address (never the resident's name)."""
    return f"{case.get_category_display()}，{notify.where(case)}"


class SupervisionInvalid(DomainError):
    code = "supervision_invalid"
    http_status = 422


def issue_supervision(*, case: Case, by, instruction: str, due_at, at=None) -> SupervisionOrder:
    """督办: a supervisor orders the case handled by ``due_at``; the sweep flags it when that passes."""
    authorize(case, "supervise", by)
    if not (instruction or "").strip():
        raise SupervisionInvalid("督办必须写明要求")
    now = at or timezone.now()
    if due_at is None or due_at <= now:
        raise SupervisionInvalid("督办期限必须晚于当前时间")
    with transaction.atomic():
        order = SupervisionOrder.objects.create(
            case=case, issued_by=by, issued_at=now, due_at=due_at, instruction=instruction.strip()
        )
        apply_change(
            case,
            by=by,
            action="supervise",
            changes={},
            note=instruction,
            data={"order_id": order.pk, "due_at": due_at.isoformat()},
            at=now,
        )
        notify.tell(
            notify.supervision_recipients(order),
            kind=NoticeKind.SUPERVISION,
            title=f"工单{case.number}被督办，限{timezone.localtime(due_at):%m-%d %H:%M}前落实",
            body=f"督办要求：{instruction.strip()}；{_what(case)}",
            case=case,
            key=order.pk,
        )
    return order


def complete_supervision(*, order: SupervisionOrder, by, note: str, at=None) -> SupervisionOrder:
    """The unit reports the 督办 done; late completion keeps the overdue flag."""
    ensure_in_scope(order.case, by)
    if by is not None and not by.is_superuser and by.role not in lifecycle.UNIT:
        raise TransitionNotAllowed("只有责任单位可以报告督办落实")
    if order.done_at is not None:
        raise TransitionNotAllowed("该督办单已办结")
    if not (note or "").strip():
        raise SupervisionInvalid("请填写督办落实情况")
    now = at or timezone.now()
    with transaction.atomic():
        updated = SupervisionOrder.objects.filter(pk=order.pk, done_at__isnull=True).update(
            done_at=now, done_note=note, is_overdue=order.is_overdue or now > order.due_at
        )
        if not updated:
            raise TransitionNotAllowed("该督办单已办结")
        add_event(
            order.case, by=by, action="supervision_done", at=now, note=note, data={"order_id": order.pk}
        )
        audit.record(
            actor=by, action="case.supervision_done", obj=order.case, summary=f"督办单{order.pk}落实"
        )
    order.refresh_from_db()
    return order


def flag_overdue_supervision(*, order: SupervisionOrder, now) -> bool:
    """Mark one 督办 overdue, once (the conditional update makes a second run a no-op)."""
    with transaction.atomic():
        updated = SupervisionOrder.objects.filter(
            pk=order.pk, done_at__isnull=True, is_overdue=False, due_at__lt=now
        ).update(is_overdue=True)
        if not updated:
            return False
        add_event(
            order.case,
            by=None,
            action="supervision_overdue",
            at=now,
            note="督办超期未落实",
            data={"order_id": order.pk},
        )
        audit.record(
            actor=None, action="case.supervision_overdue", obj=order.case, summary=f"督办单{order.pk}超期"
        )
        notify.tell(
            notify.supervision_recipients(order, overdue=True),
            kind=NoticeKind.SUPERVISION_OVERDUE,
            title=f"工单{order.case.number}督办超期未落实",
            body=f"督办期限{timezone.localtime(order.due_at):%m-%d %H:%M}已过。督办要求：{order.instruction}",
            case=order.case,
            key=order.pk,
        )
    return True
