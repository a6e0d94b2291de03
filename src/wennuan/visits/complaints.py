"""Complaints as the visits app needs them (the cases app sits below visits): which households have an
open or recent case (visited early), and which reported problems' cases are resolved (solved)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from wennuan.cases.models import Case

# A complaint counts as recent for this many days after it was received (domain.md: repeat window 15 days).
RECENT_DAYS = 15


def recent_complaint_exists(household_ref: str = "pk") -> Exists:
    """ "This household has an open case, or one received in the last RECENT_DAYS days"."""
    recent = Q(received_at__gte=timezone.now() - timedelta(days=RECENT_DAYS)) | Q(resolved_at__isnull=True)
    return Exists(Case.objects.filter(recent, household_id=OuterRef(household_ref)))


def case_resolved_exists(case_ref: str = "case_id") -> Exists:
    """ "The linked case is resolved" (a problem reported as a case counts as solved then)."""
    return Exists(Case.objects.filter(pk=OuterRef(case_ref), resolved_at__isnull=False))
