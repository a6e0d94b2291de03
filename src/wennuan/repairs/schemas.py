"""API shapes of the summer repair ledger (django-ninja); bounds as in the forms and the services."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from wennuan.core.bounds import FIRST_DAY, LAST_DAY

from .enums import HotspotOrder, ItemStatus, SiteLevel
from .services import FUNDS_MAX

MAX_ID = 2**63 - 1


class Message(Schema):
    code: str = ""
    detail: str


class HotspotQuery(Schema):
    level: SiteLevel = SiteLevel.ESTATE
    order: HotspotOrder = HotspotOrder.PER_HOUSEHOLD
    start: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    end: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    limit: int = Field(50, ge=1, le=500)


class HotspotOut(Schema):
    level: str
    site_id: int
    name: str
    district: str
    company_id: int | None
    company: str
    households: int
    complaints: int
    per_100: float | None
    repeats: int
    repeat_rate: float | None
    below_standard: int
    readings: int
    outages: int
    categories: list[tuple[str, int]]


class HotspotList(Schema):
    start: date
    end: date
    items: list[HotspotOut]


class CreateItemsIn(Schema):
    level: SiteLevel
    site_ids: list[int] = Field(..., min_length=1, max_length=200)
    start: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    end: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)
    deadline: date | None = Field(None, ge=FIRST_DAY, le=LAST_DAY)


class ItemQuery(Schema):
    status: ItemStatus | None = None
    overdue: bool | None = None
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(50, ge=1, le=200)


class ProgressOut(Schema):
    on: date
    percent: int
    note: str
    by: str


class ItemOut(Schema):
    id: int
    number: str
    level: str
    site_label: str
    problem: str
    evidence: dict
    company_id: int
    company: str
    funds_yuan: Decimal | None
    deadline: date
    status: str
    status_label: str
    percent: int
    overdue: bool
    overdue_since: date | None
    verification_note: str

    @staticmethod
    def build(item) -> dict:
        return {
            **{k: getattr(item, k) for k in ItemOut.model_fields if hasattr(item, k)},
            "company": item.company.name,
            "status_label": item.get_status_display(),
        }


class ItemDetailOut(ItemOut):
    progress: list[ProgressOut]


class ItemPage(Schema):
    count: int
    capped: bool
    page: int
    pages: int
    items: list[ItemOut]


class ProgressIn(Schema):
    on: date = Field(..., ge=FIRST_DAY, le=LAST_DAY)
    percent: int = Field(..., ge=0, le=100)
    note: str = Field(..., min_length=1, max_length=2000)


class ItemUpdateIn(Schema):
    problem: str = Field(..., min_length=1, max_length=4000)
    company_id: int = Field(..., ge=1, le=MAX_ID)
    funds_yuan: Decimal | None = Field(None, ge=0, le=FUNDS_MAX, decimal_places=2)
    deadline: date = Field(..., ge=FIRST_DAY, le=LAST_DAY)


class CompleteIn(Schema):
    note: str = Field("", max_length=2000)


class VerifyIn(Schema):
    passed: bool
    note: str = Field("", max_length=2000)
