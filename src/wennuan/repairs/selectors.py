"""Reads of the summer repair ledger; each starts from ``RepairItem.objects.visible_to(user)``."""

from django.db.models import Q

from wennuan.core.errors import NotInScope
from wennuan.core.selectors import one_or_none

from .enums import ItemStatus
from .models import RepairItem

LIST_RELATED = ["company", "district", "estate", "building", "station"]


def items(*, user, status: str = "", overdue: bool | None = None, q: str = ""):
    """The user's visible ledger items, nearest deadline first."""
    rows = RepairItem.objects.visible_to(user).select_related(*LIST_RELATED)
    if status:
        rows = rows.filter(status=ItemStatus(status))
    if overdue is not None:
        rows = rows.filter(overdue=overdue)
    q = q.strip()
    if q:
        rows = rows.filter(Q(site_label__icontains=q) | Q(number=q) | Q(company__name__icontains=q))
    return rows.order_by("status", "deadline", "id")


def item_for(*, user, pk: int) -> RepairItem:
    """One item the user may see, or NotInScope (404)."""
    found = one_or_none(RepairItem.objects.visible_to(user).select_related(*LIST_RELATED).filter(pk=pk))
    if found is None:
        raise NotInScope("台账事项不存在或不在您的管辖范围内")
    return found


def progress_of(item: RepairItem):
    return item.progress.order_by("on", "id")


def open_sites(*, level: str, site_ids) -> set[int]:
    """Which of ``site_ids`` already have an item not yet verified (so a second click adds none)."""
    field = f"{level}_id"
    rows = RepairItem.objects.filter(level=level, **{f"{field}__in": list(site_ids)}).exclude(
        status=ItemStatus.VERIFIED
    )
    return set(rows.values_list(field, flat=True))


def counts(*, user) -> dict:
    """{open, done, verified, overdue} for the list page's header and the home panel."""
    rows = RepairItem.objects.visible_to(user)
    out = {s.value: rows.filter(status=s).count() for s in ItemStatus}
    out["overdue"] = rows.filter(overdue=True).exclude(status=ItemStatus.VERIFIED).count()
    return out
