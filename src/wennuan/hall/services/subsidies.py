"""困难补贴: entitlement (from the registry's groups in bulk, or recorded by staff for 优抚对象 and others),
approval, payment. The amount is the city's dated policy for the group in force when the season starts."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wennuan.billing import city_rules as billing_rules
from wennuan.core import audit
from wennuan.core.errors import DomainError, NotInScope, NotPermitted, TransitionNotAllowed
from wennuan.registry.models import Household

from ..city_rules import subsidy_rules
from ..enums import REGISTRY_GROUPS, SubsidyBasis, SubsidyGroup, SubsidyStatus
from ..errors import ConditionNotMet, NoTariff
from ..models import Subsidy, SubsidyRule
from ..roles import FILERS, SUBSIDY_APPROVERS, may
from .statements import recompute_for

CENT = Decimal("0.01")


def amount_for(rule: SubsidyRule, *, area: Decimal, price: Decimal | None) -> Decimal:
    """What ``rule`` grants a household of ``area`` m² (``price``: the city's 元/㎡, for a fee share)."""
    capped = min(area, rule.max_area_m2) if rule.max_area_m2 else area
    if rule.basis == SubsidyBasis.FIXED:
        value = rule.value
    elif rule.basis == SubsidyBasis.PER_M2:
        value = capped * rule.value
    else:
        if price is None:
            raise NoTariff("本市没有生效的供热价格，无法按热费比例计算补贴")
        value = capped * price * rule.value
    return value.quantize(CENT, ROUND_HALF_UP)


def _price(season) -> Decimal | None:
    tariff = billing_rules.tariff_on(city_id=season.city_id, on=season.starts_on)
    return tariff.residential_price if tariff else None


def _best(household, rules: dict[str, SubsidyRule], groups, price) -> tuple[SubsidyRule, Decimal] | None:
    """The most favourable of the household's groups that the city's policy covers."""
    offers = [
        (rules[g], amount_for(rules[g], area=household.area, price=price)) for g in groups if g in rules
    ]
    return max(offers, key=lambda o: o[1], default=None)


@transaction.atomic
def assess_subsidies(*, season, by) -> int:
    """Entitle every household of the season's city whose registry groups (低保户, 特困户, …) the city's
    policy covers and that has no subsidy for the season yet; returns how many were added. Idempotent."""
    if not may(by, SUBSIDY_APPROVERS):
        raise NotPermitted("只有供热主管、区县或街道工作人员可以认定补贴")
    rules = {
        g: r
        for g, r in subsidy_rules(city_id=season.city_id, on=season.starts_on).items()
        if g in REGISTRY_GROUPS
    }
    if not rules:
        return 0
    price = _price(season)
    match = Q()
    for group in rules:
        match |= Q(priority_groups__contains=group)
    candidates = (
        Household.objects.visible_to(by)
        .filter(match, station__company__city_id=season.city_id)
        .exclude(subsidies__season=season)
        .only("id", "area", "priority_groups")
    )
    now = timezone.now()
    rows = []
    for h in candidates.iterator(chunk_size=2000):
        best = _best(h, rules, h.priority_group_list, price)
        if best is not None:
            rows.append(
                Subsidy(
                    household=h,
                    season=season,
                    group=best[0].group,
                    rule=best[0],
                    amount=best[1],
                    entitled_at=now,
                )
            )
    Subsidy.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    audit.record(
        actor=by, action="hall.subsidies_assessed", obj=season,
        summary=f"{season} 按台账重点人群认定困难补贴 {len(rows)} 户", changes={"households": len(rows)},
    )  # fmt: skip
    return len(rows)


@transaction.atomic
def grant_subsidy(*, household, season, group: str, by, certificate: str = "") -> Subsidy:
    """Staff record an entitlement the registry does not carry (优抚对象 by certificate, a 低保 certified
    since the ledger was imported). ConditionNotMet when the city's policy does not cover the group."""
    if not may(by, FILERS | SUBSIDY_APPROVERS):
        raise NotPermitted("您的角色不能登记补贴对象")
    if not Household.objects.visible_to(by).filter(pk=household.pk).exists():
        raise NotInScope("户号不存在或不在您的管辖范围内")
    group = SubsidyGroup(group)
    certificate = (certificate or "").strip()
    if len(certificate) > 50:
        raise DomainError("证件号最多50个字符")
    if group == SubsidyGroup.ENTITLED_CARE and not certificate:
        raise DomainError("优抚对象须填写优抚证件号")
    rule = subsidy_rules(city_id=season.city_id, on=season.starts_on).get(group)
    if rule is None:
        raise ConditionNotMet(f"本市{season.name}供暖季的补贴政策不包括{group.label}")
    if Subsidy.objects.filter(household=household, season=season).exists():
        raise ConditionNotMet(f"本户{season.name}供暖季已有补贴记录，请勿重复登记")
    row = Subsidy.objects.create(
        household=household, season=season, group=group, rule=rule, certificate=certificate,
        amount=amount_for(rule, area=Decimal(str(household.area)), price=_price(season)), entitled_at=timezone.now(),
    )  # fmt: skip
    audit.record(
        actor=by, action="hall.subsidy_granted", obj=row,
        summary=f"{household.account} 登记为{group.label}，{season.name}补贴{row.amount}元（待审核）",
    )  # fmt: skip
    return row


def _locked(subsidy: Subsidy, by) -> Subsidy:
    if not may(by, SUBSIDY_APPROVERS):
        raise NotPermitted("只有供热主管、区县或街道工作人员可以审核、发放补贴")
    row = (
        Subsidy.objects.visible_to(by)
        .select_for_update(of=("self",))
        .select_related("household", "season", "rule")
        .filter(pk=subsidy.pk)
        .first()
    )
    if row is None:
        raise NotInScope("补贴记录不存在或不在您的管辖范围内")
    return row


@transaction.atomic
def approve_subsidy(*, subsidy: Subsidy, by) -> Subsidy:
    row = _locked(subsidy, by)
    if row.status != SubsidyStatus.ENTITLED:
        raise TransitionNotAllowed(f"该补贴{row.get_status_display()}，不能再审核")
    row.status, row.approved_by, row.approved_at = SubsidyStatus.APPROVED, by, timezone.now()
    row.pay_by = timezone.localdate() + timedelta(days=row.rule.pay_within_days)
    row.save(update_fields=["status", "approved_by", "approved_at", "pay_by"])
    recompute_for(season=row.season, household_ids=[row.household_id])
    audit.record(
        actor=by, action="hall.subsidy_approved", obj=row,
        summary=f"{row.household.account} 补贴{row.amount}元已审核，应于{row.pay_by}前发放",
    )  # fmt: skip
    return row


@transaction.atomic
def reject_subsidy(*, subsidy: Subsidy, by, reason: str) -> Subsidy:
    row = _locked(subsidy, by)
    if row.status not in (SubsidyStatus.ENTITLED, SubsidyStatus.APPROVED):
        raise TransitionNotAllowed(f"该补贴{row.get_status_display()}，不能改为未通过")
    reason = (reason or "").strip()
    if not 4 <= len(reason) <= 200:
        raise DomainError("须写明未通过的原因（4～200个字）")
    row.status, row.rejected_reason = SubsidyStatus.REJECTED, reason
    row.save(update_fields=["status", "rejected_reason"])
    recompute_for(season=row.season, household_ids=[row.household_id])
    audit.record(
        actor=by,
        action="hall.subsidy_rejected",
        obj=row,
        summary=f"{row.household.account} 补贴未通过：{reason}",
    )
    return row


@transaction.atomic
def mark_subsidy_paid(*, subsidy: Subsidy, by, paid_on: date) -> Subsidy:
    row = _locked(subsidy, by)
    if row.status != SubsidyStatus.APPROVED:
        raise TransitionNotAllowed("须先审核再发放")
    today = timezone.localdate()
    if not (row.approved_at and timezone.localdate(row.approved_at) <= paid_on <= today):
        raise DomainError("发放日期须在审核之后、今天之前")
    row.status, row.paid_on = SubsidyStatus.PAID, paid_on
    row.save(update_fields=["status", "paid_on"])
    recompute_for(season=row.season, household_ids=[row.household_id])
    audit.record(
        actor=by,
        action="hall.subsidy_paid",
        obj=row,
        summary=f"{row.household.account} 补贴{row.amount}元已于{paid_on}发放",
    )
    return row
