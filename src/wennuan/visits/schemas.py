"""Request and response shapes of the visits API (django-ninja)."""

import uuid
from datetime import date
from typing import Annotated

from ninja import Field, Schema

from wennuan.core.bounds import Moment, Temperature

# A row id as sent by a phone: bounded to the database's 64-bit integers, so an absurd id is a 422
# rather than an OverflowError (SQLite) in the batch's lookups.
RowId = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]


class PhaseOut(Schema):
    id: int
    number: int
    name: str
    starts_on: date
    ends_on: date


class CampaignOut(Schema):
    id: int
    name: str
    scope: str
    starts_on: date
    ends_on: date
    target_coverage: float
    indoor_standard: float
    phases: list[PhaseOut]


class TaskOut(Schema):
    id: int
    phase_id: int
    household_id: int
    account: str
    address: str
    building_id: int  # the field page groups today's list by building
    building: str  # 春湖小区3号楼
    room: str
    resident: str
    phone: str
    priority_groups: list[str]
    order_group: int
    attempt: int
    due_on: date


class ReadingIn(Schema):
    room: str = "客厅"
    celsius: Temperature
    measured_at: Moment | None = None
    instrument: str = ""


class ProblemIn(Schema):
    client_id: uuid.UUID
    description: str = Field(..., min_length=1, max_length=2000)
    category: str = "other"
    report: bool = False


class VisitIn(Schema):
    client_id: uuid.UUID
    household_id: RowId
    outcome: str
    visited_at: Moment
    phase_id: RowId | None = None
    task_id: RowId | None = None
    room_temp_ok: bool | None = None
    intermittent_heating: bool | None = None
    answer_satisfied: str = ""
    fee_paid: bool | None = None
    subsidy_received: bool | None = None
    answer_happy: str = ""
    complaint_resolved: bool | None = None
    shirking_found: bool | None = None
    answer_agree: str = ""
    retrofit_progress: str = ""
    answer_accept: str = ""
    readings: list[ReadingIn] = []
    problems: list[ProblemIn] = []
    latitude: float | None = None
    longitude: float | None = None
    notes: str = ""


class SyncIn(Schema):
    visits: list[VisitIn] = Field(..., max_length=500)


class SyncResultOut(Schema):
    client_id: uuid.UUID
    status: str
    visit_id: int | None = None
    error: str = ""
    conflict: bool = False


class SyncOut(Schema):
    results: list[SyncResultOut]
    created: int
    updated: int
    rejected: int


class PhotoOut(Schema):
    client_id: uuid.UUID
    created: bool
    url: str


class CoverageRowOut(Schema):
    key: int | None
    name: str
    households: int
    visited: int
    not_home: int
    refused: int
    vacant: int
    not_visited: int
    problems_found: int
    problems_solved: int
    readings: int
    readings_below: int
    coverage: float
    below_share: float | None


class CoverageOut(Schema):
    phase_id: int
    level: str
    summary: str
    rows: list[CoverageRowOut]
    total: CoverageRowOut
