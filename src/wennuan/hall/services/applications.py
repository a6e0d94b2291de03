"""报停/开栓: apply (a resident online or staff on their behalf), the company's answer, the 开栓 work order.

The resident page calls ``apply_suspension``/``apply_resumption`` with ``by=None`` and
``applicant=Applicant.RESIDENT`` once it has verified the household; staff pass themselves as ``by``. Every
refusal of the rules is a typed error (``hall.errors``) whose text is a Chinese sentence for the person."""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from wennuan.cases.enums import CaseState, Channel
from wennuan.cases.services import dispatch_case, receive_case
from wennuan.core import audit
from wennuan.core.categories import Category
from wennuan.core.errors import DomainError, NotInScope, NotPermitted
from wennuan.core.roles import Role
from wennuan.registry.models import Household
from wennuan.rules import defaults as rule_defaults
from wennuan.rules.models import Season
from wennuan.rules.selectors import current_or_next_season, season_on

from .. import arrears
from ..city_rules import suspension_rule
from ..enums import Applicant, ApplicationKind, ApplicationStatus, RefusalReason
from ..errors import AlreadyApplied, ArrearsNotAReason, ConditionNotMet, DecisionInvalid, OutsideWindow
from ..models import HeatApplication
from ..roles import DECIDERS, FILERS, may
from .statements import recompute_for

MAX_NOTE = 500


def _city_id(household) -> int:
    return household.station.company.city_id


def _check_filer(household, by) -> None:
    """Staff file only for households in their scope; ``by=None`` is the resident (verified upstream)."""
    if by is None:
        return
    if not may(by, FILERS):
        raise NotPermitted("您的角色不能代办报停或开栓")
    if not Household.objects.visible_to(by).filter(pk=household.pk).exists():
        raise NotInScope("户号不存在或不在您的管辖范围内")


def _clean(text: str, label: str, limit: int = MAX_NOTE) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise DomainError(f"{label}最多{limit}个字")
    return text


def _fmt(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def season_to_suspend(*, city_id: int, today: date, by=None) -> Season:
    """The season a 报停 filed today is for: the next one to start. In season: OutsideWindow. When the city
    has not entered its next season yet, it is created with domain.md's dates (editable in the admin)."""
    current = season_on(city=city_id, on=today)
    if current is not None:
        raise OutsideWindow(
            f"{current.name}供暖季已于{_fmt(current.first_day)}开始供热，本季不能再办理报停；"
            "下一供暖季的报停请在明年供暖季开始前申请。"
        )
    upcoming = Season.objects.filter(city_id=city_id, starts_on__gt=today).order_by("starts_on").first()
    if upcoming is not None:
        return upcoming
    year = today.year if today < date(today.year, *rule_defaults.SEASON_START) else today.year + 1
    name, start, end = rule_defaults.season_dates(year)
    season, created = Season.objects.get_or_create(
        city_id=city_id, name=name, defaults={"starts_on": start, "ends_on": end}
    )
    if created:
        audit.record(
            actor=by, action="hall.season_assumed", obj=season, summary=f"按默认日期设立{season}供暖季"
        )
    return season


def window_closes(*, season: Season) -> date:
    """The last day a 报停 for ``season`` may be filed (the city's rule on that day decides how many days)."""
    rule = suspension_rule(city_id=season.city_id, on=season.starts_on)
    return season.starts_on - timedelta(days=rule.apply_days_before)


def _answer_due(city_id: int, now: datetime) -> datetime:
    rule = suspension_rule(city_id=city_id, on=timezone.localdate(now))
    return now + timedelta(days=rule.answer_days)


def is_suspended(household, season: Season) -> bool:
    """Approved 报停 for the season, or — for the current or next season — the registry's 报停."""
    if HeatApplication.objects.filter(
        household=household, season=season, kind=ApplicationKind.SUSPEND, status=ApplicationStatus.APPROVED
    ).exists():
        return True
    current = current_or_next_season(city=season.city_id)
    return household.payment_status == "suspended" and current is not None and current.pk == season.pk


def _file(*, kind, household, season, by, applicant, name, phone, note, now) -> HeatApplication:
    if HeatApplication.objects.filter(
        household=household, season=season, kind=kind, status=ApplicationStatus.PENDING
    ).exists():
        raise AlreadyApplied(
            f"本户{season.name}供暖季已有{ApplicationKind(kind).label}申请待答复，请勿重复申请"
        )
    app = HeatApplication(
        kind=kind, household=household, season=season, applicant=applicant,
        applicant_name=_clean(name, "申请人", 50), applicant_phone=_clean(phone, "联系电话", 30),
        note=_clean(note, "申请说明"), filed_by=by, applied_at=now, answer_due=_answer_due(season.city_id, now),
    )  # fmt: skip
    try:
        with transaction.atomic():
            app.save()
    except IntegrityError:  # two submits at once: the unique pending constraint kept one
        raise AlreadyApplied(f"本户已有{ApplicationKind(kind).label}申请待答复，请勿重复申请") from None
    audit.record(
        actor=by, action=f"hall.{kind}_applied", obj=app,
        summary=f"{household.account} 申请{app.get_kind_display()}（{season.name}，{app.get_applicant_display()}），"
        f"企业应于{timezone.localtime(app.answer_due):%Y-%m-%d}前答复",
    )  # fmt: skip
    return app


@transaction.atomic
def apply_suspension(
    *, household, by=None, applicant: str = Applicant.STAFF, name: str = "", phone: str = "", note: str = ""
) -> HeatApplication:
    """报停 for the next season. Refused (OutsideWindow) in season or later than the city's window (30 days
    before the season by default); AlreadyApplied when one is pending or approved."""
    _check_filer(household, by)
    applicant = Applicant.RESIDENT if by is None else Applicant(applicant)
    now = timezone.now()
    today = timezone.localdate(now)
    season = season_to_suspend(city_id=_city_id(household), today=today, by=by)
    closes = window_closes(season=season)
    if today > closes:
        days = (season.starts_on - closes).days
        raise OutsideWindow(
            f"报停须在供暖季开始前{days}天申请：{season.name}供暖季{_fmt(season.starts_on)}开始，"
            f"申请截止{_fmt(closes)}，已过申请期限。"
        )
    if HeatApplication.objects.filter(
        household=household, season=season, kind=ApplicationKind.SUSPEND, status=ApplicationStatus.APPROVED
    ).exists():
        raise AlreadyApplied(f"本户{season.name}供暖季的报停已获同意，无需再申请")
    return _file(
        kind=ApplicationKind.SUSPEND, household=household, season=season, by=by, applicant=applicant,
        name=name, phone=phone, note=note, now=now,
    )  # fmt: skip


@transaction.atomic
def apply_resumption(
    *, household, by=None, applicant: str = Applicant.STAFF, name: str = "", phone: str = "", note: str = ""
) -> HeatApplication:
    """开栓 (resume heat) for the current season, or the next one before it starts. The household must be
    suspended for it (ConditionNotMet otherwise); heat counts from the day the 开栓 visit is done."""
    _check_filer(household, by)
    applicant = Applicant.RESIDENT if by is None else Applicant(applicant)
    now = timezone.now()
    today = timezone.localdate(now)
    city_id = _city_id(household)
    season = season_on(city=city_id, on=today) or (
        Season.objects.filter(city_id=city_id, starts_on__gt=today).order_by("starts_on").first()
    )
    if season is None:
        raise OutsideWindow("现在不在供暖季，下一供暖季尚未公布，暂不能申请开栓。")
    if not is_suspended(household, season):
        raise ConditionNotMet(
            f"本户{season.name}供暖季没有报停，无需申请开栓。如家中暖气不热，请报修“暖气不热”。"
        )
    if HeatApplication.objects.filter(
        household=household, season=season, kind=ApplicationKind.RESUME, status=ApplicationStatus.APPROVED
    ).exists():
        raise AlreadyApplied(f"本户{season.name}供暖季的开栓已获同意，请等候上门开栓")
    return _file(
        kind=ApplicationKind.RESUME, household=household, season=season, by=by, applicant=applicant,
        name=name, phone=phone, note=note, now=now,
    )  # fmt: skip


_CHANNEL_OF_ROLE = {
    Role.HOTLINE_AGENT: Channel.HOTLINE_12345,
    Role.DISPATCHER: Channel.COMPANY_HOTLINE,
    Role.GRID_WORKER: Channel.GRID_VISIT,
    Role.COMMUNITY_STAFF: Channel.GRID_VISIT,
}


def _open_work_order(app: HeatApplication, by):
    """The 开栓 visit as a work order of category 报停/恢复供热 (its own clock: the city's TimeLimit row for
    that category), dispatched to the household's station by the person who approved."""
    filer = app.filed_by
    channel = Channel.ONLINE if filer is None else _CHANNEL_OF_ROLE.get(filer.role, Channel.WALK_IN)
    text = f"开栓上门：{app.season.name}供暖季报停户申请恢复供热，已同意，请上门开栓并确认室内供热正常。"
    if app.note:
        text += f" 居民说明：{app.note}"
    case, _ = receive_case(
        channel=channel, external_id=f"KS-{app.pk}", text=text, household=app.household,
        category=Category.SUSPEND_RESUME, reporter_name=app.applicant_name or app.household.resident_name,
        reporter_phone=app.applicant_phone or app.household.phone, by=by,
    )  # fmt: skip
    if case.station_id is not None and case.state in (CaseState.RECEIVED, CaseState.RETURNED):
        case = dispatch_case(case=case, by=by, note="报停户开栓，请按时上门")
    return case


@transaction.atomic
def decide(
    *, application: HeatApplication, by, approve: bool, reason: str = "", note: str = ""
) -> HeatApplication:
    """The company's written answer. A refusal names a technical reason (``RefusalReason``; 其他 needs the
    note); arrears are never one (ArrearsNotAReason). An approved 开栓 opens and dispatches its work order."""
    if not may(by, DECIDERS):
        raise NotPermitted("只有供热企业（调度）或供热主管可以答复报停、开栓申请")
    app = (
        HeatApplication.objects.visible_to(by)
        .select_for_update(of=("self",))  # filed_by is an outer join: lock the application only
        .select_related("household__station__company", "season", "filed_by")
        .filter(pk=application.pk)
        .first()
    )
    if app is None:
        raise NotInScope("申请不存在或不在您的管辖范围内")
    if app.status != ApplicationStatus.PENDING:
        raise DecisionInvalid(f"该申请已{app.get_status_display()}，不能再答复")
    note = _clean(note, "答复说明")
    now = timezone.now()
    if not approve:
        if reason not in RefusalReason.values:
            raise DecisionInvalid("拒绝须选择理由：" + "、".join(RefusalReason.labels))
        if reason == RefusalReason.OTHER and len(note) < 4:
            raise DecisionInvalid("选择“其他技术原因”时须写明具体原因（至少4个字）")
        found = arrears.cited(note)
        if found is not None or arrears.mentions_arrears(note):
            raise ArrearsNotAReason(found.warning if found else arrears.OWN_WARNING)
    app.status = ApplicationStatus.APPROVED if approve else ApplicationStatus.REFUSED
    app.decided_at, app.decided_by, app.decision_note = now, by, note
    app.refusal_reason = "" if approve else reason
    app.overdue = app.overdue or now > app.answer_due
    if approve and app.kind == ApplicationKind.RESUME:
        app.work_order = _open_work_order(app, by)
    app.save()
    recompute_for(season=app.season, household_ids=[app.household_id])
    verdict = "同意" if approve else f"拒绝（{RefusalReason(reason).label}）"
    audit.record(
        actor=by, action=f"hall.application_{app.status}", obj=app,
        summary=f"{app.household.account} {app.get_kind_display()}申请：{verdict}"
        + (f"；开栓工单{app.work_order_id}" if app.work_order_id else "") + ("；超期答复" if app.overdue else ""),
        changes={"status": app.status, "reason": app.refusal_reason, "note": note},
    )  # fmt: skip
    return app


def work_order_changed(*, case, resolved: bool, at: datetime) -> None:
    """The 开栓 work order was resolved (heat is back from that day) or reopened (not yet): called by the
    hall's case listener inside the case change's transaction."""
    app = (
        HeatApplication.objects.select_for_update(of=("self",))
        .filter(work_order_id=case.pk, kind=ApplicationKind.RESUME, status=ApplicationStatus.APPROVED)
        .select_related("season", "household")
        .first()
    )
    if app is None:
        return
    app.heat_from = timezone.localdate(at) if resolved else None
    app.save(update_fields=["heat_from"])
    recompute_for(season=app.season, household_ids=[app.household_id])
    audit.record(
        actor=None, action="hall.heat_resumed" if resolved else "hall.heat_resume_reopened", obj=app,
        summary=f"{app.household.account} 开栓工单{case.pk}"
        + (f"办结：{app.heat_from}起恢复供热，热费按比例计" if resolved else "重办：恢复供热日期待定"),
    )  # fmt: skip


def mark_overdue_answers(*, now: datetime | None = None) -> int:
    """The sweep: pending applications past the company's answer limit are flagged (once each, audited)."""
    now = now or timezone.now()
    with transaction.atomic():
        late = list(
            HeatApplication.objects.select_for_update(of=("self",))
            .filter(status=ApplicationStatus.PENDING, overdue=False, answer_due__lt=now)
            .select_related("household")
        )
        if not late:
            return 0
        HeatApplication.objects.filter(pk__in=[a.pk for a in late]).update(overdue=True)
        audit.record_many(
            [
                audit.entry(
                    actor=None,
                    action="hall.answer_overdue",
                    obj=a,
                    summary=f"{a.household.account} {a.get_kind_display()}申请超过答复期限"
                    f"（{timezone.localtime(a.answer_due):%Y-%m-%d %H:%M}）未答复",
                )  # fmt: skip
                for a in late
            ]
        )
    return len(late)
