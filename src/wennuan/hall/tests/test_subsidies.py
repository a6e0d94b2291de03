"""困难补贴: the city's dated policy per group, entitlement from the registry (the most favourable group) or
recorded by staff (优抚), approval, payment, and the status an agent reads out at once."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from wennuan.cases.tests.factories import agent, supervisor
from wennuan.core.errors import DomainError, NotPermitted, TransitionNotAllowed
from wennuan.core.models import AuditLog
from wennuan.hall import selectors
from wennuan.hall.enums import SubsidyBasis, SubsidyGroup, SubsidyStatus
from wennuan.hall.errors import ConditionNotMet
from wennuan.hall.models import Subsidy, SubsidyRule
from wennuan.hall.services.subsidies import (
    approve_subsidy,
    assess_subsidies,
    grant_subsidy,
    mark_subsidy_paid,
    reject_subsidy,
)
from wennuan.hall.statements import statement_for

from .factories import household_with_tariff, season_of

pytestmark = pytest.mark.django_db


def rule(city, group, basis, value, *, since=date(2000, 1, 1), cap=None):
    return SubsidyRule.objects.create(
        city=city, effective_from=since, group=group, basis=basis, value=Decimal(value), max_area_m2=cap,
        policy="市民政局采暖救助办法",
    )  # fmt: skip


@pytest.fixture
def city_with_policy(in_season):
    low = household_with_tariff(area="100", price="27", priority_groups="low_income")
    city = low.station.company.city
    rule(city, SubsidyGroup.LOW_INCOME, SubsidyBasis.FEE_SHARE, "0.5", cap=Decimal("60"))  # 60×27×50% = 810
    rule(city, SubsidyGroup.EXTREME_POVERTY, SubsidyBasis.FIXED, "1000")
    rule(city, SubsidyGroup.DISABLED, SubsidyBasis.PER_M2, "5")
    return low, city


def test_assess_entitles_registry_groups_with_the_most_favourable_rule(city_with_policy):
    low, _ = city_with_policy
    both = household_with_tariff(area="80", priority_groups="low_income,extreme_poverty", station=low.station)
    disabled = household_with_tariff(area="70", priority_groups="disabled", station=low.station)
    alone = household_with_tariff(area="70", priority_groups="living_alone", station=low.station)  # no policy
    season = season_of(low)
    assert assess_subsidies(season=season, by=supervisor()) == 3
    got = {s.household_id: (s.group, s.amount) for s in Subsidy.objects.all()}
    assert got == {
        low.pk: (SubsidyGroup.LOW_INCOME, Decimal("810.00")),
        both.pk: (SubsidyGroup.EXTREME_POVERTY, Decimal("1000.00")),  # 1000 beats 60×27×50% = 810
        disabled.pk: (SubsidyGroup.DISABLED, Decimal("350.00")),
    }
    assert alone.pk not in got
    assert assess_subsidies(season=season, by=supervisor()) == 0  # idempotent
    with pytest.raises(NotPermitted):
        assess_subsidies(season=season, by=agent())


def test_the_policy_in_force_when_the_season_starts_decides(city_with_policy):
    low, city = city_with_policy
    rule(city, SubsidyGroup.LOW_INCOME, SubsidyBasis.FIXED, "600", since=date(2025, 10, 1))
    rule(city, SubsidyGroup.LOW_INCOME, SubsidyBasis.FIXED, "900", since=date(2026, 1, 1))  # too late
    assess_subsidies(season=season_of(low), by=supervisor())
    assert Subsidy.objects.get(household=low).amount == Decimal("600.00")


def test_entitled_care_is_recorded_by_staff_with_a_certificate(city_with_policy):
    low, city = city_with_policy
    veteran = household_with_tariff(area="90", station=low.station)
    season = season_of(low)
    with pytest.raises(ConditionNotMet, match="不包括优抚对象"):
        grant_subsidy(
            household=veteran, season=season, group=SubsidyGroup.ENTITLED_CARE, by=agent(), certificate="YF1"
        )
    rule(city, SubsidyGroup.ENTITLED_CARE, SubsidyBasis.FIXED, "800")
    with pytest.raises(DomainError, match="优抚证件号"):
        grant_subsidy(household=veteran, season=season, group=SubsidyGroup.ENTITLED_CARE, by=agent())
    row = grant_subsidy(
        household=veteran, season=season, group=SubsidyGroup.ENTITLED_CARE, by=agent(), certificate="YF1"
    )
    assert row.amount == Decimal("800.00") and row.status == SubsidyStatus.ENTITLED
    with pytest.raises(ConditionNotMet, match="已有补贴记录"):
        grant_subsidy(
            household=veteran, season=season, group=SubsidyGroup.ENTITLED_CARE, by=agent(), certificate="YF1"
        )


def test_approve_then_pay_shows_in_the_status_and_the_account(city_with_policy, in_season):
    low, _ = city_with_policy
    season = season_of(low)
    assess_subsidies(season=season, by=supervisor())
    row = Subsidy.objects.get(household=low)
    view = selectors.subsidy_status(user=agent(), household=low)
    assert view.state == "entitled" and view.summary.startswith("低保户采暖补贴810.00元：已认定")
    boss = supervisor()
    approve_subsidy(subsidy=row, by=boss)
    with pytest.raises(TransitionNotAllowed):
        approve_subsidy(subsidy=row, by=boss)
    assert statement_for(low, season).subsidy == Decimal("810.00")
    view = selectors.subsidy_status(user=agent(), household=low)
    assert view.summary == "低保户采暖补贴810.00元：已于12月20日审核，应于1月19日前发放，尚未发放。"
    # 「补贴一直没发」: weeks later the agent sees at once that it is overdue.
    with time_machine.travel(date(2026, 2, 1), tick=False):
        view = selectors.subsidy_status(user=agent(), household=low)
        assert view.overdue_days == 13 and "已逾期13天未发放" in view.summary
        with pytest.raises(DomainError):
            mark_subsidy_paid(subsidy=row, by=boss, paid_on=date(2026, 3, 1))  # in the future
        mark_subsidy_paid(subsidy=row, by=boss, paid_on=date(2026, 1, 30))
        view = selectors.subsidy_status(user=agent(), household=low)
    assert view.state == "paid" and view.summary == "低保户采暖补贴810.00元：已于1月30日发放。"
    actions = set(AuditLog.objects.filter(object_id=str(row.pk)).values_list("action", flat=True))
    assert {"hall.subsidy_approved", "hall.subsidy_paid"} <= actions


def test_reject_needs_a_reason(city_with_policy):
    low, _ = city_with_policy
    assess_subsidies(season=season_of(low), by=supervisor())
    row = Subsidy.objects.get(household=low)
    with pytest.raises(DomainError):
        reject_subsidy(subsidy=row, by=supervisor(), reason="不")
    reject_subsidy(subsidy=row, by=supervisor(), reason="低保资格已于10月终止")
    assert (
        selectors.subsidy_status(user=agent(), household=low).summary
        == "低保户采暖补贴未通过：低保资格已于10月终止"
    )


def test_status_without_a_subsidy_says_what_to_do(city_with_policy):
    low, _ = city_with_policy
    plain = household_with_tariff(station=low.station)
    assert "尚未认定" in selectors.subsidy_status(user=agent(), household=low).summary
    assert "不在2025-2026供暖季补贴名单中" in selectors.subsidy_status(user=agent(), household=plain).summary
