"""The demo city's hall (core.demo): subsidy policies, a season of payments, subsidies at each stage, a few
报停/开栓 applications (one answered with its 开栓 work order, one past its answer limit), the statements."""

import logging
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.billing import city_rules as billing_rules
from wennuan.core.demo import register
from wennuan.core.errors import DomainError
from wennuan.core.roles import Role
from wennuan.registry.models import City, Household
from wennuan.rules.selectors import current_or_next_season

from .enums import Applicant, SubsidyBasis, SubsidyGroup, SubsidyStatus
from .models import HeatApplication, Payment, Subsidy, SubsidyRule
from .services.applications import apply_resumption, decide, mark_overdue_answers
from .services.statements import compute_statements
from .services.subsidies import approve_subsidy, assess_subsidies, mark_subsidy_paid

log = logging.getLogger(__name__)
SINCE = date(2000, 1, 1)
POLICY = "市民政局、住建局困难群众冬季采暖救助办法（演示）"


def _policies(city) -> None:
    if SubsidyRule.objects.filter(city=city).exists():
        return
    SubsidyRule.objects.bulk_create(
        [
            SubsidyRule(city=city, effective_from=SINCE, group=SubsidyGroup.LOW_INCOME, basis=SubsidyBasis.FEE_SHARE,
                        value=Decimal("0.5"), max_area_m2=Decimal("60"), policy=POLICY),
            SubsidyRule(city=city, effective_from=SINCE, group=SubsidyGroup.EXTREME_POVERTY, basis=SubsidyBasis.FIXED,
                        value=Decimal("1200"), policy=POLICY),
            SubsidyRule(city=city, effective_from=SINCE, group=SubsidyGroup.ENTITLED_CARE, basis=SubsidyBasis.FIXED,
                        value=Decimal("800"), policy=POLICY),
        ]
    )  # fmt: skip


def _payments(city, season) -> int:
    """Most households that the ledger says paid paid in full before the season; one in four unpaid paid half."""
    tariff = billing_rules.tariff_on(city_id=city.pk, on=season.starts_on)
    if tariff is None or Payment.objects.filter(season=season).exists():
        return 0
    rows = Household.objects.filter(station__company__city=city).values_list("id", "area", "payment_status")
    day = min(season.starts_on - timedelta(days=20), timezone.localdate())
    payments = []
    for hid, area, status in rows.iterator(chunk_size=2000):
        fee = (area * tariff.residential_price).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if status == "paid":
            amount = fee
        elif status == "unpaid" and hid % 4 == 0:
            amount = (fee / 2).quantize(Decimal("0.01"))
        elif status == "suspended":
            amount = (fee * tariff.base_fee_share).quantize(Decimal("0.01"), ROUND_HALF_UP)
        else:
            continue
        method = ("微信", "支付宝", "银行代扣", "营业厅")[hid % 4]
        payments.append(Payment(household_id=hid, season=season, receipt_no=f"DEMO-{hid:07d}", amount=amount,
                                paid_on=day - timedelta(days=hid % 15), method=method))  # fmt: skip
    Payment.objects.bulk_create(payments, batch_size=2000)
    return len(payments)


def _subsidies(season, boss) -> str:
    assess_subsidies(season=season, by=boss)
    rows = list(Subsidy.objects.filter(season=season).order_by("id"))
    for i, row in enumerate(rows):
        if i % 3 == 0:
            continue  # awaiting approval
        approve_subsidy(subsidy=row, by=boss)
        if i % 3 == 1 and timezone.localdate() >= season.starts_on:
            mark_subsidy_paid(subsidy=row, by=boss, paid_on=timezone.localdate())
    paid = Subsidy.objects.filter(season=season, status=SubsidyStatus.PAID).count()
    return f"困难补贴 {len(rows)} 户（已发放 {paid} 户）"


def _applications(city, season, dispatcher) -> str:
    suspended = list(
        Household.objects.filter(station__company=dispatcher.company, payment_status="suspended").order_by(
            "account"
        )[:3]
    )
    if not suspended or HeatApplication.objects.exists():
        return ""
    made = []
    for i, h in enumerate(suspended):
        try:
            app = apply_resumption(household=h, by=None, applicant=Applicant.RESIDENT, name=h.resident_name,
                                   phone=h.phone, note="家里有老人，想恢复供热")  # fmt: skip
        except DomainError as err:  # out of season when the demo is built in summer
            log.info("demo 开栓 application not filed: %s", err)
            continue
        if i == 0:
            decide(application=app, by=dispatcher, approve=True, note="同意，安排上门开栓")
        elif i == 1:  # filed twelve days ago and never answered: the sweep flags it
            HeatApplication.objects.filter(pk=app.pk).update(
                applied_at=app.applied_at - timedelta(days=12), answer_due=app.answer_due - timedelta(days=12)
            )
        made.append(app)
    mark_overdue_answers()
    return f"开栓申请 {len(made)} 件" if made else ""


@register("hall", order=35)
def seed_demo() -> str:
    boss = User.objects.filter(role=Role.SUPERVISOR).order_by("pk").first()
    dispatcher = User.objects.filter(role=Role.DISPATCHER, company__isnull=False).order_by("pk").first()
    lines = []
    for city in City.objects.all():
        season = current_or_next_season(city=city)
        if season is None:
            continue
        with transaction.atomic():
            _policies(city)
            paid = _payments(city, season)
            parts = [f"缴费 {paid} 笔"] if paid else []
            if boss is not None and not Subsidy.objects.filter(season=season).exists():
                parts.append(_subsidies(season, boss))
            if dispatcher is not None and dispatcher.company.city_id == city.pk:
                parts.append(_applications(city, season, dispatcher))
            try:
                n = compute_statements(season=season, by=None)
                parts.append(f"热费账单 {n} 户")
            except DomainError:
                pass
        if parts:
            lines.append(f"{city.name} {season.name}：" + "，".join(p for p in parts if p))
    return "网上营业厅：" + "；".join(lines) if lines else ""
