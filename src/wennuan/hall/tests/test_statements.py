"""Account statements: fee, base fee while suspended, proration after 开栓, reductions, payments, arrears;
the whole-season INSERT … SELECT and one household's live statement agree."""

from datetime import date
from decimal import Decimal

import pytest

from wennuan.billing.enums import ReductionStatus, RefundStatus
from wennuan.billing.models import EstateReduction, RefundEntry
from wennuan.cases.tests.factories import supervisor
from wennuan.core.models import AuditLog
from wennuan.hall.enums import ApplicationKind
from wennuan.hall.models import AccountStatement
from wennuan.hall.services.statements import compute_statements
from wennuan.hall.statements import statement_for

from .factories import approved, household_with_tariff, pay, season_of

pytestmark = pytest.mark.django_db


def test_fee_is_area_times_price_and_payments_settle_it(in_season):
    h = household_with_tariff(area="88.50", price="27.35")  # 2420.475 → 2420.48 (half up, not float)
    pay(h, "1000", receipt="R1")
    s = statement_for(h, season_of(h))
    assert s.full_fee == Decimal("2420.48") and s.fee == Decimal("2420.48")
    assert s.paid == Decimal("1000.00") and s.arrears == Decimal("1420.48") and s.credit == 0
    assert not s.suspended and s.heated_days == 151


def test_overpayment_is_credit_not_negative_arrears(in_season):
    h = household_with_tariff(area="100", price="27")
    pay(h, "2800", receipt="R1")
    s = statement_for(h, season_of(h))
    assert s.arrears == 0 and s.credit == Decimal("100.00")


def test_suspended_household_owes_the_base_fee(in_season):
    h = household_with_tariff(area="100", price="27")  # base share 30% by default
    approved(h, ApplicationKind.SUSPEND)
    s = statement_for(h, season_of(h))
    assert s.suspended and s.heated_days == 0
    assert s.fee == Decimal("810.00")  # 2700 × 30%


def test_registry_suspension_counts_for_the_current_season(in_season):
    h = household_with_tariff(area="100", price="27", payment_status="suspended")
    assert statement_for(h, season_of(h)).fee == Decimal("810.00")


def test_resumption_mid_season_is_prorated_from_the_day_heat_came_back(in_season):
    h = household_with_tariff(area="100", price="27")
    approved(h, ApplicationKind.SUSPEND)
    approved(h, ApplicationKind.RESUME, heat_from=date(2026, 1, 1))  # 90 of 151 days heated
    s = statement_for(h, season_of(h))
    # 2700 × (0.3 + 0.7 × 90/151) = 810 + 1126.49… = 1936.49
    expected = (Decimal(2700) * (Decimal("0.3") + Decimal("0.7") * 90 / 151)).quantize(Decimal("0.01"))
    assert s.heated_days == 90 and s.fee == expected == Decimal("1936.49")


def test_resumption_before_the_season_pays_the_full_fee(in_season):
    h = household_with_tariff(area="100", price="27")
    approved(h, ApplicationKind.SUSPEND)
    approved(h, ApplicationKind.RESUME, heat_from=date(2025, 10, 20))
    assert statement_for(h, season_of(h)).fee == Decimal("2700.00")


def test_approved_estate_reduction_and_unpaid_refund(in_season):
    h = household_with_tariff(area="100", price="27")
    season = season_of(h)
    estate = h.unit.building.estate
    boss = supervisor()
    common = dict(
        estate=estate, season=season, company=h.station.company, reason="协商减免", proposed_by=boss
    )
    EstateReduction.objects.create(
        days=60, status=ReductionStatus.APPROVED, proposed_at=season_now(), **common
    )
    EstateReduction.objects.create(
        days=30, status=ReductionStatus.PROPOSED, proposed_at=season_now(), **common
    )
    RefundEntry.objects.create(
        household=h, season=season, company=h.station.company, days=4, amount=Decimal("35.76"),
        computed_at=season_now(), due_on=date(2026, 5, 31), status=RefundStatus.APPROVED,
    )  # fmt: skip
    s = statement_for(h, season)
    assert s.reduction_days == 60 and s.reduction == Decimal("1072.85")  # 2700 × 60/151
    assert s.refund == Decimal("35.76")
    assert s.arrears == Decimal("1627.15")  # the refund is paid out, not netted


def season_now():
    from django.utils import timezone

    return timezone.now()


def test_whole_season_bulk_agrees_with_each_live_statement(in_season):
    a = household_with_tariff(area="88.50", price="27.35")
    b = household_with_tariff(area="120.33", price="27.35")
    c = household_with_tariff(area="64.01", price="27.35")
    pay(a, "100.10", receipt="A1")
    pay(a, "0.01", receipt="A2")
    approved(b, ApplicationKind.SUSPEND)
    approved(b, ApplicationKind.RESUME, heat_from=date(2026, 2, 14))
    season = season_of(a)
    count = compute_statements(season=season, by=supervisor())
    assert count == 3
    for h in (a, b, c):
        stored = AccountStatement.objects.get(household=h, season=season)
        live = statement_for(h, season)
        for field in (
            "fee_cents",
            "paid_cents",
            "arrears_cents",
            "heated_days",
            "suspended",
            "reduction_cents",
        ):
            assert getattr(stored, field) == getattr(live, field), field
    assert AuditLog.objects.filter(action="hall.statements_computed").count() == 1
    # Computing again replaces, never duplicates.
    assert compute_statements(season=season, by=supervisor()) == 3
    assert AccountStatement.objects.filter(season=season).count() == 3
