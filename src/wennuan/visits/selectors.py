"""Reads of the visits app. Each starts from ``Model.objects.visible_to(user)`` where a user is given."""

from decimal import Decimal

from django.db.models import QuerySet
from django.db.models.functions import Length
from django.utils import timezone

from wennuan.rules.selectors import indoor_standard

from .enums import TaskStatus
from .generation import ADDRESS_ORDER
from .models import Campaign, Phase, VisitTask


def campaign_standard(campaign: Campaign, *, on=None) -> Decimal:
    """The city's indoor standard (bedrooms and living rooms) a campaign's visitors judge rooms by: the one
    in force on ``on`` (today), or on the campaign's nearest day when it is not running then."""
    day = min(max(on or timezone.localdate(), campaign.starts_on), campaign.ends_on)
    return indoor_standard(city=campaign.city_id, on=day)


def tasks_in_visiting_order(tasks: QuerySet) -> QuerySet:
    """Priority group first, then complaints, then address; earlier attempts before later ones."""
    fields = [f"household__{f}" for f in ADDRESS_ORDER]
    # Rooms in numeric order (302 before 1102): the shorter number first, then as text.
    room = ADDRESS_ORDER.index("room")
    fields[room:room] = [Length("household__room")]
    return tasks.order_by("order_group", *fields, "attempt")


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
