"""Honesty checks: repeat complaints (重复投诉) and suspected fake closures (假办结/被办结).

Linking a repeat never hides it: the new case is a case like any other and counts in every KPI; the link
only adds the repeat count and, when it comes soon after a closure, puts the earlier case on the
supervisor's suspect list."""

from datetime import timedelta

from django.db.models import Q

from .enums import ANSWERED, CaseState, FakeClosureReason
from .models import Case, Revisit


def find_repeat_of(*, category: str, household_id, phone: str, received_at, window_days: int) -> Case | None:
    """The latest earlier case of the same category from the same household (or phone) that is still
    open, or closed within ``window_days`` before ``received_at``; None when there is none."""
    who = Q()
    if household_id:
        who |= Q(household_id=household_id)
    if phone:
        who |= Q(reporter_phone=phone)
    if not who:
        return None
    since = received_at - timedelta(days=window_days)
    recent = ~Q(state=CaseState.CLOSED) | Q(closed_at__gte=since)
    # Only the columns intake reads: an ordered look-up costs Django a hash per selected column.
    return (
        Case.objects.filter(who, recent, category=category, received_at__lte=received_at)
        .only(*REPEAT_FIELDS)
        .order_by("-received_at", "-id")
        .first()
    )


# What the repeat and fake-closure rules read of the earlier case (intake loads only these).
REPEAT_FIELDS = ("id", "state", "closed_at", "resolved_at", "received_at")


def resolved_recently(case: Case, *, at, window_days: int) -> bool:
    """Whether a complaint at ``at`` comes within ``window_days`` after the unit's 办结 of ``case`` — archived
    (归档) or not: the suspected fake closure of domain.md. A case reopened since is not resolved."""
    return case.resolved_at is not None and timedelta(0) <= at - case.resolved_at <= timedelta(
        days=window_days
    )


def reasons_at_close(case: Case, *, standard) -> list[str]:
    """What makes a closure suspect at the moment it is closed (domain.md: fake closure)."""
    reasons = list(case.fake_closure_reasons)
    revisits = list(Revisit.objects.filter(case=case).order_by("at", "id"))
    answered = [r for r in revisits if r.satisfaction in ANSWERED]
    readings = [r for r in revisits if r.temperature is not None]
    found = []
    if readings and readings[-1].temperature < standard:
        found.append(FakeClosureReason.BELOW_STANDARD)
    if case.reopen_count:
        found.append(FakeClosureReason.REOPENED)
    if not answered:
        found.append(FakeClosureReason.NO_AGREEMENT)
    return reasons + [r.value for r in found if r.value not in reasons]
