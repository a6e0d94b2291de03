"""The refund ledger: approval, payment, overdue refunds, estate reductions, scope, the xlsx export."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
import time_machine

from wennuan.billing import selectors
from wennuan.billing.enums import ReductionStatus, RefundStatus
from wennuan.billing.export import ledger_xlsx
from wennuan.billing.services.refunds import (
    add_months,
    approve_reduction,
    approve_refund,
    mark_refund_paid,
    propose_reduction,
)
from wennuan.cases.tests.factories import crew_for, dispatcher_for, supervisor
from wennuan.core.errors import DomainError, TransitionNotAllowed
from wennuan.core.models import AuditLog
from wennuan.registry.tests.factories import StationFactory
from wennuan.rules.selectors import season_on

from .conftest import local
from .factories import household_with_tariff, measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def refunded(in_season):
    household = household_with_tariff(resident_name="=HYPERLINK(1)", account="000123")
    crew = crew_for(household.station)
    measure(household, crew, local("2025-12-10T09:30"), "15.0")
    measure(household, crew, local("2025-12-14T09:30"), "18.3")
    return household.refunds.get()


def test_add_months_clamps_to_the_months_end():
    assert add_months(date(2026, 3, 31), 2) == date(2026, 5, 31)
    assert add_months(date(2026, 3, 31), 1) == date(2026, 4, 30)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)


def test_approve_then_pay_is_audited(refunded):
    dispatcher = dispatcher_for(refunded.company)
    approve_refund(entry=refunded, by=dispatcher)
    with pytest.raises(TransitionNotAllowed):
        approve_refund(entry=refunded, by=dispatcher)
    paid = mark_refund_paid(entry=refunded, by=dispatcher, paid_on=date(2025, 12, 20))
    assert paid.status == RefundStatus.PAID and paid.paid_on == date(2025, 12, 20)
    actions = set(AuditLog.objects.filter(object_id=str(refunded.pk)).values_list("action", flat=True))
    assert {"billing.refund_computed", "billing.refund_approved", "billing.refund_paid"} <= actions


def test_paying_before_approval_or_in_the_future_is_refused(refunded):
    dispatcher = dispatcher_for(refunded.company)
    with pytest.raises(TransitionNotAllowed):
        mark_refund_paid(entry=refunded, by=dispatcher, paid_on=date(2025, 12, 20))
    approve_refund(entry=refunded, by=dispatcher)
    with pytest.raises(DomainError, match="退付日期"):
        mark_refund_paid(entry=refunded, by=dispatcher, paid_on=date(2025, 12, 21))


def test_a_changed_amount_takes_back_the_approval(refunded):
    dispatcher = dispatcher_for(refunded.company)
    approve_refund(entry=refunded, by=dispatcher)
    measure(refunded.household, crew_for(refunded.household.station), local("2025-12-16T09:30"), "15.5")
    refunded.refresh_from_db()
    assert refunded.status == RefundStatus.COMPUTED and refunded.approved_by is None


def test_overdue_refunds_reach_the_supervisors_desk(refunded):
    boss = supervisor()
    assert not selectors.overdue_refunds(user=boss).exists()
    with time_machine.travel(local("2026-06-01T09:00"), tick=False):
        assert list(selectors.overdue_refunds(user=boss)) == [refunded]


def test_a_company_sees_only_its_own_ledger(refunded):
    other = dispatcher_for(StationFactory().company)
    assert list(selectors.ledger(user=dispatcher_for(refunded.company))) == [refunded]
    assert not selectors.ledger(user=other).exists()
    assert selectors.entry_for(user=other, entry_id=refunded.pk) is None


def test_the_export_writes_text_as_text_and_masks_names_for_masked_roles(refunded):
    response = ledger_xlsx(selectors.ledger(user=supervisor()), supervisor())
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["户号"] == "000123" and sheet.cell(2, header.index("户号") + 1).data_type == "s"
    assert row["退费金额(元)"] == 35.76
    # Masked for the supervisor, and a cell starting with "=" is a string, never a formula.
    name = sheet.cell(2, header.index("户主") + 1)
    assert name.value != "=HYPERLINK(1)" and name.value.startswith("=") and name.data_type == "s"
    assert row["计算说明"].startswith("12月10日测温15.0℃")


def test_an_estate_reduction_needs_a_reason_and_the_supervisors_approval(refunded):
    household = refunded.household
    estate, company = household.unit.building.estate, household.station.company
    season = season_on(city=company.city_id, on=date(2025, 12, 20))
    dispatcher = dispatcher_for(company)
    with pytest.raises(DomainError, match="协商原因"):
        propose_reduction(by=dispatcher, estate=estate, season=season, company=company, days=60, reason="")
    with pytest.raises(DomainError, match="减免天数"):
        propose_reduction(
            by=dispatcher, estate=estate, season=season, company=company, days=152, reason="管网改造"
        )
    row = propose_reduction(
        by=dispatcher,
        estate=estate,
        season=season,
        company=company,
        days=60,
        reason="二次管网改造，协商减免60天",
    )
    with pytest.raises(DomainError, match="供热主管部门批准"):
        approve_reduction(reduction=row, by=dispatcher)
    assert approve_reduction(reduction=row, by=supervisor()).status == ReductionStatus.APPROVED
    assert list(selectors.reductions(user=dispatcher)) == [row]
    assert not selectors.reductions(user=dispatcher_for(StationFactory().company)).exists()


def test_a_paid_refund_is_never_recomputed(refunded):
    dispatcher = dispatcher_for(refunded.company)
    approve_refund(entry=refunded, by=dispatcher)
    mark_refund_paid(entry=refunded, by=dispatcher, paid_on=date(2025, 12, 20))
    measure(refunded.household, crew_for(refunded.household.station), local("2025-12-16T09:30"), "12.0")
    refunded.refresh_from_db()
    assert refunded.amount == Decimal("35.76") and refunded.status == RefundStatus.PAID


def test_no_tariff_says_so(in_season):
    from wennuan.registry.tests.factories import HouseholdFactory

    household = HouseholdFactory()
    measure(household, crew_for(household.station), local("2025-12-10T09:30"), "15.0")
    entry = household.refunds.get()
    assert entry.amount == 0 and "未设置供热价格" in entry.explanation


def test_a_loaded_preset_is_what_the_engine_uses(in_season):
    from wennuan.billing.city_rules import engine_rule, tariff_on
    from wennuan.billing.refunds.presets import PRESETS
    from wennuan.billing.services.presets import load_preset

    household = household_with_tariff()
    city = household.station.company.city
    load_preset(city=city, name="Xi'an", effective_from=date(2025, 11, 1))
    rule = engine_rule(
        city_id=city.pk, on=date(2025, 12, 1), tariff=tariff_on(city_id=city.pk, on=date(2025, 12, 1))
    )
    assert set(rule.bands) == set(PRESETS["Xi'an"].bands)
    assert rule.base_fee_share == Decimal("0.30")
