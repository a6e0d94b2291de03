"""Reads shared by every app: paging that stays cheap on a million rows, and the audit log."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Q

from .models import AuditLog


def one_or_none(rows):
    """The row of a query that matches at most one (by pk or a unique key), or None.

    Unlike ``.first()`` it adds no ORDER BY: compiling one makes Django hash every selected column, most of
    the cost of a wide look-up (a case with its related rows) on the hot paths."""
    found = list(rows.order_by()[:1])
    return found[0] if found else None


# Counting past this many rows tells the user nothing a "10,000+" does not, and costs a full scan.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A Paginator whose count stops at ``cap``: ``COUNT(*)`` over ``LIMIT cap+1``, never the whole table.

    ``capped`` says the true count is larger; pages beyond the cap are not offered (narrow the search).
    """

    def __init__(self, object_list, per_page, *args, cap: int = COUNT_CAP, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, *args, **kwargs)

    @cached_property
    def count(self) -> int:
        return min(self._raw_count, self.cap)

    @cached_property
    def _raw_count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self._raw_count > self.cap


def api_page(rows, *, page: int, page_size: int, build=None) -> dict:
    """One page of ``rows`` for an API list: count (capped), capped, page, pages and items (the page's
    rows, or ``build(rows of the page)``). The answer's shape every ``…Page`` schema shares."""
    paginator = CappedPaginator(rows, page_size)
    p = paginator.get_page(page)
    items = list(p.object_list)
    return {
        "count": paginator.count,
        "capped": paginator.capped,
        "page": p.number,
        "pages": paginator.num_pages,
        "items": build(items) if build else items,
    }


def audit_actions() -> list[str]:
    """The distinct actions written so far (a short list: one per kind of state change)."""
    return list(AuditLog.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_object_types() -> list[str]:
    return list(
        AuditLog.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def audit_entries(
    *, action: str = "", object_type: str = "", object_id: str = "", actor: str = "", q: str = ""
):
    """Audit entries, newest first, narrowed by exact action/object/actor and a free-text ``q``."""
    rows = AuditLog.objects.all()
    if action:
        rows = rows.filter(action=action)
    if object_type:
        rows = rows.filter(object_type=object_type)
    if object_id:
        rows = rows.filter(object_id=object_id)
    if actor:
        rows = rows.filter(actor_label=actor)
    if q:
        rows = rows.filter(Q(summary__icontains=q) | Q(actor_label__icontains=q) | Q(object_id=q))
    return rows.order_by("-at", "-id")
