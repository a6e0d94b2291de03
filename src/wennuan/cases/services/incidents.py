"""Merging (并案): many complaints about one fault (a burst pipe) hang under a parent case and are
resolved together; every resident's case is still revisited on its own."""

from django.db import transaction

from wennuan.core.errors import StaleObject, TransitionNotAllowed

from ..enums import OPEN_STATES
from ..models import Case
from ._base import apply_change, authorize, ensure_in_scope
from .workflow import _resolve, resolve_case


def attach_to_incident(*, case: Case, parent: Case, by, note: str = "", at=None) -> Case:
    """Hang ``case`` under ``parent``. Both must be open; a parent cannot itself be a child."""
    authorize(case, "attach", by)
    authorize(parent, "attach", by)
    ensure_in_scope(parent, by)  # the parent's row is not updated, so its scope is checked here
    if parent.pk == case.pk:
        raise TransitionNotAllowed("不能与自身并案")
    if parent.parent_id is not None:
        raise TransitionNotAllowed(f"工单{parent.number}本身已并入工单{parent.parent.number}，请并入主单")
    if case.children.exists():
        raise TransitionNotAllowed("该工单是其他工单的主单，不能再并入别的工单")
    same_place = (case.building_id and case.building_id == parent.building_id) or (
        case.station_id and case.station_id == parent.station_id
    )
    if not same_place:
        raise TransitionNotAllowed("只能并入同一楼栋或同一换热站的工单")
    return apply_change(
        case,
        by=by,
        action="attach",
        changes={"parent_id": parent.pk},
        note=note,
        data={"parent_id": parent.pk},
        at=at,
    )


def resolve_incident(
    *,
    parent: Case,
    by,
    resolution: str,
    root_cause: str,
    evidence: dict | None = None,
    note: str = "",
    at=None,
) -> tuple[Case, list[Case]]:
    """Resolve the parent and every open child with the same resolution, each on its own timeline.

    Children do not need to have been accepted one by one: the unit handled the fault once."""
    with transaction.atomic():
        resolve_case(
            case=parent,
            by=by,
            resolution=resolution,
            root_cause=root_cause,
            evidence=evidence,
            note=note,
            at=at,
        )
        resolved = []
        for child in Case.objects.filter(parent=parent, state__in=OPEN_STATES).order_by("id"):
            try:
                resolved.append(
                    _resolve(
                        child,
                        by=by,
                        resolution=resolution,
                        root_cause=root_cause,
                        evidence=evidence,
                        note=f"随主单{parent.pk}一并办结",
                        data={"via_incident": parent.pk},
                        at=at,
                    )
                )
            except StaleObject:
                fresh = Case.objects.get(pk=child.pk)
                resolved.append(
                    _resolve(
                        fresh,
                        by=by,
                        resolution=resolution,
                        root_cause=root_cause,
                        evidence=evidence,
                        note=f"随主单{parent.pk}一并办结",
                        data={"via_incident": parent.pk},
                        at=at,
                    )
                )
    return parent, resolved
