"""The one path by which a case row changes: optimistic update + timeline event + audit entry, atomically."""

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import NotInScope, StaleObject

from .. import hooks, lifecycle
from ..models import Case, CaseEvent


def actor_label(by) -> str:
    if by is None or not getattr(by, "is_authenticated", False):
        return "系统"
    return by.display_name if hasattr(by, "display_name") else by.get_username()


def ensure_in_scope(case: Case, by) -> None:
    """Raise NotInScope unless ``by`` (None = the system) may see the case (one query)."""
    if by is None:
        return
    if not Case.objects.visible_to(by).filter(pk=case.pk).exists():
        raise NotInScope("工单不在您的管辖范围内")


def authorize(case: Case, action: str, by) -> lifecycle.Action:
    """The state machine's rule for ``action`` (state, role). Scope is not a flag anyone passes: every
    change goes through ``apply_change``, whose UPDATE only matches a case within ``by``'s scope."""
    return lifecycle.check(case, action, by)


def _rows_of(by):
    """The cases ``by`` may change: all of them for the system (None), else ``visible_to(by)``."""
    return Case.objects.all() if by is None else Case.objects.visible_to(by)


def add_event(case: Case, **fields) -> CaseEvent:
    """Append a timeline line without changing the case row (callers hold the transaction); ``fields`` as
    for ``new_event``."""
    event = new_event(case, **fields)
    event.save()
    return event


def new_event(
    case: Case, *, by, action: str, at=None, from_state="", to_state="", note="", data=None, attachments=None
) -> CaseEvent:
    """An unsaved timeline line (``add_event`` saves one; batch intake inserts many at once)."""
    return CaseEvent(
        case=case,
        at=at or timezone.now(),
        actor=by if getattr(by, "is_authenticated", False) else None,
        actor_label=actor_label(by),
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data or {},
        attachments=attachments or [],
    )


def apply_change(
    case: Case,
    *,
    by,
    action: str,
    changes: dict,
    to_state: str | None = None,
    note: str = "",
    data: dict | None = None,
    attachments: list | None = None,
    summary: str = "",
    at=None,
) -> Case:
    """Write ``changes`` (and ``to_state``) to the case if nobody changed it since it was read.

    ``UPDATE … WHERE id=… AND version=…``: 0 rows means someone else won → StaleObject, nothing written.
    Appends the CaseEvent and the audit entry in the same transaction; updates ``case`` in memory.
    ``at``: when the change happened (default now; the demo season replays a past one)."""
    from_state = case.state
    fields = dict(changes)
    if to_state is not None:
        fields["state"] = to_state
    now = at or timezone.now()
    with transaction.atomic():
        # The scope rides on the UPDATE itself: a case outside by's scope matches nothing, at no extra query.
        updated = (
            _rows_of(by).filter(pk=case.pk, version=case.version).update(version=F("version") + 1, **fields)
        )
        if updated == 0:
            if by is not None and not _rows_of(by).filter(pk=case.pk).exists():
                raise NotInScope("工单不在您的管辖范围内")
            raise StaleObject(f"工单{case.number}已被他人处理，请刷新后重试")
        add_event(
            case,
            by=by,
            action=action,
            at=now,
            from_state=from_state,
            to_state=to_state or "",
            note=note,
            data=data,
            attachments=attachments,
        )
        audit.record(
            actor=by,
            action=f"case.{action}",
            obj=case,
            summary=summary
            or f"工单{case.number} {lifecycle.ACTIONS[action].label if action in lifecycle.ACTIONS else action}",
            # each changed field as [old, new] (the case in memory still holds what was read)
            changes={k: [_jsonable(_old_value(case, k)), _jsonable(v)] for k, v in fields.items()},
        )
        hooks.changed(
            hooks.CaseChange(
                case=case,
                action=action,
                at=now,
                from_state=from_state,
                to_state=to_state or "",
                data=data or {},
                note=note or "",
                changes=fields,
            )
        )
    for key, value in fields.items():
        setattr(case, key, value)
    case.version += 1
    return case


def set_flag(
    case_id: int, *, by, action: str, compute, note: str = "", data: dict | None = None, at=None
) -> bool:
    """Set a flag column (suspected outage, fake-closure reasons) without bumping ``version``.

    Flags are observations, not transitions: a person who read the case a moment ago must still be able
    to act on it, so the row is locked (SELECT … FOR UPDATE) instead of version-checked. ``compute(case)``
    returns the field changes, or {} when the flag is already set. Returns whether anything changed."""
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(pk=case_id).first()
        if case is None:
            return False
        changes = compute(case)
        if not changes:
            return False
        Case.objects.filter(pk=case_id).update(**changes)
        add_event(case, by=by, action=action, at=at, note=note, data=data)
        audit.record(
            actor=by,
            action=f"case.{action}",
            obj=case,
            summary=f"工单{case.number} {note}"[:500],
            changes={k: [_jsonable(_old_value(case, k)), _jsonable(v)] for k, v in changes.items()},
        )
    return True


def _old_value(case: Case, name: str):
    """The value ``name`` had before the change: a related row by its id, without a query."""
    try:
        return getattr(case, Case._meta.get_field(name).attname)
    except FieldDoesNotExist:
        return getattr(case, name, None)


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)
