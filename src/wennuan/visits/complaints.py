"""The hook into the cases app: which households have an open or recent complaint.

The cases app is developed separately and may not be installed with a ``Case`` model yet. Until it is,
``recent_complaint_exists`` returns ``None`` and visiting order falls back to priority then address.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

# A complaint counts as recent for this many days after it was received (domain.md: repeat window 15 days).
RECENT_DAYS = 15

# Case statuses that mean "finished"; the first names found on the model are used.
_FINISHED = ("resolved", "closed", "revisited", "cancelled", "rejected", "merged")


def case_model():
    """The cases app's ``Case`` model, or None while it does not exist."""
    try:
        from wennuan.cases.models import Case
    except ImportError:
        return None
    return Case


def _field_names(model) -> set[str]:
    return {f.name for f in model._meta.get_fields()}


def recent_complaint_exists(household_ref: str = "pk"):
    """An ``Exists`` expression for "this household has an open case, or one received in the last
    RECENT_DAYS days", or None when the cases app has no usable Case model."""
    Case = case_model()
    if Case is None:
        return None
    names = _field_names(Case)
    if "household" not in names:
        return None
    condition = Q()
    received = next((n for n in ("received_at", "created_at") if n in names), None)
    if received:
        condition |= Q(**{f"{received}__gte": timezone.now() - timedelta(days=RECENT_DAYS)})
    if "resolved_at" in names:
        condition |= Q(resolved_at__isnull=True)
    elif "status" in names:
        condition |= ~Q(status__in=_FINISHED)
    if not condition:
        return None
    return Exists(Case.objects.filter(condition, household_id=OuterRef(household_ref)))


def case_resolved_exists(case_ref: str = "case_id"):
    """An ``Exists`` for "the linked case is resolved" (problems reported as cases count as solved then),
    or None without the cases app."""
    Case = case_model()
    if Case is None or "resolved_at" not in _field_names(Case):
        return None
    return Exists(Case.objects.filter(pk=OuterRef(case_ref), resolved_at__isnull=False))
