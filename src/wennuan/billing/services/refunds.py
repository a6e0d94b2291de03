"""The refund ledger's writes: compute a household's refund for a season, approve it, record it paid;
estate-wide negotiated reductions (proposed, then approved)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError, TransitionNotAllowed
from wennuan.outages.selectors import outage_intervals
from wennuan.rules.models import Season
from wennuan.rules.selectors import indoor_standard, season_on

from .. import city_rules
from ..enums import ReductionStatus, RefundStatus, Refusal
from ..models import EstateReduction, Measurement, RefundEntry
from ..refunds.engine import Interval, Reading, RefundInput, compute


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day (03-31 + 2 months = 05-31)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def engine_input(*, household, season: Season) -> RefundInput | None:
    """The engine's input from the database: the household's measurements in the season, its area and the
    city's tariff, rule and standard; None when the city has no tariff in force (no price, no refund)."""
    city_id = household.station.company.city_id
    tariff = city_rules.tariff_on(city_id=city_id, on=season.starts_on)
    if tariff is None:
        return None
    tz = timezone.get_current_timezone()
    opens = datetime.combine(season.starts_on, time.min, tz)
    closes = datetime.combine(season.ends_on + timedelta(days=1), time.min, tz)
    measurements = list(
        Measurement.objects.filter(household=household, measured_at__gte=opens, measured_at__lt=closes)
        .select_related("case")
        .prefetch_related("rooms")
        .order_by("measured_at", "id")
    )
    readings = []
    for m in measurements:
        if m.refusal:
            readings.append(
                Reading(at=m.measured_at, celsius=m.lowest_celsius, signed=False, refusal=Refusal(m.refusal))
            )
            continue
        readings.extend(
            Reading(
                at=m.measured_at,
                celsius=room.mean_celsius,
                signed=m.is_signed,
                cause=m.cause or None,
                cause_note=m.cause_note,
                room=room.name,
                room_area_m2=room.area_m2,
            )  # fmt: skip
            for room in m.rooms.all()
        )
    # The request the first measurement answered: its deadline is stored on the case (the city's clock).
    request = next((m.case for m in measurements if m.case is not None), None)
    deadline_hours = None
    if request is not None and request.onsite_due is not None:
        deadline_hours = Decimal((request.onsite_due - request.received_at) / timedelta(hours=1)).quantize(
            Decimal("0.01")
        )
    return RefundInput(
        rule=city_rules.engine_rule(city_id=city_id, on=season.starts_on, tariff=tariff),
        season_start=season.starts_on, season_end=season.ends_on, area_m2=household.area,
        price_per_m2=tariff.residential_price, readings=tuple(readings),
        outages=tuple(
            Interval(start=i.start, end=i.end)
            for i in outage_intervals(household=household, start=opens, end=closes)
        ),
        complaint_at=request.received_at if deadline_hours is not None else None,
        measurement_deadline_hours=deadline_hours,
        standard=indoor_standard(city=city_id, on=season.starts_on), tz=tz,
    )  # fmt: skip


@transaction.atomic
def recompute_refund(*, household, on: date | datetime, by=None) -> RefundEntry | None:
    """Compute the household's refund for the season heating on ``on`` and store it in the ledger.

    A paid refund is never changed; an approved one whose amount changes goes back to awaiting approval."""
    city_id = household.station.company.city_id
    season = season_on(city=city_id, on=on)
    if season is None:
        return None
    entry = RefundEntry.objects.select_for_update().filter(household=household, season=season).first()
    if entry is not None and entry.status == RefundStatus.PAID:
        return entry
    data = engine_input(household=household, season=season)
    if data is None:
        amount, days, explanation = Decimal("0.00"), 0, "本市未设置供热价格，无法计算退费。"
    else:
        result = compute(data)
        amount, days, explanation = result.refund_yuan, result.days, result.explanation
    measured = bool(data.readings) if data is not None else household.measurements.exists()
    if entry is None and amount == 0 and not measured:
        return None  # nothing measured and nothing owed: no ledger row (an outage under the threshold, …)
    rule = city_rules.refund_rule_on(city_id=city_id, on=season.starts_on)
    due_on = add_months(season.ends_on, rule.deadline_months if rule else 2)
    created = entry is None
    if created:
        entry = RefundEntry(household=household, season=season)
    changed = created or entry.amount != amount or entry.days != days
    entry.company_id = household.station.company_id
    entry.days, entry.amount, entry.explanation, entry.due_on = days, amount, explanation, due_on
    entry.computed_at = timezone.now()
    if changed and entry.status == RefundStatus.APPROVED:
        entry.status, entry.approved_by, entry.approved_at = RefundStatus.COMPUTED, None, None
    entry.save()
    if changed:
        audit.record(
            actor=by, action="billing.refund_computed", obj=entry,
            summary=f"{household.account} {season.name} 退费{amount}元（{days}天）",
            changes={"amount": str(amount), "days": days},
        )  # fmt: skip
    return entry


@transaction.atomic
def approve_refund(*, entry: RefundEntry, by) -> RefundEntry:
    """The company approves a computed refund (entry from a scoped selector)."""
    entry = RefundEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != RefundStatus.COMPUTED:
        raise TransitionNotAllowed(f"该退费已{entry.get_status_display()}，不能再审核")
    if entry.amount <= 0:
        raise DomainError("退费金额为0，无需审核")
    entry.status, entry.approved_by, entry.approved_at = RefundStatus.APPROVED, by, timezone.now()
    entry.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record(
        actor=by,
        action="billing.refund_approved",
        obj=entry,
        summary=f"{entry.household} 退费{entry.amount}元已审核",
    )
    return entry


@transaction.atomic
def mark_refund_paid(*, entry: RefundEntry, by, paid_on: date) -> RefundEntry:
    entry = RefundEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != RefundStatus.APPROVED:
        raise TransitionNotAllowed("须先审核再退付")
    today = timezone.localdate()
    if paid_on > today or paid_on < entry.season.starts_on:
        raise DomainError("退付日期须在供暖季开始之后、今天之前")
    entry.status, entry.paid_on = RefundStatus.PAID, paid_on
    entry.save(update_fields=["status", "paid_on"])
    audit.record(
        actor=by,
        action="billing.refund_paid",
        obj=entry,
        summary=f"{entry.household} 退费{entry.amount}元已于{paid_on}退付",
    )
    return entry


@transaction.atomic
def propose_reduction(*, by, estate, season: Season, company, days: int, reason: str) -> EstateReduction:
    """A negotiated reduction for a whole estate (``estate`` and ``company`` from scoped selectors)."""
    legal = (season.ends_on - season.starts_on).days + 1
    if not 1 <= days <= legal:
        raise DomainError(f"减免天数须在1～{legal}天之间")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise DomainError("须写明协商原因（至少4个字）")
    row = EstateReduction.objects.create(
        estate=estate, season=season, company=company, days=days, reason=reason[:1000],
        proposed_by=by, proposed_at=timezone.now(),
    )  # fmt: skip
    audit.record(
        actor=by,
        action="billing.reduction_proposed",
        obj=row,
        summary=f"{estate} {season.name} 协商减免{days}天",
    )
    return row


@transaction.atomic
def approve_reduction(*, reduction: EstateReduction, by) -> EstateReduction:
    """The city's supervisor approves a proposed reduction."""
    if not by.is_supervisor:
        raise DomainError("协商减免须由供热主管部门批准")
    row = EstateReduction.objects.select_for_update().get(pk=reduction.pk)
    if row.status != ReductionStatus.PROPOSED:
        raise TransitionNotAllowed("该减免已批准")
    row.status, row.approved_by, row.approved_at = ReductionStatus.APPROVED, by, timezone.now()
    row.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record(
        actor=by,
        action="billing.reduction_approved",
        obj=row,
        summary=f"{row.estate} 协商减免{row.days}天已批准",
    )
    return row


def refunds_after_restore(sender, *, outage, by, **kwargs) -> None:
    """outages' ``outage_restored``: a company-caused stoppage over the city's threshold adds its days to
    each affected household's refund for the season (connected in apps.py)."""
    from wennuan.outages.selectors import outage_refund

    if outage_refund(outage).days <= 0:
        return
    for link in outage.links.select_related("household__station__company"):
        recompute_refund(household=link.household, on=outage.start, by=by)
