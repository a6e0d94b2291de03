"""Weekly random spot check (每周随机抽核) of last week's closed cases, stratified by company."""

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core import audit
from wennuan.core.errors import DomainError, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.rules.selectors import city_id_for

from .. import deadlines
from ..enums import CaseState, FakeClosureReason
from ..models import Case, SpotCheck
from ._base import add_event
from .revisit import flag_fake_closure


class SpotCheckInvalid(DomainError):
    code = "spot_check_invalid"
    http_status = 422


def last_week_start(now: datetime) -> date:
    """Monday of the week before the one ``now`` falls in (local time)."""
    today = timezone.localtime(now).date()
    return today - timedelta(days=today.weekday() + 7)


def _week_bounds(week_start: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(week_start, time.min), tz)
    return start, start + timedelta(days=7)


def seed_for(week_start: date) -> str:
    return f"spotcheck-{week_start.isoformat()}"


def sample_ids(
    by_company: dict[int, list[int]], *, per_company: int | dict[int, int], seed: str
) -> dict[int, list[int]]:
    """The same input and seed always give the same sample: companies and ids are sorted before drawing.
    ``per_company`` is one number for all, or each company's (its city's rule)."""
    rng = random.Random(seed)
    out = {}
    for company_id in sorted(by_company):
        ids = sorted(by_company[company_id])
        n = per_company if isinstance(per_company, int) else per_company[company_id]
        out[company_id] = sorted(rng.sample(ids, min(n, len(ids))))
    return out


def draw_spot_check(*, week_start: date, only_if_new: bool = False, at=None) -> list[SpotCheck]:
    """Draw the week's sample (closed in [Monday, next Monday)); assign checkers round-robin.

    Drawing again returns the rows already drawn (or [] with ``only_if_new``): the sample never changes.
    ``at``: when the draw happens (default now), the time of its timeline lines."""
    existing = list(SpotCheck.objects.filter(week_start=week_start).order_by("id"))
    if existing:
        return [] if only_if_new else existing
    start, end = _week_bounds(week_start)
    by_company: dict[int, list[int]] = defaultdict(list)
    closed = Case.objects.filter(
        state=CaseState.CLOSED, closed_at__gte=start, closed_at__lt=end, company__isnull=False
    ).values_list("id", "company_id")
    for case_id, company_id in closed:
        by_company[company_id].append(case_id)
    if not by_company:
        return []
    seed = seed_for(week_start)
    quota = {
        company_id: deadlines.rules_on(start, city=city_id_for(company_id=company_id)).spot_check_per_company
        for company_id in by_company
    }
    sample = sample_ids(by_company, per_company=quota, seed=seed)
    checkers = list(User.objects.filter(role=Role.SPOT_CHECKER, is_active=True).order_by("id"))
    rows = []
    for company_id, ids in sample.items():
        for case_id in ids:
            checker = checkers[len(rows) % len(checkers)] if checkers else None
            rows.append(
                SpotCheck(
                    week_start=week_start, case_id=case_id, company_id=company_id, checker=checker, seed=seed
                )
            )
    with transaction.atomic():
        SpotCheck.objects.bulk_create(rows, ignore_conflicts=True)
        drawn = list(SpotCheck.objects.filter(week_start=week_start).select_related("case").order_by("id"))
        if len(drawn) == len(rows) and not _events_written(week_start):
            for check in drawn:
                add_event(
                    check.case,
                    by=None,
                    action="spot_check_drawn",
                    at=at,
                    note=f"{week_start} 周随机抽核",
                    data={"spot_check_id": check.pk, "checker_id": check.checker_id},
                )
            audit.record(
                actor=None,
                action="case.spot_check_draw",
                summary=f"{week_start} 周抽核 {len(drawn)} 件",
                changes={"seed": seed, "case_ids": [c.case_id for c in drawn]},
            )
    return drawn


def _events_written(week_start: date) -> bool:
    from ..models import CaseEvent

    return CaseEvent.objects.filter(action="spot_check_drawn", note=f"{week_start} 周随机抽核").exists()


def record_spot_check(*, check: SpotCheck, by, passed: bool, finding: str, at=None) -> SpotCheck:
    """The checker's finding goes on the case; a failed check puts the case on the fake-closure list."""
    if by is None or not (by.is_superuser or by.role in (Role.SPOT_CHECKER, Role.SUPERVISOR)):
        raise TransitionNotAllowed("只有抽核员或供热主管可以录入抽核结果")
    if by.role == Role.SPOT_CHECKER and check.checker_id not in (None, by.pk):
        raise TransitionNotAllowed("该工单已分配给其他抽核员")
    finding = (finding or "").strip()
    if not passed and not finding:
        raise SpotCheckInvalid("抽核不合格须写明发现的问题")
    now = at or timezone.now()
    with transaction.atomic():
        updated = SpotCheck.objects.filter(pk=check.pk, checked_at__isnull=True).update(
            checked_at=now, passed=passed, finding=finding, checker=by
        )
        if not updated:
            raise TransitionNotAllowed("该抽核已录入结果")
        add_event(
            check.case,
            by=by,
            action="spot_check",
            at=now,
            note=finding or "抽核合格",
            data={"spot_check_id": check.pk, "passed": passed},
        )
        audit.record(
            actor=by,
            action="case.spot_check",
            obj=check.case,
            summary=f"抽核{'合格' if passed else '不合格'}",
        )
    if not passed:
        flag_fake_closure(
            case_id=check.case_id, by=by, reason=FakeClosureReason.SPOT_CHECK_FAILED, note=finding, at=now
        )
    check.refresh_from_db()
    return check
