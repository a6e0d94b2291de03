"""API shapes (django-ninja). Personal data is masked here, by the viewer's role, like on the pages."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from wennuan.core.bounds import Day, Moment, Temperature
from wennuan.core.masking import shown_name, shown_phone

from .enums import Channel, Queue
from .services.batch_intake import MAX_BATCH

MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can hold


class IntakeIn(Schema):
    channel: Channel
    text: str = Field(..., min_length=1, max_length=5000)
    address: str = Field("", max_length=200)
    external_id: str = Field("", max_length=64)
    reporter_name: str = Field("", max_length=50)
    reporter_phone: str = Field("", max_length=30)
    household_id: int | None = Field(None, ge=1, le=MAX_ID)
    account: str = Field(
        "",
        max_length=40,
        description="户号 (the household's account number), instead of or with household_id",
    )
    category: str | None = None
    received_at: Moment | None = None


class IntakeBatchIn(Schema):
    items: list[IntakeIn] = Field(..., min_length=1, max_length=MAX_BATCH)


class IntakeResultOut(Schema):
    """One ticket of a batch: 201 created, 200 already received (its one case), 404 household not found
    or not in scope, 422 refused (``detail`` says why: an invalid ticket, or ``household_id`` and
    ``account`` that do not name the same household)."""

    index: int
    status: int
    external_id: str
    id: int | None = None
    version: int | None = None
    state: str | None = None
    station_id: int | None = None
    detail: str = ""


class IntakeBatchOut(Schema):
    created: int
    existing: int
    refused: int
    results: list[IntakeResultOut]


class CaseOut(Schema):
    id: int
    version: int
    channel: str
    external_id: str
    state: str
    state_label: str
    category: str
    category_label: str
    priority: str
    reporter_name: str
    reporter_phone: str
    address: str
    text: str
    household_id: int | None
    building_id: int | None
    station_id: int | None
    station: str | None
    company_id: int | None
    company: str | None
    received_at: datetime
    dispatched_at: datetime | None
    accepted_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    accept_due: datetime | None
    contact_due: datetime | None
    onsite_due: datetime | None
    resolve_due: datetime | None
    paused: bool
    paused_seconds: int
    is_overdue: bool
    overdue_limits: list[str]
    escalation_level: int
    return_count: int
    reopen_count: int
    suspected_fake_closure: bool
    fake_closure_reasons: list[str]
    suspected_outage: bool
    repeat_of_id: int | None
    parent_id: int | None

    @staticmethod
    def build(case, user) -> dict:
        data = {name: getattr(case, name, None) for name in CaseOut.model_fields}
        data.update(
            state_label=case.get_state_display(),
            category_label=case.get_category_display(),
            reporter_name=shown_name(user, case.reporter_name),
            reporter_phone=shown_phone(user, case.reporter_phone),
            station=case.station.name if case.station_id else None,
            company=case.company.name if case.company_id else None,
            paused=case.paused_at is not None,
        )
        return data


class EventOut(Schema):
    at: datetime
    actor: str
    action: str
    from_state: str
    to_state: str
    note: str
    attachments: list
    data: dict


class RevisitOut(Schema):
    at: datetime
    satisfaction: str
    temperature: Decimal | None
    below_standard: bool
    effective: bool
    note: str


class CaseDetailOut(CaseOut):
    resolution: str
    root_cause: str
    evidence: dict
    events: list[EventOut]
    revisits: list[RevisitOut]
    allowed_actions: list[str]


class CasePage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[CaseOut]


class Versioned(Schema):
    version: int = Field(..., ge=1)
    note: str = Field("", max_length=2000)


class AnswerIn(Versioned):
    ref: str = Field(..., min_length=3, max_length=64, description="答复依据，如知识库条目 kb:42")


class DispatchIn(Versioned):
    station_id: int | None = Field(None, ge=1)


class ReasonIn(Schema):
    version: int = Field(..., ge=1)
    reason: str = Field(..., min_length=1, max_length=2000)


class ResolveIn(Versioned):
    resolution: str = Field(..., max_length=5000)
    root_cause: str
    temperature: Temperature | None = None
    photos: list[str] = []


class RevisitIn(Versioned):
    satisfaction: str
    temperature: Temperature | None = None
    photo: str = Field("", max_length=300)


class SuperviseIn(Schema):
    instruction: str = Field(..., min_length=1, max_length=2000)
    due_at: datetime


class AttachIn(Versioned):
    parent_id: int = Field(..., ge=1)


class CaseQuery(Schema):
    """List filters; the same fields as selectors.CaseFilters (one filter set for pages and API)."""

    queue: Queue | Literal[""] = ""
    state: str = ""
    category: str = ""
    priority: str = ""
    channel: Channel | Literal[""] = ""
    # bounded like a database id: a larger number is a 422, not an overflow inside the query
    company: int | None = Field(None, ge=1, le=MAX_ID)
    station: int | None = Field(None, ge=1, le=MAX_ID)
    overdue: bool | None = None
    q: str = Field("", max_length=100)
    received_from: Day | None = None
    received_to: Day | None = None
    district: int | None = Field(None, ge=1, le=MAX_ID)
    street: int | None = Field(None, ge=1, le=MAX_ID)
    community: int | None = Field(None, ge=1, le=MAX_ID)
    grid: int | None = Field(None, ge=1, le=MAX_ID)
    estate: int | None = Field(None, ge=1, le=MAX_ID)
    open: bool | None = None
    escalated: bool | None = None
    resolved_from: Day | None = None
    resolved_to: Day | None = None
    closed_from: Day | None = None
    closed_to: Day | None = None


class CaseListQuery(CaseQuery):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


class KpiQuery(Schema):
    group: str = Field("company", pattern="^(company|station|street|district)$")
    start: Day
    end: Day


class Message(Schema):
    code: str = ""
    detail: str
