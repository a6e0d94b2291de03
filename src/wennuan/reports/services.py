"""Writes of the reports app: a requested daily report, and each step of a 通报's life (draft → approved
→ issued). Each in one transaction with its audit entry."""

import time
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wennuan.accounts.models import User
from wennuan.core import audit
from wennuan.core.bounds import OutOfRange, checked_days
from wennuan.core.errors import DomainError, NotPermitted, TransitionNotAllowed
from wennuan.core.roles import Role
from wennuan.notices.enums import NoticeKind
from wennuan.notices.services import notify
from wennuan.registry.models import Company

from . import bulletins
from .daily import build_daily_report, resolve_city
from .enums import BulletinState, ReportStatus
from .models import Bulletin, DailyReport

EDITABLE = ("title", "recipients", "opening", "problems", "data", "cases", "requirements", "issuer")
MAX_COMPANIES = 20
TEXT_MAX = 20_000


def is_supervisor(user) -> bool:
    return bool(getattr(user, "is_supervisor", False))


def _require_supervisor(user, what: str) -> None:
    if not is_supervisor(user):
        raise NotPermitted(f"只有供热主管可以{what}")


def checked_report_day(day: date) -> date:
    checked_days(day, day)
    if day > timezone.localdate():
        raise OutOfRange("报告日期不能晚于今天")
    return day


@transaction.atomic
def request_daily_report(*, by, city, day: date) -> DailyReport:
    """Queue a daily report (the page's button); the task worker makes it (``run_daily_report``)."""
    _require_supervisor(by, "生成每日调度报告")
    city = resolve_city(city)
    report = DailyReport.objects.create(
        city=city, day=checked_report_day(day), requested_by=by, requested_at=timezone.now()
    )
    audit.record(
        actor=by, action="reports.daily_requested", obj=report, summary=f"申请{city.name}{day}每日调度报告"
    )
    from .tasks import make_daily_report

    transaction.on_commit(lambda: make_daily_report.enqueue(report.pk))
    return report


def run_daily_report(report: DailyReport) -> DailyReport:
    """Build the files of a queued report and store them (or the error)."""
    began = time.monotonic()
    try:
        xlsx, pdf = build_daily_report(report.city, report.day)
    except Exception as exc:  # noqa: BLE001 - the page must say it failed, whatever failed
        report.status, report.error = ReportStatus.FAILED, str(exc)[:500]
    else:
        report.status, report.xlsx, report.pdf = ReportStatus.DONE, xlsx, pdf
    report.seconds = round(time.monotonic() - began, 2)
    report.finished_at = timezone.now()
    report.save()
    return report


def _next_number(city, year: int) -> str:
    prefix = f"{city.name}供热通报〔{year}〕"
    used = Bulletin.objects.filter(city=city, number__startswith=prefix).count()
    return f"{prefix}{used + 1}号"


@transaction.atomic
def draft_bulletin(*, by, city, start: date, end: date, company_ids: list[int]) -> Bulletin:
    """Draft a 通报 naming the chosen companies, from their KPIs over [start, end] and their worst cases."""
    _require_supervisor(by, "起草通报")
    checked_days(start, end)
    if not company_ids:
        raise DomainError("请至少选择一家供热企业")
    if len(company_ids) > MAX_COMPANIES:
        raise DomainError(f"一次通报最多{MAX_COMPANIES}家企业")
    city = resolve_city(city)
    companies = list(Company.objects.filter(city=city, pk__in=company_ids))
    if len(companies) != len(set(company_ids)):
        raise DomainError("所选企业不属于该城市")
    ranked, total = bulletins.candidates(user=by, city=city, start=start, end=end)
    rows = [c.row for c in ranked if c.company_id in set(company_ids)]
    if len(rows) != len(companies):
        raise DomainError("所选企业在统计期内没有受理诉求，无从通报")
    cases = {
        r["group_id"]: bulletins.worst_cases(
            user=by, city_id=city.pk, company_id=r["group_id"], start=start, end=end
        )
        for r in rows
    }
    text = bulletins.draft_text(city=city, start=start, end=end, rows=rows, total=total, cases=cases)
    now = timezone.now()
    bulletin = Bulletin.objects.create(
        city=city,
        number=_next_number(city, timezone.localdate(now).year),
        start=start,
        end=end,
        figures={"companies": [_plain(r) for r in rows], "total": _plain(total)},
        created_by=by,
        created_at=now,
        **text,
    )
    bulletin.companies.set(companies)
    audit.record(
        actor=by,
        action="reports.bulletin_draft",
        obj=bulletin,
        summary=f"起草{bulletin.number}：{bulletin.title}",
    )
    return bulletin


def _plain(row: dict) -> dict:
    return {k: v for k, v in row.items() if isinstance(v, (int, float, str, type(None)))}


@transaction.atomic
def edit_bulletin(*, bulletin: Bulletin, by, **fields) -> Bulletin:
    """Change the draft's text (only while a draft)."""
    _require_supervisor(by, "修改通报")
    if bulletin.state != BulletinState.DRAFT:
        raise TransitionNotAllowed("只有草稿可以修改；已审核或已印发的通报不能再改")
    changes = {}
    for name in EDITABLE:
        if name not in fields:
            continue
        value = (fields[name] or "").strip()
        if not value:
            raise DomainError(f"{Bulletin._meta.get_field(name).verbose_name}不能为空")
        limit = Bulletin._meta.get_field(name).max_length or TEXT_MAX
        if len(value) > limit:
            raise DomainError(f"{Bulletin._meta.get_field(name).verbose_name}过长（最多{limit}字）")
        if value != getattr(bulletin, name):
            changes[name] = [getattr(bulletin, name)[:200], value[:200]]
            setattr(bulletin, name, value)
    bulletin.save()
    audit.record(
        actor=by,
        action="reports.bulletin_edit",
        obj=bulletin,
        summary=f"修改{bulletin.number}",
        changes=changes,
    )
    return bulletin


def _move(bulletin: Bulletin, by, *, frm: str, to: str, action: str, **stamps) -> Bulletin:
    # The UPDATE … WHERE state=frm makes two clicks (or two supervisors) move it once.
    moved = Bulletin.objects.filter(pk=bulletin.pk, state=frm).update(state=to, **stamps)
    if not moved:
        raise TransitionNotAllowed(f"通报当前为{bulletin.get_state_display()}，不能{action}")
    bulletin.refresh_from_db()
    audit.record(
        actor=by, action=f"reports.bulletin_{to}", obj=bulletin, summary=f"{action}{bulletin.number}",
        changes={"state": [frm, to]},
    )  # fmt: skip
    return bulletin


@transaction.atomic
def approve_bulletin(*, bulletin: Bulletin, by) -> Bulletin:
    _require_supervisor(by, "审核通报")
    return _move(
        bulletin, by, frm=BulletinState.DRAFT, to=BulletinState.APPROVED, action="审核", approved_by=by,
        approved_at=timezone.now(),
    )  # fmt: skip


@transaction.atomic
def return_bulletin(*, bulletin: Bulletin, by) -> Bulletin:
    """Back from approved to draft, to change it again."""
    _require_supervisor(by, "退回通报")
    return _move(
        bulletin, by, frm=BulletinState.APPROVED, to=BulletinState.DRAFT, action="退回修改", approved_by=None,
        approved_at=None,
    )  # fmt: skip


@transaction.atomic
def issue_bulletin(*, bulletin: Bulletin, by) -> Bulletin:
    """Issue (印发) an approved 通报: on record for good, and the named companies' dispatchers are told."""
    _require_supervisor(by, "印发通报")
    bulletin = _move(
        bulletin, by, frm=BulletinState.APPROVED, to=BulletinState.ISSUED, action="印发", issued_by=by,
        issued_at=timezone.now(),
    )  # fmt: skip
    notify(
        User.objects.filter(role=Role.DISPATCHER, company__in=bulletin.companies.all()),
        kind=NoticeKind.BULLETIN,
        title=bulletin.title[:100],
        body=f"{bulletin.number}已印发，请按整改要求落实并按期报送整改情况。",
        subject=f"bulletin:{bulletin.pk}",
        link=reverse("reports:bulletin", args=[bulletin.pk]),
    )
    return bulletin
