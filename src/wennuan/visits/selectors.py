"""Reads of the visits app. Each starts from ``Model.objects.visible_to(user)`` where a user is given."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from .enums import TaskStatus
from .generation import ADDRESS_ORDER
from .models import Phase, Visit, VisitTask


def tasks_in_visiting_order(tasks: QuerySet) -> QuerySet:
    """Priority group first, then complaints, then address; earlier attempts before later ones."""
    return tasks.order_by("order_group", *(f"household__{f}" for f in ADDRESS_ORDER), "attempt")


def current_phase(*, on=None) -> Phase | None:
    """The phase running on ``on`` (today by default); the latest started one when several overlap."""
    day = on or timezone.localdate()
    return (
        Phase.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .select_related("campaign")
        .order_by("-starts_on", "-id")
        .first()
    )


def todays_tasks(*, user, phase: Phase, on=None) -> QuerySet:
    """The user's pending tasks due by ``on`` (today), in visiting order, with what a list row shows."""
    day = on or timezone.localdate()
    qs = VisitTask.objects.visible_to(user).filter(phase=phase, status=TaskStatus.PENDING, due_on__lte=day)
    return tasks_in_visiting_order(qs).select_related("household__unit__building__estate", "grid")


def conflicting_visits(*, user, phase: Phase) -> QuerySet:
    """Visits to households that two or more visitors visited in the phase: all are kept and shown."""
    shared = (
        Visit.objects.filter(phase=phase)
        .values("household_id")
        .annotate(visitors=Count("visitor_id", distinct=True))
        .filter(visitors__gt=1)
        .values("household_id")
    )
    return (
        Visit.objects.visible_to(user)
        .filter(phase=phase, household_id__in=shared)
        .select_related("household", "visitor")
        .order_by("household_id", "visited_at")
    )


def my_visits(*, user, phase: Phase, on=None) -> QuerySet:
    """What ``user`` recorded on ``on`` (today), newest first."""
    day = on or timezone.localdate()
    return (
        Visit.objects.filter(visitor=user, phase=phase, visited_at__date=day)
        .select_related("household__unit__building__estate")
        .order_by("-visited_at")
    )
