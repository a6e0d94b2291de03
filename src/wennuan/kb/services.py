"""Writes to the knowledge base. Each is one transaction that also appends the entry's revision (what
知识库更新数 counts) and the audit entry; the full-text index follows in the database (see models)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from wennuan.core import audit
from wennuan.core.bounds import FIRST_DAY, LAST_DAY
from wennuan.core.categories import Category
from wennuan.core.errors import DomainError, NotPermitted
from wennuan.registry.models import City, Company, District, Street

from . import permissions, text
from .enums import ReviewState, RevisionKind, Transition
from .models import Entry, EntryRevision

MAX_QUESTION = 200
MAX_ANSWER = 4000
MAX_KEYWORDS = 200


class EntryInvalid(DomainError):
    """An entry's fields break a rule; ``problems`` names each field (its Chinese label) and why."""

    code = "kb_entry_invalid"
    http_status = 422

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("；".join(f"{field}：{why}" for field, why in problems))


@dataclass
class EntryFields:
    """What a person writes: the place it applies to is given as rows (pages, API) already looked up."""

    question: str
    answer: str
    category: str = Category.OTHER
    keywords: str = ""
    city: City | None = None
    company: Company | None = None
    district: District | None = None
    street: Street | None = None
    valid_from: date | None = None
    valid_to: date | None = None


def check_fields(fields: EntryFields, *, by) -> list[tuple[str, str]]:
    """Every problem of ``fields`` written by ``by`` (empty: fine). Fills the city from the company or
    the region, and the district from the street, when they are left out."""
    problems = []
    fields.question = (fields.question or "").strip()
    fields.answer = (fields.answer or "").strip()
    fields.keywords = " ".join((fields.keywords or "").split())
    if len(fields.question) < 2:
        problems.append(("问题", "不能为空（至少2个字）"))
    elif len(fields.question) > MAX_QUESTION:
        problems.append(("问题", f"不能超过{MAX_QUESTION}个字"))
    if not fields.answer:
        problems.append(("答复口径", "不能为空"))
    elif len(fields.answer) > MAX_ANSWER:
        problems.append(("答复口径", f"不能超过{MAX_ANSWER}个字"))
    if len(fields.keywords) > MAX_KEYWORDS:
        problems.append(("关键词", f"不能超过{MAX_KEYWORDS}个字"))
    if fields.category not in Category.values:
        problems.append(("类别", "不是已有的类别"))
    if not getattr(by, "is_supervisor", False):
        if fields.company is not None and fields.company.pk != by.company_id:
            problems.append(("供热企业", "企业只能编写本企业的条目"))
        fields.company = by.company
    if fields.street is not None:
        if fields.district is None:
            fields.district = fields.street.district
        elif fields.street.district_id != fields.district.pk:
            problems.append(("街道", f"“{fields.street.name}”不属于“{fields.district.name}”"))
    if fields.city is None:
        fields.city = (
            next((p.city for p in (fields.company, fields.district) if p is not None), None) or _only_city()
        )
    if fields.city is None:
        problems.append(("城市", "请指定条目适用的城市"))
    else:
        for label, place in (("供热企业", fields.company), ("区县", fields.district)):
            if place is not None and place.city_id != fields.city.pk:
                problems.append((label, f"“{place.name}”不在{fields.city.name}"))
    for label, day in (("生效日期", fields.valid_from), ("失效日期", fields.valid_to)):
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            problems.append((label, f"须在{FIRST_DAY}至{LAST_DAY}之间"))
    if fields.valid_from and fields.valid_to and fields.valid_to < fields.valid_from:
        problems.append(("失效日期", "早于生效日期"))
    return problems


def _only_city() -> City | None:
    cities = list(City.objects.all()[:2])
    return cities[0] if len(cities) == 1 else None


def _apply(entry: Entry, fields: EntryFields) -> None:
    for name in ("question", "answer", "category", "keywords", "city", "company", "district", "street"):
        setattr(entry, name, getattr(fields, name))
    entry.valid_from, entry.valid_to = fields.valid_from, fields.valid_to
    entry.question_terms = text.index_text(entry.question, entry.keywords)
    entry.body_terms = text.index_text(entry.answer)


def _revision(entry: Entry, *, by, kind: str, at, note: str = "") -> None:
    EntryRevision.objects.create(
        entry=entry, at=at, by=_person(by), company=entry.company, kind=kind, note=note
    )


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None


def create_entry(
    *, by, fields: EntryFields, state: str = ReviewState.DRAFT, kind=RevisionKind.CREATED
) -> Entry:
    """A new entry by ``by`` (a supervisor, or a dispatcher for their own company), a draft unless a
    supervisor gives another state. Raises ``NotPermitted`` or ``EntryInvalid``."""
    if not permissions.can_write(by):
        raise NotPermitted("只有供热主管或供热企业调度可以编写知识库")
    problems = check_fields(fields, by=by)
    if state not in ReviewState.values:
        problems.append(("审核状态", "不是已有的状态"))
    elif state == ReviewState.PUBLISHED and not by.is_supervisor:
        problems.append(("审核状态", "发布须经供热主管审核"))
    if problems:
        raise EntryInvalid(problems)
    now = timezone.now()
    entry = Entry(state=state, author=_person(by), created_at=now, updated_at=now)
    _apply(entry, fields)
    with transaction.atomic():
        entry.save()
        _revision(entry, by=by, kind=kind, at=now)
        audit.record(
            actor=by, action="kb.create", obj=entry, summary=f"新建知识库条目：{entry.question}"[:500]
        )
    return entry


def update_entry(*, entry: Entry, by, fields: EntryFields, kind=RevisionKind.EDITED) -> Entry:
    """Change an entry's content. A dispatcher's change to a published entry sends it back to review
    (what residents are told is reviewed by the city)."""
    if not permissions.can_edit(by, entry):
        raise NotPermitted("您不能修改这条知识库条目")
    problems = check_fields(fields, by=by)
    if problems:
        raise EntryInvalid(problems)
    before = {"question": entry.question, "answer": entry.answer, "state": entry.state}
    _apply(entry, fields)
    now = timezone.now()
    entry.updated_at = now
    if entry.state == ReviewState.PUBLISHED and not by.is_supervisor:
        entry.state = ReviewState.IN_REVIEW
    with transaction.atomic():
        entry.save()
        _revision(entry, by=by, kind=kind, at=now)
        audit.record(
            actor=by,
            action="kb.edit",
            obj=entry,
            summary=f"修改知识库条目：{entry.question}"[:500],
            changes={k: [v, getattr(entry, k)] for k, v in before.items() if v != getattr(entry, k)},
        )
    return entry


def move_entry(*, entry: Entry, by, transition: str) -> Entry:
    """Change an entry's review state (提交审核, 审核发布, 退回修改, 停用, 重新起草)."""
    if transition not in Transition.values:
        raise NotPermitted("没有这个操作")
    label = Transition(transition).label
    if not permissions.may_move(by, entry, transition):
        raise NotPermitted(f"当前状态为“{ReviewState(entry.state).label}”，您不能{label}")
    _, target, _ = permissions.TRANSITIONS[Transition(transition)]
    before = entry.state
    now = timezone.now()
    with transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(state=target, updated_at=now)
        entry.state, entry.updated_at = target, now
        _revision(entry, by=by, kind=RevisionKind.STATE, at=now, note=label)
        audit.record(
            actor=by,
            action=f"kb.{transition}",
            obj=entry,
            summary=f"{label}：{entry.question}"[:500],
            changes={"state": [before, target]},
        )
    return entry


def delete_entry(*, entry: Entry, by) -> None:
    """Delete an entry that was never published (a draft or one in review); a published one is retired
    instead, so what agents answered from stays on record."""
    if not permissions.can_edit(by, entry):
        raise NotPermitted("您不能删除这条知识库条目")
    if entry.state not in (ReviewState.DRAFT, ReviewState.IN_REVIEW):
        raise NotPermitted("发布过的条目不能删除，请停用")
    with transaction.atomic():
        audit.record(
            actor=by, action="kb.delete", obj=entry, summary=f"删除知识库条目：{entry.question}"[:500]
        )
        entry.delete()
