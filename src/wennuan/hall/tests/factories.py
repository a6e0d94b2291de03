"""Hall test helpers: households in a city with a tariff, payments, approved applications."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from wennuan.billing.tests.factories import household_with_tariff
from wennuan.hall.enums import Applicant, ApplicationKind, ApplicationStatus
from wennuan.hall.models import HeatApplication, Payment
from wennuan.rules.selectors import current_or_next_season

__all__ = ["approved", "household_with_tariff", "pay", "season_of"]


def season_of(household):
    return current_or_next_season(city=household.station.company.city_id)


def pay(household, amount: str, *, receipt: str, on: date = date(2025, 11, 3), season=None) -> Payment:
    return Payment.objects.create(
        household=household, season=season or season_of(household), receipt_no=receipt,
        amount=Decimal(amount), paid_on=on,
    )  # fmt: skip


def approved(household, kind: str, *, heat_from: date | None = None, season=None) -> HeatApplication:
    now = timezone.now()
    return HeatApplication.objects.create(
        kind=kind, household=household, season=season or season_of(household), applicant=Applicant.STAFF,
        applied_at=now, answer_due=now, status=ApplicationStatus.APPROVED, decided_at=now,
        heat_from=heat_from if kind == ApplicationKind.RESUME else None,
    )  # fmt: skip
