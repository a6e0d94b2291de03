"""Reads of the billing domain, each starting from ``visible_to(user)`` (a company sees its own ledger)."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from wennuan.cases.models import Case
from wennuan.core.categories import Category
from wennuan.rules.models import Season

from .enums import RefundStatus
from .models import EstateReduction, Measurement, RefundEntry


def ledger(*, user, season: Season | None = None, status: str = ""):
    """The refund ledger in the user's scope: households with a refund, newest season first."""
    rows = (
        RefundEntry.objects.visible_to(user)
        .filter(amount__gt=0)
        .select_related("household__unit__building__estate", "company", "season", "approved_by")
        .order_by("-season__starts_on", "company__name", "due_on", "household__account")
    )
    if season is not None:
        rows = rows.filter(season=season)
    if status:
        rows = rows.filter(status=status)
    return rows


def ledger_totals(rows) -> dict:
    """Households, days and yuan of a ledger queryset (one aggregate query)."""
    totals = rows.order_by().aggregate(households=Count("id"), days=Sum("days"), amount=Sum("amount"))
    # SQLite sums decimals as floats: back to cents.
    amount = Decimal(str(totals["amount"] or 0)).quantize(Decimal("0.01"))
    return {"households": totals["households"], "days": totals["days"] or 0, "amount": amount}


def overdue_refunds(*, user, today: date | None = None):
    """Refunds past their due date and not paid (the supervisor's desk)."""
    today = today or timezone.localdate()
    return ledger(user=user).filter(due_on__lt=today).exclude(status=RefundStatus.PAID)


def household_refunds(*, user, household):
    return (
        RefundEntry.objects.visible_to(user)
        .filter(household=household)
        .select_related("season")
        .order_by("-season__starts_on")
    )


def household_measurements(*, user, household):
    return (
        Measurement.objects.visible_to(user)
        .filter(household=household)
        .select_related("measurer", "case")
        .prefetch_related("rooms")
        .order_by("-measured_at", "-id")
    )


def measurement_requests(*, user):
    """Open 测温退费 requests in the user's scope, oldest first (the crew's list to measure)."""
    return (
        Case.objects.visible_to(user)
        .open()
        .filter(category=Category.REFUND, household__isnull=False)
        .select_related("household__unit__building__estate")
        .order_by("received_at", "id")
    )


def request_to_measure(*, user, case_id: int) -> Case | None:
    return measurement_requests(user=user).filter(pk=case_id).first()


def entry_for(*, user, entry_id: int) -> RefundEntry | None:
    return (
        RefundEntry.objects.visible_to(user).select_related("household", "season").filter(pk=entry_id).first()
    )


def reductions(*, user, season: Season | None = None):
    rows = EstateReduction.objects.visible_to(user).select_related(
        "estate", "season", "company", "proposed_by"
    )
    return rows.filter(season=season) if season is not None else rows


def reduction_for(*, user, reduction_id: int) -> EstateReduction | None:
    return reductions(user=user).filter(pk=reduction_id).first()
