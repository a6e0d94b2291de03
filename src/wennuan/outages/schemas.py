"""API shapes of the outages app (django-ninja). Names and phones are masked by the viewer's role."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from wennuan.core.masking import shown_name, shown_phone

from .enums import Liability, OutageCause, OutageState

MAX_ID = 2**63 - 1  # the largest id SQLite and PostgreSQL (bigint) can hold
ID = Field(..., ge=1, le=MAX_ID)


class OutageIn(Schema):
    """Exactly one of ``station_id``, ``building_ids``, ``unit_ids``. Times with their offset."""

    cause: OutageCause
    liability: Liability | None = None
    start: datetime
    expected_restore: datetime
    description: str = Field("", max_length=500)
    station_id: int | None = Field(None, ge=1, le=MAX_ID)
    building_ids: list[int] = Field(default_factory=list, max_length=500)
    unit_ids: list[int] = Field(default_factory=list, max_length=500)
    company_id: int | None = Field(None, ge=1, le=MAX_ID)


class RestoreIn(Schema):
    at: datetime | None = None


class OutageQuery(Schema):
    state: OutageState | None = None
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(50, ge=1, le=200)


class OutageOut(Schema):
    id: int
    company_id: int
    company: str
    station_id: int | None
    area_kind: str
    area_label: str
    cause: str
    cause_label: str
    liability: str
    liability_label: str
    description: str
    planned: bool
    state: str
    start: datetime
    expected_restore: datetime
    actual_restore: datetime | None
    household_count: int
    area_m2: Decimal
    summary: str

    @classmethod
    def build(cls, o) -> dict:
        return {
            "id": o.pk,
            "company_id": o.company_id,
            "company": o.company.name,
            "station_id": o.station_id,
            "area_kind": o.area_kind,
            "area_label": o.area_label,
            "cause": o.cause,
            "cause_label": o.get_cause_display(),
            "liability": o.liability,
            "liability_label": o.get_liability_display(),
            "description": o.description,
            "planned": o.planned,
            "state": o.state,
            "start": o.start,
            "expected_restore": o.expected_restore,
            "actual_restore": o.actual_restore,
            "household_count": o.household_count,
            "area_m2": o.area_m2,
            "summary": o.summary,
        }


class OutageDetailOut(OutageOut):
    hours: float
    refund_days: int
    refund_explanation: str
    suspected_case_ids: list[int]


class OutagePage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[OutageOut]


class AffectedHouseholdOut(Schema):
    id: int
    account: str
    address: str
    area: Decimal
    grid: str
    resident_name: str
    phone: str
    refund_days: int

    @classmethod
    def build(cls, h, user, *, days: int) -> dict:
        b = h.unit.building
        return {
            "id": h.pk,
            "account": h.account,
            "address": f"{b.estate.name}{b.label}{h.unit.label}{h.room}",
            "area": h.area,
            "grid": h.grid.name,
            "resident_name": shown_name(user, h.resident_name),
            "phone": shown_phone(user, h.phone),
            "refund_days": days,
        }


class AffectedPage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[AffectedHouseholdOut]


class Message(Schema):
    code: str = ""
    detail: str
