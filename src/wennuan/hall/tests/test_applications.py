"""报停/开栓: the window, the conditions, the company's answer and its limit, the 开栓 work order and its
clock, the base fee and the proration that follow, and the arrears rule."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from wennuan.cases.enums import CaseState
from wennuan.cases.services import accept_case, reopen_case, resolve_case, start_case
from wennuan.cases.tests.factories import agent, crew_for, dispatcher_for, grid_worker_for, supervisor
from wennuan.core.categories import Category
from wennuan.core.errors import NotInScope, NotPermitted
from wennuan.core.models import AuditLog
from wennuan.hall.enums import Applicant, ApplicationKind, ApplicationStatus, RefusalReason
from wennuan.hall.errors import (
    AlreadyApplied,
    ArrearsNotAReason,
    ConditionNotMet,
    DecisionInvalid,
    OutsideWindow,
)
from wennuan.hall.models import HeatApplication, SuspensionRule
from wennuan.hall.services.applications import (
    apply_resumption,
    apply_suspension,
    decide,
    mark_overdue_answers,
)
from wennuan.hall.statements import statement_for
from wennuan.rules.models import Season

from .conftest import TZ
from .factories import approved, household_with_tariff, season_of

pytestmark = pytest.mark.django_db

BEFORE_WINDOW_CLOSES = datetime(2026, 9, 20, 10, 0, tzinfo=TZ)  # 2026-2027 starts 11-01: closes 10-02
AFTER_WINDOW_CLOSES = datetime(2026, 10, 10, 10, 0, tzinfo=TZ)


@pytest.fixture
def household(in_season):
    return household_with_tariff(area="100", price="27")


def test_suspension_inside_the_window_is_filed_with_its_answer_deadline(household):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        app = apply_suspension(
            household=household, by=None, name="王小英", phone="13812345678", note="外出过冬"
        )
    assert app.kind == ApplicationKind.SUSPEND and app.status == ApplicationStatus.PENDING
    assert app.applicant == Applicant.RESIDENT and app.season.name == "2026-2027"
    assert app.answer_due == BEFORE_WINDOW_CLOSES + timedelta(days=10)
    assert AuditLog.objects.filter(action="hall.suspend_applied", object_id=str(app.pk)).exists()


def test_suspension_after_the_window_is_refused_with_the_dates(household):
    with time_machine.travel(AFTER_WINDOW_CLOSES, tick=False), pytest.raises(OutsideWindow) as err:
        apply_suspension(household=household)
    assert str(err.value) == (
        "报停须在供暖季开始前30天申请：2026-2027供暖季2026年11月1日开始，申请截止2026年10月2日，已过申请期限。"
    )
    assert not HeatApplication.objects.exists()


def test_suspension_in_season_is_refused(household):
    with pytest.raises(OutsideWindow, match="本季不能再办理报停"):
        apply_suspension(household=household)


def test_the_window_is_the_citys_dated_rule(household):
    city = household.station.company.city
    SuspensionRule.objects.create(
        city=city, effective_from=date(2026, 1, 1), apply_days_before=15, answer_days=7
    )
    with time_machine.travel(AFTER_WINDOW_CLOSES, tick=False):  # 10-10 is before 10-17 (Xi'an's 15 days)
        app = apply_suspension(household=household)
    assert app.answer_due == AFTER_WINDOW_CLOSES + timedelta(days=7)


def test_a_second_suspension_while_one_is_pending_is_refused(household):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        apply_suspension(household=household)
        with pytest.raises(AlreadyApplied):
            apply_suspension(household=household)


def test_staff_file_only_in_their_scope_and_role(household):
    other = household_with_tariff()
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        with pytest.raises(NotInScope):
            apply_suspension(household=household, by=dispatcher_for(other.station.company))
        with pytest.raises(NotPermitted):
            apply_suspension(household=household, by=crew_for(household.station))
        app = apply_suspension(household=household, by=agent())
    assert app.applicant == Applicant.STAFF and app.filed_by is not None


def test_resumption_needs_a_suspension(household):
    with pytest.raises(ConditionNotMet, match="没有报停"):
        apply_resumption(household=household)


def test_company_answers_a_refusal_with_a_technical_reason_never_arrears(household):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        app = apply_suspension(household=household)
        company = dispatcher_for(household.station.company)
        with pytest.raises(DecisionInvalid, match="拒绝须选择理由"):
            decide(application=app, by=company, approve=False)
        with pytest.raises(DecisionInvalid, match="须写明具体原因"):
            decide(application=app, by=company, approve=False, reason=RefusalReason.OTHER)
        with pytest.raises(ArrearsNotAReason, match="前业主或邻居的欠费不能作为"):
            decide(
                application=app,
                by=company,
                approve=False,
                reason=RefusalReason.OTHER,
                note="前业主欠费未清，不予开栓",
            )
        with pytest.raises(ArrearsNotAReason, match="欠费不能作为拒绝开栓的理由"):
            decide(
                application=app,
                by=company,
                approve=False,
                reason=RefusalReason.OTHER,
                note="该户欠缴上季热费",
            )
        done = decide(application=app, by=company, approve=False, reason=RefusalReason.NO_OWN_LOOP)
    assert done.status == ApplicationStatus.REFUSED and done.refusal_reason == RefusalReason.NO_OWN_LOOP
    with pytest.raises(DecisionInvalid, match="已拒绝"):
        decide(application=app, by=company, approve=True)
    with pytest.raises(NotPermitted):
        decide(application=app, by=agent(), approve=True)


def test_another_companys_dispatcher_cannot_answer(household):
    other = household_with_tariff()
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        app = apply_suspension(household=household)
        with pytest.raises(NotInScope):
            decide(application=app, by=dispatcher_for(other.station.company), approve=True)


def test_an_unanswered_application_is_flagged_once_after_ten_days(household):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        app = apply_suspension(household=household)
    with time_machine.travel(BEFORE_WINDOW_CLOSES + timedelta(days=9), tick=False):
        assert mark_overdue_answers() == 0
    with time_machine.travel(BEFORE_WINDOW_CLOSES + timedelta(days=10, minutes=1), tick=False):
        assert mark_overdue_answers() == 1
        assert mark_overdue_answers() == 0  # idempotent
        app.refresh_from_db()
        assert app.overdue
        done = decide(application=app, by=supervisor(), approve=True)
    assert done.overdue and AuditLog.objects.filter(action="hall.answer_overdue").count() == 1


def test_approved_suspension_owes_the_base_fee(household):
    with time_machine.travel(BEFORE_WINDOW_CLOSES, tick=False):
        app = apply_suspension(household=household)
        decide(application=app, by=dispatcher_for(household.station.company), approve=True)
    next_season = Season.objects.get(name="2026-2027", city=household.station.company.city)
    assert statement_for(household, next_season).fee == Decimal("810.00")


def test_resumption_opens_a_work_order_with_its_own_clock_and_prorates_from_the_visit(household):
    approved(household, ApplicationKind.SUSPEND)
    season = season_of(household)
    company = dispatcher_for(household.station.company)
    assert statement_for(household, season).fee == Decimal("810.00")
    app = apply_resumption(household=household, by=None, phone="13812345678")
    app = decide(application=app, by=company, approve=True)
    order = app.work_order
    assert order.category == Category.SUSPEND_RESUME and order.state == CaseState.DISPATCHED
    assert order.external_id == f"KS-{app.pk}" and order.household_id == household.pk
    # The 开栓 clock: on site within 48 h, resolved within 72 h of 派单 (the city's row for the category).
    assert order.onsite_due - order.dispatched_at == timedelta(hours=48)
    assert order.resolve_due - order.dispatched_at == timedelta(hours=72)
    assert statement_for(household, season).fee == Decimal("810.00")  # no heat yet, no fee for it
    crew = crew_for(household.station)
    with time_machine.travel(datetime(2026, 1, 1, 9, 0, tzinfo=TZ), tick=False):
        order = accept_case(case=order, by=crew)
        order = start_case(case=order, by=crew)
        resolve_case(
            case=order,
            by=crew,
            resolution="已上门开栓，室温19℃",
            root_cause="resident",
            evidence={"temperature": 19},
        )
    app.refresh_from_db()
    assert app.heat_from == date(2026, 1, 1)
    assert statement_for(household, season).fee == Decimal("1936.49")  # 2700 × (0.3 + 0.7 × 90/151)
    assert AuditLog.objects.filter(action="hall.heat_resumed").exists()
    with time_machine.travel(datetime(2026, 1, 2, 9, 0, tzinfo=TZ), tick=False):
        reopen_case(case=order, by=supervisor(), reason="居民反映仍未开栓")
    app.refresh_from_db()
    assert app.heat_from is None and statement_for(household, season).fee == Decimal("810.00")


def test_the_work_order_cannot_be_closed_citing_a_neighbours_arrears(household):
    approved(household, ApplicationKind.SUSPEND)
    company = dispatcher_for(household.station.company)
    app = decide(application=apply_resumption(household=household, by=agent()), by=company, approve=True)
    crew = crew_for(household.station)
    order = start_case(case=accept_case(case=app.work_order, by=crew), by=crew)
    with pytest.raises(ArrearsNotAReason, match="前业主或邻居的欠费不能作为"):
        resolve_case(case=order, by=crew, resolution="楼上邻居欠费，整个单元暂不开栓", root_cause="resident",
                     evidence={"temperature": 12})  # fmt: skip
    order.refresh_from_db()
    assert order.state == CaseState.IN_PROGRESS and order.resolution == ""
    assert not AuditLog.objects.filter(action="case.resolve", object_id=str(order.pk)).exists()


def test_any_heat_complaint_closure_citing_a_previous_owners_arrears_is_refused(household):
    from wennuan.cases.tests.factories import new_case

    company = dispatcher_for(household.station.company)
    crew = crew_for(household.station)
    case = new_case(household=household, category=Category.NOT_STARTED)
    from wennuan.cases.services import dispatch_case, return_case

    case = dispatch_case(case=case, by=company)
    with pytest.raises(ArrearsNotAReason):
        return_case(case=case, by=crew, reason="前业主拖欠取暖费，缴清后再开栓")
    case.refresh_from_db()
    assert case.state == CaseState.DISPATCHED
    assert grid_worker_for(household.grid) is not None  # a grid worker may still see it


def test_resident_and_staff_filing_are_told_apart_on_the_audit(household):
    approved(household, ApplicationKind.SUSPEND)
    app = apply_resumption(household=household, by=None)
    entry = AuditLog.objects.get(action="hall.resume_applied", object_id=str(app.pk))
    assert entry.actor is None and "居民自助" in entry.summary
    assert timezone.localtime(app.answer_due).date() == date(2025, 12, 30)
