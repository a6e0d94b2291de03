"""Writes of the summer repair ledger. Each is one transaction with its audit entry (core.audit)."""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.bounds import OutOfRange
from wennuan.core.errors import DomainError, NotPermitted, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.registry.models import Building, Company, Estate, Station
from wennuan.rules import selectors as rules

from .enums import ItemStatus, SiteLevel
from .hotspots import Hotspot
from .models import RepairItem, RepairProgress
from .selectors import open_sites

# The company must be done this many days before the next season starts, so the supervisor can verify.
VERIFY_DAYS_BEFORE_SEASON = 15
FUNDS_MAX = Decimal("1000000000")  # 10亿元: more is a typing error
MAX_DEADLINE_DAYS = 400


def can_create(user) -> bool:
    return bool(getattr(user, "is_supervisor", False))


def can_report(user, item: RepairItem) -> bool:
    """Progress and completion: the supervisor, or a dispatcher of the item's company."""
    if getattr(user, "is_supervisor", False):
        return True
    return getattr(user, "role", "") == Role.DISPATCHER and user.company_id == item.company_id


def _require_supervisor(user, what: str) -> None:
    if not can_create(user):
        raise NotPermitted(f"只有供热主管可以{what}")


def default_deadline(*, city, today: date | None = None) -> date:
    """VERIFY_DAYS_BEFORE_SEASON days before the city's next season starts (its rules' dates)."""
    today = today or timezone.localdate()
    season = rules.current_or_next_season(city=city, on=today) if city else None
    start = season.starts_on if season is not None else date(today.year, 11, 1)
    while start <= today:  # in season (or after the last one known): the same date a year on
        start = start.replace(year=start.year + 1)
    return start - timedelta(days=VERIFY_DAYS_BEFORE_SEASON)


def checked_deadline(value: date, *, today: date | None = None) -> date:
    today = today or timezone.localdate()
    if not today <= value <= today + timedelta(days=MAX_DEADLINE_DAYS):
        raise OutOfRange(f"整改期限须在今天至{MAX_DEADLINE_DAYS}天内（收到：{value}）")
    return value


def checked_funds(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        funds = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise OutOfRange("整改资金必须是数字（元）") from exc
    if not funds.is_finite() or not 0 <= funds <= FUNDS_MAX:
        raise OutOfRange(f"整改资金须在0至{FUNDS_MAX:,.0f}元之间（收到：{value}）")
    return funds.quantize(Decimal("0.01"))


def _problem_text(h: Hotspot) -> str:
    parts = [f"{h.households}户，投诉{h.complaints}件"]
    if h.per_100 is not None:
        parts.append(f"每百户{h.per_100}件")
    if h.repeats:
        parts.append(f"重复投诉{h.repeats}件")
    if h.below_standard:
        parts.append(f"测温不达标{h.below_standard}次")
    if h.outages:
        parts.append(f"停热{h.outages}次")
    text = "，".join(parts)
    if h.categories:
        text += f"；集中反映：{h.categories_label}"
    return text + "。"


def _next_number(city_id: int, year: int) -> str:
    prefix = f"夏治{year}-"
    used = RepairItem.objects.filter(city_id=city_id, number__startswith=prefix).count()
    return f"{prefix}{used + 1:03d}"


def _site_rows(h: Hotspot) -> dict:
    if h.level == SiteLevel.ESTATE:
        estate = Estate.objects.select_related("district").get(pk=h.site_id)
        return {"estate": estate, "city_id": estate.district.city_id}
    if h.level == SiteLevel.BUILDING:
        building = Building.objects.select_related("estate__district").get(pk=h.site_id)
        return {"building": building, "estate": building.estate, "city_id": building.estate.district.city_id}
    station = Station.objects.select_related("company").get(pk=h.site_id)
    return {"station": station, "city_id": station.company.city_id}


@transaction.atomic
def create_items(
    *, by, hotspots: list[Hotspot], start, end, deadline: date | None = None
) -> list[RepairItem]:
    """Turn hotspots into ledger items (一件一跟踪), one per site; a site that already has an item not yet
    verified gets no second one. The evidence is the hotspot's figures over [start, end); the responsible
    company the one heating most of its households (a station's own). Returns the items created."""
    _require_supervisor(by, "列入冬病夏治台账")
    if deadline is not None:
        deadline = checked_deadline(deadline)
    now = timezone.now()
    created = []
    for level in {h.level for h in hotspots}:
        taken = open_sites(level=level, site_ids=[h.site_id for h in hotspots if h.level == level])
        for h in (h for h in hotspots if h.level == level and h.site_id not in taken):
            if h.company_id is None:
                raise DomainError(f"{h.name}没有供热企业，无法列入台账")
            site = _site_rows(h)
            city_id = site.pop("city_id")
            item = RepairItem.objects.create(
                city_id=city_id,
                number=_next_number(city_id, timezone.localdate(now).year),
                level=h.level,
                district_id=h.district_id,
                site_label=h.name,
                problem=_problem_text(h),
                evidence=h.as_evidence(start=start, end=end),
                company=Company.objects.get(pk=h.company_id),
                deadline=deadline or default_deadline(city=city_id),
                created_at=now,
                created_by=by,
                **site,
            )
            audit.record(
                actor=by,
                action="repairs.create",
                obj=item,
                summary=f"列入冬病夏治台账 {item.number} {item.site_label}（{item.company.name}）",
            )
            created.append(item)
    return created


@transaction.atomic
def update_item(*, item: RepairItem, by, problem: str, company, funds_yuan, deadline: date) -> RepairItem:
    """The supervisor edits what is to be done, by whom, with what money, by when."""
    _require_supervisor(by, "修改台账事项")
    if item.status == ItemStatus.VERIFIED:
        raise TransitionNotAllowed("已验收销号的事项不能再修改")
    problem = (problem or "").strip()
    if not problem:
        raise DomainError("存在问题不能为空")
    new = {
        "problem": problem[:4000],
        "company_id": company.pk,
        "funds_yuan": checked_funds(funds_yuan),
        "deadline": deadline if deadline == item.deadline else checked_deadline(deadline),
    }
    changes = {k: [str(getattr(item, k)), str(v)] for k, v in new.items() if getattr(item, k) != v}
    for k, v in new.items():
        setattr(item, k, v)
    if "deadline" in changes and item.deadline >= timezone.localdate():
        item.overdue, item.overdue_since = False, None  # a new deadline restarts the clock
    item.save()
    audit.record(
        actor=by, action="repairs.update", obj=item, summary=f"修改台账 {item.number}", changes=changes
    )
    return item


@transaction.atomic
def add_progress(*, item: RepairItem, by, on: date, percent: int, note: str) -> RepairProgress:
    """A dated progress entry through the summer; the item's percent follows the latest entry."""
    if not can_report(by, item):
        raise NotPermitted("只有责任企业调度或供热主管可以填报整改进展")
    if item.status == ItemStatus.VERIFIED:
        raise TransitionNotAllowed("已验收销号的事项不再填报进展")
    today = timezone.localdate()
    created_on = timezone.localdate(item.created_at)
    if not created_on <= on <= today:
        raise OutOfRange(f"进展日期须在列入台账之日（{created_on}）至今天之间")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise OutOfRange("进度须在0至100之间")
    note = (note or "").strip()
    if not note:
        raise DomainError("请填写进展情况")
    entry = RepairProgress.objects.create(
        item=item,
        on=on,
        percent=percent,
        note=note[:2000],
        by=by,
        by_label=by.display_name,
        recorded_at=timezone.now(),
    )
    latest = item.progress.order_by("-on", "-id").first()
    item.percent = latest.percent
    item.save(update_fields=["percent"])
    audit.record(
        actor=by,
        action="repairs.progress",
        obj=item,
        summary=f"{item.number} {on} 进度{percent}%：{note[:100]}",
    )
    return entry


@transaction.atomic
def complete_item(*, item: RepairItem, by, note: str) -> RepairItem:
    """The company reports the repair done: the clock stops, the item waits for verification."""
    if not can_report(by, item):
        raise NotPermitted("只有责任企业调度或供热主管可以报完成")
    if item.status != ItemStatus.OPEN:
        raise TransitionNotAllowed(f"事项{item.get_status_display()}，不能报完成")
    now = timezone.now()
    RepairProgress.objects.create(
        item=item,
        on=timezone.localdate(now),
        percent=100,
        note=f"报完成：{(note or '').strip() or '整改完成'}"[:2000],
        by=by,
        by_label=by.display_name,
        recorded_at=now,
    )
    item.status, item.percent, item.completed_at = ItemStatus.DONE, 100, now
    item.save(update_fields=["status", "percent", "completed_at"])
    audit.record(
        actor=by,
        action="repairs.complete",
        obj=item,
        summary=f"{item.number} 报完成",
        changes={"status": ["open", "done"]},
    )
    return item


@transaction.atomic
def verify_item(*, item: RepairItem, by, passed: bool, note: str) -> RepairItem:
    """The supervisor's verification before the season: passed → 验收销号; not → back to 整改中."""
    _require_supervisor(by, "验收台账事项")
    if item.status != ItemStatus.DONE:
        raise TransitionNotAllowed("只有已完成待验收的事项可以验收")
    note = (note or "").strip()
    if not passed and not note:
        raise DomainError("验收不通过须写明原因")
    now = timezone.now()
    old = item.status
    if passed:
        item.status, item.verified_at, item.verified_by = ItemStatus.VERIFIED, now, by
    else:
        item.status, item.completed_at = ItemStatus.OPEN, None
    item.verification_note = note[:2000]
    item.save(update_fields=["status", "verified_at", "verified_by", "completed_at", "verification_note"])
    audit.record(
        actor=by,
        action="repairs.verify" if passed else "repairs.reject",
        obj=item,
        summary=f"{item.number} {'验收通过' if passed else '验收不通过：' + note[:100]}",
        changes={"status": [old, item.status]},
    )
    return item
