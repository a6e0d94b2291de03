"""The resident's short-lived session: bound to one household, nothing else.

Kept in Django's session under keys of its own; a fresh session key is issued when it starts (no fixation),
and it ends after ``settings.RESIDENT_SESSION_MINUTES`` whatever the resident does. Every read of the
self-service page starts from ``household_of(request)``."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from wennuan.registry.models import Household

HOUSEHOLD = "resident.household"
UNTIL = "resident.until"
PENDING = "resident.pending_code"  # {"id": LoginCode id, "phone": masked, "account": 户号}
CARD = "resident.card"  # {"grid": id, "estate": id, "building": id} from a contact card's QR code


def start(request, household: Household) -> None:
    request.session.cycle_key()
    request.session[HOUSEHOLD] = household.pk
    until = timezone.now() + timedelta(minutes=settings.RESIDENT_SESSION_MINUTES)
    request.session[UNTIL] = until.isoformat()
    request.session.pop(PENDING, None)


def end(request) -> None:
    for key in (HOUSEHOLD, UNTIL, PENDING):
        request.session.pop(key, None)


def household_of(request) -> Household | None:
    """The household this browser identified as, while its session lasts; None otherwise."""
    pk, until = request.session.get(HOUSEHOLD), request.session.get(UNTIL)
    if not pk or not until:
        return None
    if datetime.fromisoformat(until) <= timezone.now():
        end(request)
        return None
    return (
        Household.objects.select_related(
            "unit__building__estate", "grid__community__street", "station__company"
        )
        .filter(pk=pk)
        .first()
    )


def minutes_left(request) -> int:
    until = request.session.get(UNTIL)
    if not until:
        return 0
    return max(0, int((datetime.fromisoformat(until) - timezone.now()).total_seconds() // 60))
