"""Writes of the visits app. Each is one function with keyword-only arguments that changes the rows and
writes the audit entry in the same transaction. Pages, the API, the sync endpoint and tests call these."""

import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from wennuan.accounts.enums import Role
from wennuan.core import audit
from wennuan.core.bounds import checked_moment, checked_temperature
from wennuan.core.errors import DomainError, NotInScope, NotPermitted
from wennuan.core.images import checked_image
from wennuan.registry.enums import PriorityGroup
from wennuan.registry.models import Household
from wennuan.rules.enums import RoomType
from wennuan.rules.selectors import indoor_standard

from . import intake
from .enums import STATUS_AFTER, OrderGroup, Outcome, ProblemStatus, ScopeKind, TaskPurpose, TaskStatus
from .generation import insert_missing_tasks
from .models import Campaign, Phase, Problem, TemperatureReading, Visit, VisitPhoto, VisitTask

ANSWER_FIELDS = (
    "room_temp_ok",
    "intermittent_heating",
    "answer_satisfied",
    "fee_paid",
    "subsidy_received",
    "answer_happy",
    "complaint_resolved",
    "shirking_found",
    "answer_agree",
    "retrofit_progress",
    "answer_accept",
)


@transaction.atomic
def create_campaign(
    *,
    by,
    name: str,
    city,
    starts_on: date,
    ends_on: date,
    district=None,
    street=None,
    target_groups=(),
    **targets,
) -> Campaign:
    """Create a campaign over the city, or one district, or one street (the narrowest given wins).

    ``target_groups``: PriorityGroup codes; the campaign then visits only the area's households in any of
    them (none: every household). Like the area, they stay once tasks exist. ``targets`` may set
    ``target_coverage`` and ``retry_after_days`` (the indoor standard is the city's rule,
    rules.selectors.indoor_standard)."""
    unknown = [g for g in target_groups if g not in PriorityGroup.values]
    if unknown:
        raise DomainError(f"未知的重点人群：{'、'.join(unknown)}")
    kind = ScopeKind.STREET if street else ScopeKind.DISTRICT if district else ScopeKind.CITY
    campaign = Campaign(
        name=name, city=city, scope_kind=kind, district=district, street=street,
        starts_on=starts_on, ends_on=ends_on, target_groups=",".join(dict.fromkeys(target_groups)), **targets,
    )  # fmt: skip
    _check_campaign(campaign)
    if district is not None and district.city_id != city.pk:
        raise DomainError("所选区县不属于该城市")
    if street is not None and (
        street.district.city_id != city.pk or (district and street.district_id != district.pk)
    ):
        raise DomainError("所选街道不属于该城市或区县")
    campaign.full_clean()
    campaign.save()
    audit.record(
        actor=by, action="visits.campaign_created", obj=campaign, summary=f"{name}（{campaign.scope_label}）"
    )
    return campaign


# A campaign longer than a year, or a target outside 0–100 %, is a typo, not a plan.
MAX_CAMPAIGN_DAYS = 366
MAX_RETRY_AFTER_DAYS = 30


def _check_campaign(campaign: Campaign) -> None:
    if not (campaign.name or "").strip():
        raise DomainError("请填写活动名称")
    if campaign.ends_on < campaign.starts_on:
        raise DomainError("结束日期不能早于开始日期")
    if (campaign.ends_on - campaign.starts_on).days > MAX_CAMPAIGN_DAYS:
        raise DomainError("一次活动不能超过一年")
    if not 0 < Decimal(campaign.target_coverage) <= 100:
        raise DomainError("走访覆盖率目标须在 0–100% 之间")
    if not 1 <= int(campaign.retry_after_days) <= MAX_RETRY_AFTER_DAYS:
        raise DomainError(f"不在家改约间隔须为 1–{MAX_RETRY_AFTER_DAYS} 天")


def _check_phase_dates(campaign: Campaign, starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise DomainError("阶段结束日期不能早于开始日期")
    if starts_on < campaign.starts_on or ends_on > campaign.ends_on:
        raise DomainError(f"阶段日期须在活动日期（{campaign.starts_on} 至 {campaign.ends_on}）之内")


@transaction.atomic
def update_campaign(
    *,
    by,
    campaign: Campaign,
    name: str,
    starts_on: date,
    ends_on: date,
    target_coverage,
    retry_after_days: int,
) -> Campaign:
    """Change a campaign's name, dates and targets (its area stays: tasks were generated for it). Every
    phase must still fall within the new dates. Audited with the fields before and after."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    fields = {
        "name": name.strip(), "starts_on": starts_on, "ends_on": ends_on,
        "target_coverage": Decimal(str(target_coverage)), "retry_after_days": int(retry_after_days),
    }  # fmt: skip
    changes = {k: [str(getattr(campaign, k)), str(v)] for k, v in fields.items() if getattr(campaign, k) != v}
    for key, value in fields.items():
        setattr(campaign, key, value)
    _check_campaign(campaign)
    outside = (
        campaign.phases.exclude(starts_on__gte=starts_on, ends_on__lte=ends_on).order_by("number").first()
    )
    if outside is not None:
        raise DomainError(
            f"第{outside.number}阶段（{outside.starts_on} 至 {outside.ends_on}）不在新的活动日期内"
        )
    campaign.full_clean()
    campaign.save()
    if changes:
        audit.record(
            actor=by, action="visits.campaign_changed", obj=campaign, summary=f"修改活动 {campaign.name}",
            changes=changes,
        )  # fmt: skip
    return campaign


@transaction.atomic
def update_phase(*, by, phase: Phase, name: str, starts_on: date, ends_on: date) -> Phase:
    """Rename or re-date a phase within its campaign's dates. Audited."""
    phase = Phase.objects.select_for_update().select_related("campaign").get(pk=phase.pk)
    _check_phase_dates(phase.campaign, starts_on, ends_on)
    if not (name or "").strip():
        raise DomainError("请填写阶段名称")
    fields = {"name": name.strip(), "starts_on": starts_on, "ends_on": ends_on}
    changes = {k: [str(getattr(phase, k)), str(v)] for k, v in fields.items() if getattr(phase, k) != v}
    for key, value in fields.items():
        setattr(phase, key, value)
    phase.full_clean()
    phase.save()
    if changes:
        audit.record(
            actor=by, action="visits.phase_changed", obj=phase, summary=f"修改阶段 {phase}", changes=changes
        )
    return phase


@transaction.atomic
def add_phase(*, by, campaign: Campaign, name: str, starts_on: date, ends_on: date) -> Phase:
    """Append the next phase to a campaign, within its dates."""
    _check_phase_dates(campaign, starts_on, ends_on)
    if not (name or "").strip():
        raise DomainError("请填写阶段名称")
    number = campaign.phases.count() + 1
    phase = Phase(campaign=campaign, number=number, name=name, starts_on=starts_on, ends_on=ends_on)
    phase.full_clean()
    phase.save()
    audit.record(
        actor=by, action="visits.phase_added", obj=phase, summary=f"{campaign.name} 第{number}阶段 {name}"
    )
    return phase


@transaction.atomic
def generate_phase_tasks(*, by, phase: Phase) -> int:
    """Create one visit task per household in the campaign's scope that has none in this phase yet.

    Idempotent: a second run adds only households registered since. Returns how many tasks were added."""
    phase = Phase.objects.select_for_update().select_related("campaign").get(pk=phase.pk)
    added = insert_missing_tasks(phase)
    phase.generated_at = timezone.now()
    phase.save(update_fields=["generated_at"])
    audit.record(
        actor=by, action="visits.tasks_generated", obj=phase,
        summary=f"{phase} 生成走访任务 {added} 户", changes={"added": added},
    )  # fmt: skip
    return added


# Who records door-to-door visits: the people of the grid and the community, never a company's crew (which
# could otherwise fabricate its own households' satisfaction) nor the desk roles.
VISITOR_ROLES = frozenset({Role.GRID_WORKER, Role.COMMUNITY_STAFF})


def ensure_visitor(user) -> None:
    """Raise NotPermitted unless ``user``'s role records visits."""
    if getattr(user, "role", None) not in VISITOR_ROLES:
        raise NotPermitted("只有网格员和社区工作人员可以登记走访")


def ensure_may_visit(user, household: Household) -> None:
    """A visitor writes only for households inside her own scope (a grid worker: her grid)."""
    if not Household.objects.visible_to(user).filter(pk=household.pk).exists():
        raise NotInScope("该住户不在您的辖区内，不能登记走访")


def _open_task(phase: Phase, household: Household) -> VisitTask | None:
    return (
        VisitTask.objects.filter(phase=phase, household=household, status=TaskStatus.PENDING)
        .order_by("attempt")
        .first()
    )


def _reschedule(task: VisitTask, visited_at: datetime, *, at=None) -> VisitTask:
    """The next attempt for a not-at-home household, ``retry_after_days`` after this one."""
    days = task.phase.campaign.retry_after_days
    due = timezone.localtime(visited_at).date() + timedelta(days=days)
    nxt, _ = VisitTask.objects.get_or_create(
        phase_id=task.phase_id, household_id=task.household_id, attempt=task.attempt + 1,
        defaults={"grid_id": task.grid_id, "order_group": task.order_group, "due_on": due,
                  "created_at": at or timezone.now()},
    )  # fmt: skip
    return nxt


@transaction.atomic
def record_visit(
    *, by, client_id: uuid.UUID, household: Household, phase: Phase, **fields
) -> tuple[Visit, bool]:
    """Store a visit, or update the one with this ``client_id`` (a retried sync), in its own transaction
    (a savepoint when nested). Returns (visit, created).

    ``fields``: outcome, visited_at, answers, readings, problems, latitude, longitude, notes (see
    ``write_scoped_visit``). Raises NotInScope for a household outside the visitor's scope (checked here,
    one query) or a client id owned by someone else."""
    ensure_may_visit(by, household)
    existing, task = visit_lookups(client_id=client_id, phase=phase, household=household)
    return write_scoped_visit(
        by=by, client_id=client_id, household=household, phase=phase, existing=existing, task=task, **fields
    )


def visit_lookups(*, client_id: uuid.UUID, phase: Phase, household: Household):
    """(the stored visit with this client id, locked, or None; the household's open task in the phase when
    there is no stored visit)."""
    existing = Visit.objects.select_for_update().filter(client_id=client_id).first()
    return existing, None if existing is not None else _open_task(phase, household)


def write_scoped_visit(
    *,
    by,
    client_id: uuid.UUID,
    household: Household,
    phase: Phase,
    existing: Visit | None,
    task: VisitTask | None,
    outcome: str,
    visited_at: datetime,
    answers: dict | None = None,
    readings: list[dict] | None = None,
    problems: list[dict] | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    notes: str = "",
    at: datetime | None = None,
) -> tuple[Visit, bool]:
    """The body of ``record_visit`` for a caller that holds the transaction (a sync batch writes many
    visits in one, with no savepoint each). Returns (visit, created).

    ``household`` is one ``Household.objects.visible_to(by)`` produced (``record_visit`` checks it; the
    sync batch reads its households through that scope); ``existing`` and ``task`` are what
    ``visit_lookups`` says (a batch looks them up for many visits at once).
    The household's open task in the phase takes the outcome; not at home schedules the next attempt.
    ``readings``: [{room, celsius, measured_at?, instrument?}] — replace the visit's readings.
    ``problems``: [{client_id, description, category?, report?}] — upserted by client id; ``report``
    sends the problem to the cases app (一键上报).
    ``at``: when it is stored (default now; the demo season replays past syncs).
    Raises NotInScope for a client id owned by someone else."""
    ensure_visitor(by)
    checked_moment(visited_at, label="走访时间")
    outcome = Outcome(outcome)
    if existing is not None and (existing.visitor_id != by.pk or existing.household_id != household.pk):
        raise NotInScope("该走访记录编号已被其他记录使用")
    created = existing is None
    visit = existing or Visit(client_id=client_id, visitor=by, household=household)
    visit.phase = phase
    visit.outcome = outcome
    visit.visited_at = visited_at
    for name in ANSWER_FIELDS:
        value = (answers or {}).get(name)
        default = "" if name.startswith("answer_") or name == "retrofit_progress" else None
        setattr(visit, name, default if value is None else value)
    visit.latitude, visit.longitude, visit.notes = latitude, longitude, notes or ""
    visit.synced_at = at or timezone.now()
    if created:
        visit.task = task
    # The foreign keys are objects in hand; validating them would cost a query each per visit.
    visit.full_clean(exclude=["phase", "task", "household", "visitor"], validate_unique=False)
    visit.save()
    if created and visit.task_id:
        _close_task(visit, at=at)
    _replace_readings(visit, readings or [], fresh=created)
    for item in problems or []:
        _upsert_problem(visit=visit, by=by, at=at, **item)
    audit.record(
        actor=by, action="visits.visit_recorded" if created else "visits.visit_updated", obj=visit,
        summary=f"{household.account} {outcome.label}", changes={"client_id": str(client_id)},
    )  # fmt: skip
    return visit, created


def _close_task(visit: Visit, *, at=None) -> None:
    task = visit.task
    task.status = STATUS_AFTER[visit.outcome]
    task.save(update_fields=["status"])
    if visit.outcome == Outcome.NOT_HOME:
        _reschedule(task, visit.visited_at, at=at)


def _replace_readings(visit: Visit, readings: list[dict], *, fresh: bool) -> None:
    city_id = visit.phase.campaign.city_id
    if not fresh:
        visit.readings.all().delete()
    rows = []
    for r in readings:
        celsius = checked_temperature(r.get("celsius"), label="室温读数")
        if celsius is None:
            raise DomainError("室温读数不能为空")
        room = (r.get("room") or "客厅")[:30]
        measured_at = r.get("measured_at") or visit.visited_at
        standard = indoor_standard(city=city_id, on=measured_at, room_type=RoomType.of_room(room))
        rows.append(
            TemperatureReading(
                visit=visit,
                room=room,
                celsius=celsius,
                measured_at=measured_at,
                instrument=(r.get("instrument") or "")[:60],
                below_standard=celsius < standard,
            )  # fmt: skip
        )
    if rows:
        TemperatureReading.objects.bulk_create(rows)


def _upsert_problem(
    *, visit: Visit, by, client_id, description: str, category: str = "other", report: bool = False, at=None
):
    problem, created = Problem.objects.get_or_create(
        client_id=client_id,
        defaults={"visit": visit, "household_id": visit.household_id, "description": description,
                  "category": category or "other", "created_at": visit.visited_at},
    )  # fmt: skip
    if problem.visit_id != visit.pk:
        raise NotInScope("该问题编号已属于其他走访记录")
    if not created and (problem.description != description or problem.category != category):
        problem.description, problem.category = description, category or "other"
        problem.save(update_fields=["description", "category"])
    if report and problem.status == ProblemStatus.OPEN:
        report_problem(by=by, problem=problem, at=at)
    return problem


@transaction.atomic
def report_problem(*, by, problem: Problem, at=None) -> Problem:
    """一键上报: hand the problem to the cases app as a case with the household already resolved.

    Idempotent (a reported problem is returned unchanged)."""
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if problem.status != ProblemStatus.OPEN:
        return problem
    case = intake.send(problem=problem, by=by, at=at)
    problem.report_requested = True
    problem.case_id = case.pk
    problem.case_number = str(case.pk)
    problem.status = ProblemStatus.REPORTED
    problem.reported_at = at or timezone.now()
    problem.save()
    audit.record(
        actor=by, action="visits.problem_reported", obj=problem,
        summary=f"走访发现问题上报：{problem.description[:60]}", changes={"case_id": problem.case_id},
    )  # fmt: skip
    return problem


@transaction.atomic
def mark_problem_solved(*, by, problem: Problem, at=None) -> Problem:
    """Record that a problem found on a visit is solved (on the spot, or its case was resolved), and
    schedule the re-survey. ``by`` None is the system (the sweep that follows resolved cases)."""
    if by is not None:
        ensure_may_visit(by, problem.household)
    if problem.status == ProblemStatus.SOLVED:
        return problem
    problem.status = ProblemStatus.SOLVED
    problem.solved_at = at or timezone.now()
    problem.save(update_fields=["status", "solved_at"])
    audit.record(actor=by, action="visits.problem_solved", obj=problem, summary=problem.description[:60])
    schedule_resurvey(by=by, problem=problem, at=at)
    return problem


@transaction.atomic
def schedule_resurvey(*, by, problem: Problem, at=None) -> VisitTask:
    """After a fix, ask the resident again (满意度回访): a re-survey task for the next day in the phase
    the problem was found in. Idempotent: an existing re-survey task for the problem is returned."""
    existing = VisitTask.objects.filter(problem=problem, purpose=TaskPurpose.RESURVEY).first()
    if existing is not None:
        return existing
    visit = problem.visit
    last = VisitTask.objects.filter(phase_id=visit.phase_id, household_id=problem.household_id).aggregate(
        n=Max("attempt")
    )["n"]
    task = VisitTask.objects.create(
        phase_id=visit.phase_id, household_id=problem.household_id, grid_id=problem.household.grid_id,
        attempt=(last or 0) + 1, order_group=OrderGroup.COMPLAINT, purpose=TaskPurpose.RESURVEY, problem=problem,
        due_on=timezone.localdate(at) + timedelta(days=1), created_at=at or timezone.now(),
    )  # fmt: skip
    audit.record(
        actor=by,
        action="visits.resurvey_scheduled",
        obj=task,
        summary=f"整改后回访 {problem.household.account}",
    )
    return task


@transaction.atomic
def attach_photo(*, by, visit: Visit, client_id: uuid.UUID, upload) -> tuple[VisitPhoto, bool]:
    """Store a photo of a visit under MEDIA_ROOT; a retried upload with the same client id is a no-op."""
    if visit.visitor_id != by.pk:
        raise NotInScope("只能给自己的走访记录上传照片")
    photo = VisitPhoto.objects.filter(client_id=client_id).first()
    if photo is not None:
        return photo, False
    kind = checked_image(upload)
    photo = VisitPhoto(client_id=client_id, visit=visit, uploaded_at=timezone.now())
    # The stored name's extension comes from the content, not the sender's file name (no .html in media).
    photo.image.save(f"photo.{kind}", upload, save=False)
    photo.save()
    audit.record(actor=by, action="visits.photo_attached", obj=photo, summary=photo.image.name)
    return photo, True
