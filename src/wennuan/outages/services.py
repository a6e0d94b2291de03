"""Writes of the outages app: record an outage (with its households and the notice to the people
involved) and record its restore. Each checks its input, writes its rows, the audit entry and the notices
in one transaction."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.errors import DomainError, NotInScope, NotPermitted, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.registry.models import Company, Household, Station

from . import notify, selectors
from .enums import CAUSE_LIABILITY, AreaKind, Liability, OutageCause
from .models import Outage, OutageHousehold
from .signals import outage_restored

RECORDERS = frozenset({Role.SUPERVISOR, Role.DISPATCHER})
# Bounds on dates a person types (not city rules): an outage is recorded within a season of its start,
# a planned one announced at most a quarter ahead, and none lasts a year. A clock a few minutes fast on a
# phone must not make "now" a date in the future.
EARLIEST_START = timedelta(days=400)
LATEST_ANNOUNCEMENT = timedelta(days=90)
LONGEST = timedelta(days=366)
CLOCK_SKEW = timedelta(minutes=5)
MAX_AREA_ITEMS = 500  # buildings or units in one outage; a larger area is a station


def can_record(user) -> bool:
    """Dispatchers (their company's stations) and the city's supervisors record and restore outages."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.role in RECORDERS


def check_recorder(user) -> None:
    if not can_record(user):
        raise NotPermitted("只有供热企业调度或供热主管可以登记停热事件")
    if not user.is_supervisor and not user.company_id:
        raise NotPermitted("调度账号未指定供热企业")


def _aware(value, field: str) -> datetime:
    if not isinstance(value, datetime):
        raise DomainError(f"{field}：不是有效的日期时间")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@transaction.atomic
def record_outage(
    *,
    by,
    cause: str,
    start: datetime,
    expected_restore: datetime,
    station: Station | None = None,
    buildings=(),
    units=(),
    company: Company | None = None,
    liability: str | None = None,
    description: str = "",
    at: datetime | None = None,
) -> Outage:
    """Record an outage over one area — a ``station``, or ``buildings``, or ``units`` — and tell the grid
    workers and community staff over its households.

    A planned maintenance is announced ahead: its ``start`` must be later than now; any other outage has
    started already. The households are the area's households heated by the outage's company (the
    station's; the dispatcher's own; or, when a supervisor names buildings heated by several companies,
    ``company``). ``liability`` defaults from the cause. Raises ``NotPermitted``, ``NotInScope`` (an area
    outside the recorder's company) or ``DomainError`` with the reason. ``at``: when it is recorded (default
    now; the demo season replays a past one)."""
    check_recorder(by)
    if cause not in OutageCause.values:
        raise DomainError(f"停热原因：无效的选项“{cause}”")
    liability = liability or CAUSE_LIABILITY[OutageCause(cause)]
    if liability is None:
        raise DomainError("停热原因为“其他”时须指定责任方")
    if liability not in Liability.values:
        raise DomainError(f"责任方：无效的选项“{liability}”")
    description = (description or "").strip()
    if len(description) > 500:
        raise DomainError("情况说明：不能超过500字")
    start, expected_restore = _aware(start, "停热开始"), _aware(expected_restore, "预计恢复")
    now = at or timezone.now()
    planned = cause == OutageCause.PLANNED_MAINTENANCE
    _check_dates(start=start, expected_restore=expected_restore, now=now, planned=planned)

    kind, households, label, station = _area(by=by, station=station, buildings=buildings, units=units)
    company = _company(by=by, station=station, households=households, company=company)
    households = households.filter(station__company=company)
    totals = households.aggregate(n=Count("pk"), m2=Sum("area"))
    if not totals["n"]:
        raise DomainError(f"该范围内没有{company.name}供热的住户")

    outage = Outage.objects.create(
        company=company,
        area_kind=kind,
        station=station,
        cause=cause,
        liability=liability,
        description=description,
        planned=planned,
        start=start,
        expected_restore=expected_restore,
        household_count=totals["n"],
        area_m2=Decimal(str(totals["m2"] or 0)).quantize(Decimal("0.01")),  # SQLite sums to a float
        area_label=label[:300],
        recorded_at=now,
        recorded_by=by,
    )
    if kind == AreaKind.BUILDINGS:
        outage.buildings.set(buildings)
    elif kind == AreaKind.UNITS:
        outage.units.set(units)
    OutageHousehold.objects.bulk_create(
        [OutageHousehold(outage=outage, household_id=pk) for pk in households.values_list("pk", flat=True)],
        batch_size=2000,
    )
    audit.record(
        actor=by,
        action="outages.recorded",
        obj=outage,
        summary=f"登记停热：{outage.area_label} {outage.summary}（{outage.get_cause_display()}）",
        changes={
            "cause": cause,
            "liability": liability,
            "start": start.isoformat(),
            "expected_restore": expected_restore.isoformat(),
            "households": outage.household_count,
        },
    )
    notify.tell_recorded(outage)
    return outage


def _check_dates(*, start: datetime, expected_restore: datetime, now: datetime, planned: bool) -> None:
    if start < now - EARLIEST_START:
        raise DomainError(f"停热开始：不能早于{EARLIEST_START.days}天前")
    if start > now + LATEST_ANNOUNCEMENT:
        raise DomainError(f"停热开始：最多提前{LATEST_ANNOUNCEMENT.days}天公告")
    if planned and start <= now:
        raise DomainError("计划检修须提前公告：停热开始时间应晚于现在")
    if not planned and start > now + CLOCK_SKEW:
        raise DomainError("停热开始：不能晚于现在（提前公告的停热请选“计划检修”）")
    if expected_restore <= start:
        raise DomainError("预计恢复：必须晚于停热开始时间")
    if expected_restore - start > LONGEST:
        raise DomainError(f"预计恢复：停热不能超过{LONGEST.days}天")


def _area(*, by, station, buildings, units):
    """(kind, the area's households ``by`` may see, its label, the station or None)."""
    buildings, units = list(buildings or ()), list(units or ())
    given = [bool(station), bool(buildings), bool(units)]
    if sum(given) != 1:
        raise DomainError("停热范围：请选择一个换热站，或若干楼栋，或若干单元（只选一种）")
    if len(buildings) > MAX_AREA_ITEMS or len(units) > MAX_AREA_ITEMS:
        raise DomainError(f"停热范围：一次最多{MAX_AREA_ITEMS}个楼栋或单元，更大范围请按换热站登记")
    visible = Household.objects.visible_to(by)
    if station:
        if not by.is_supervisor and station.company_id != by.company_id:
            raise NotInScope(f"换热站“{station.name}”不属于您的企业")
        return AreaKind.STATION, visible.filter(station=station), f"{station.name}（整站）", station
    if buildings:
        seen = set(visible.filter(unit__building__in=buildings).values_list("unit__building_id", flat=True))
        missing = [b for b in buildings if b.pk not in seen]
        if missing:
            raise NotInScope(f"楼栋“{missing[0]}”没有您范围内的住户")
        label = _label([(b.estate.name, b.label, "") for b in buildings])
        return AreaKind.BUILDINGS, visible.filter(unit__building__in=buildings), label, None
    seen = set(visible.filter(unit__in=units).values_list("unit_id", flat=True))
    missing = [u for u in units if u.pk not in seen]
    if missing:
        raise NotInScope(f"单元“{missing[0].building}{missing[0]}”没有您范围内的住户")
    label = _label([(u.building.estate.name, u.building.label, u.label or "平房") for u in units])
    return AreaKind.UNITS, visible.filter(unit__in=units), label, None


def _label(parts: list[tuple[str, str, str]]) -> str:
    """「幸福小区1号楼1单元、2单元；西园小区2号楼」: estates in order, each estate's buildings, units."""
    estates: dict[str, dict[str, list[str]]] = {}
    for estate, building, unit in parts:
        units = estates.setdefault(estate, {}).setdefault(building, [])
        if unit and unit not in units:
            units.append(unit)
    return "；".join(
        estate + "、".join(b + "、".join(us) for b, us in blds.items()) for estate, blds in estates.items()
    )


def _company(*, by, station, households, company) -> Company:
    if station is not None:
        return station.company
    if not by.is_supervisor:
        if company is not None and company.pk != by.company_id:
            raise NotInScope("只能登记本企业的停热事件")
        return by.company
    if company is not None:
        return company
    ids = list(households.order_by().values_list("station__company_id", flat=True).distinct()[:2])
    if len(ids) > 1:
        raise DomainError("该范围由多家供热企业供热，请指定供热企业")
    if not ids:
        raise DomainError("该范围内没有住户")
    return Company.objects.get(pk=ids[0])


@transaction.atomic
def restore_outage(*, outage: Outage, by, at: datetime | None = None) -> Outage:
    """Record that heat is back (实际恢复) at ``at`` (default now), once, and tell the people told of the
    outage, with the days it adds to each household's refund. ``outage`` comes from a scoped selector."""
    check_recorder(by)
    if not by.is_supervisor and outage.company_id != by.company_id:
        raise NotInScope("只能登记本企业的停热事件")
    now = timezone.now()
    at = _aware(at, "实际恢复") if at is not None else now
    if at <= outage.start:
        raise DomainError("实际恢复：必须晚于停热开始时间")
    if at > now + CLOCK_SKEW:
        raise DomainError("实际恢复：不能晚于现在")
    # The conditional UPDATE is the lock: of two restores at once, one wins, the other is told.
    if not Outage.objects.filter(pk=outage.pk, actual_restore__isnull=True).update(
        actual_restore=at, restored_by=by
    ):
        raise TransitionNotAllowed("该停热事件已登记恢复供热")
    outage.actual_restore, outage.restored_by = at, by
    refund = selectors.outage_refund(outage)
    audit.record(
        actor=by,
        action="outages.restored",
        obj=outage,
        summary=f"恢复供热：{outage.area_label}；{refund.explanation}",
        changes={"actual_restore": at.isoformat(), "refund_days": refund.days},
    )
    notify.tell_restored(outage, refund=refund)
    outage_restored.send(sender=Outage, outage=outage, by=by)
    return outage
